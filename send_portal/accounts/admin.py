from allauth.account.decorators import reauthentication_required
from allauth.usersessions.admin import UserSessionAdmin as AllauthUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.decorators import method_decorator

from .models import User
from .services import sessions_end


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "family_role", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "family_role"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["full_name", "phone", "family_role"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["end_sessions"]

    # Saving here can make someone a superuser or admin user, so it needs the password given in the last
    # 5 minutes (ASVS 6.3.3); looking does not. The forms that carry a new password (adding someone, setting
    # a password) ask before they are shown: a form held up for re-authentication is kept in the session as
    # posted, and a password must never be stored there.
    @method_decorator(reauthentication_required(allow_get=True))
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)

    @method_decorator(reauthentication_required())
    def add_view(self, request, *args, **kwargs):
        return super().add_view(request, *args, **kwargs)

    @method_decorator(reauthentication_required())
    def user_change_password(self, request, *args, **kwargs):
        return super().user_change_password(request, *args, **kwargs)

    @admin.action(description="Sign the selected people out everywhere")
    def end_sessions(self, request, queryset):
        ended = sum(sessions_end(user) for user in queryset)
        messages.success(request, f"{ended} signed-in sessions ended.")


admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(AllauthUserSessionAdmin):
    # allauth's own admin searches a username field this portal does not have.
    search_fields = ["user__email", "ip"]
    actions = ["end_selected"]

    @admin.action(description="End the selected sessions")
    def end_selected(self, request, queryset):
        for session in queryset:
            session.end()
        messages.success(request, f"{len(queryset)} sessions ended.")
