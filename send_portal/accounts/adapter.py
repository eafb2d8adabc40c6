import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled


class PortalAccountAdapter(DefaultAccountAdapter):
    """Public sign-up is for parents, carers and young people; staff join by invitation."""

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Someone who signed in moments ago and has no authenticator yet is setting up their first one, as
        # staff must: asking for the password they just typed again would only get in the way.
        request = self.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated \
                and not is_mfa_enabled(request.user):
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        user.family_role = form.cleaned_data.get("family_role", "")
        if commit:
            user.save()
        return user


class PortalMFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.email

    def can_delete_authenticator(self, authenticator) -> bool:
        # Staff must keep a second factor; families may switch theirs off.
        from send_portal.organisations.selectors import user_is_staff

        return not user_is_staff(authenticator.user)
