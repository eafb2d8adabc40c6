from django.contrib import admin

from .models import LegalHold, PendingFileDeletion, RetentionRule
from .services import legal_hold_release


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ["record_type", "keep_years", "keep_days", "action", "enabled", "updated_at"]
    list_filter = ["enabled"]
    readonly_fields = ["record_type", "trigger", "updated_at"]
    fields = ["record_type", "trigger", "keep_years", "keep_days", "action", "enabled", "reason", "updated_at"]

    @admin.display(description="Counted from")
    def trigger(self, obj):
        return obj.trigger

    # The rules ship with the portal, one per record type the job knows how to handle: they are edited, not
    # added or removed (a missing rule would silently keep that type forever).
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ["__str__", "placed_by", "placed_at", "released_at"]
    list_filter = [("released_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["child", "case"]
    readonly_fields = ["case_reference", "child_reference", "placed_by", "placed_at", "released_by", "released_at"]
    actions = ["release"]

    def get_readonly_fields(self, request, obj=None):
        # What a hold covers cannot change after it is placed: release it and place another.
        return [*self.readonly_fields, "child", "case"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.placed_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # A hold is lifted, never deleted, so the record of it having been in place survives.
        return False

    @admin.action(description="Lift the selected holds")
    def release(self, request, queryset):
        for hold in queryset.filter(released_at__isnull=True):
            legal_hold_release(hold=hold, released_by=request.user)


@admin.register(PendingFileDeletion)
class PendingFileDeletionAdmin(admin.ModelAdmin):
    """Shown so an administrator can see files the retention job has not yet managed to delete from storage.
    Read-only: the job retries and removes them itself."""

    list_display = ["name", "model", "attempts", "first_failed_at", "last_failed_at", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
