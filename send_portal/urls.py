from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from send_portal.core import views as core_views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "SEND Partnership Portal administration"
admin.site.site_title = "SEND Partnership Portal administration"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("help/", core_views.static_page("core/help.html"), name="help"),
    path("accessibility/", core_views.static_page("core/accessibility.html"), name="accessibility"),
    path("privacy/", core_views.static_page("core/privacy.html"), name="privacy"),
    path("cookies/", core_views.static_page("core/cookies.html"), name="cookies"),
    path("glossary/", core_views.glossary, name="glossary"),
    path("signed-out/", core_views.static_page("core/signed_out.html"), name="signed_out"),
    path("session/timed-out/", core_views.session_timed_out, name="session_timed_out"),
    path("session/keep-alive/", core_views.session_keep_alive, name="session_keep_alive"),
    path("children/", include("send_portal.people.urls")),
    path("assessments/", include("ehc.urls")),
    path("panels/", include("send_portal.panels.urls")),
    path("local-offer/how-we-are-doing/", include("dashboards.urls_public")),
    path("local-offer/", include("local_offer.urls")),
    path("api/oruk/", include("local_offer.api.urls")),
    path("alternative-provision/", include("alt_provision.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("organisations/", include("send_portal.organisations.urls")),
    path("invitations/", include("send_portal.invitations.urls")),
    path("data-protection/", include("send_portal.audit.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "send_portal.core.errors.forbidden"
handler404 = "send_portal.core.errors.not_found"
handler500 = "send_portal.core.errors.server_error"
