from django.contrib import admin, messages
from django.utils.dateformat import time_format

from send_portal.core.dates import govuk_date

from . import services
from .models import Meeting, Panel, PanelMember


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["name", "purpose", "local_authority", "weekday", "starts_at", "every_weeks", "term_time_only",
                    "is_active"]
    actions = ["schedule_meetings"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            if set(form.changed_data) & set(services.SCHEDULE_SETTINGS):
                self._report_kept(request, services.panel_settings_changed(obj))
        else:
            created = services.panel_create(name=obj.name, purpose=obj.purpose, local_authority=obj.local_authority,
                                            weekday=obj.weekday, every_weeks=obj.every_weeks,
                                            **{name: getattr(obj, name) for name in services.PANEL_SETTINGS})
            obj.pk, obj.group = created.pk, created.group

    def _report_kept(self, request, kept):
        if not kept:
            return
        dates = "; ".join(
            f"{govuk_date(meeting.date)} at {time_format(meeting.starts_at, 'fA').lower()} "
            f"({meeting.item_count} item{'s' if meeting.item_count != 1 else ''})" for meeting in kept)
        self.message_user(request, f"Future meetings with nothing on their agenda have been moved to the new "
                                   f"settings. These meetings already have items on their agenda and no longer fit "
                                   f"the settings, so they have not been moved: {dates}. Move them by hand.",
                          messages.WARNING)

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

    def get_readonly_fields(self, request, obj=None):
        # Membership puts the user in the panel's group: changing who or which panel would leave that group wrong,
        # so an existing membership is ended and a new one added instead.
        if obj is not None:
            return ["user", "panel", *self.readonly_fields]
        return self.readonly_fields

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


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    # For moving a meeting that a change of day or a new holiday left in the wrong place; its agenda moves with it.
    list_display = ["panel", "date", "starts_at", "location"]
    list_filter = ["panel"]
    date_hierarchy = "date"
    fields = ["panel", "date", "starts_at", "location"]
    readonly_fields = ["panel"]

    def has_add_permission(self, request):
        return False  # meetings come from the panel's schedule

    def has_delete_permission(self, request, obj=None):
        return False
