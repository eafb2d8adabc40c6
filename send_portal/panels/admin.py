from django.contrib import admin

from . import services
from .models import Panel, PanelMember


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["name", "purpose", "local_authority", "weekday", "starts_at", "every_weeks", "term_time_only",
                    "is_active"]
    actions = ["schedule_meetings"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            created = services.panel_create(name=obj.name, purpose=obj.purpose, local_authority=obj.local_authority,
                                            weekday=obj.weekday, every_weeks=obj.every_weeks,
                                            **{name: getattr(obj, name) for name in services.PANEL_SETTINGS})
            obj.pk, obj.group = created.pk, created.group

    @admin.action(description="Schedule the next 8 meetings")
    def schedule_meetings(self, request, queryset):
        for panel in queryset:
            services.meetings_schedule(panel=panel)


@admin.register(PanelMember)
class PanelMemberAdmin(admin.ModelAdmin):
    # Membership decides who reads panel papers, so it is made and ended through services.
    list_display = ["user", "panel", "role", "represents", "ended_at"]
    list_filter = ["panel", "role"]
    readonly_fields = ["ended_at"]
    actions = ["end_memberships"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            created = services.panel_member_add(panel=obj.panel, user=obj.user, role=obj.role,
                                                represents=obj.represents)
            obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="End the selected memberships")
    def end_memberships(self, request, queryset):
        for member in queryset:
            services.panel_member_remove(member=member)
