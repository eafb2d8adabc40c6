from django.urls import reverse

from send_portal.organisations.models import Role
from send_portal.organisations.selectors import user_roles

from .access_policy import POLICY


def navigation_for(request) -> list[dict]:
    """Service navigation for the signed-in person: only the pages their roles can open."""
    roles = user_roles(request.user)
    items = [("home", "Home"), ("ehc_case_list", "Assessments and plans"), ("child_list", "Children and young people"),
             ("ehc_review_tower", "Reviews"), ("ehc_advice_tray", "Advice requests"), ("panel_meeting_list", "Panels"),
             ("ap_placement_register", "Alternative provision"),
             ("ap_providers", "Approved providers"),
             ("ap_provider_home", "Approved provider list"),
             ("ap_calloffs", "Call-offs"),
             ("ap_attendance", "Attendance"),
             ("dashboards_home", "Dashboards"),
             ("local_offer_provider_dashboard", "Your Local Offer listings"),
             ("local_offer_moderation_queue", "Local Offer management"),
             ("organisation_list", "Organisations"),
             ("invitation_list", "Invitations")]
    links = []
    for name, text in items:
        if POLICY[name].allows(roles):
            href = reverse(name)
            links.append({"href": href, "text": text, "active": request.path == href
                          or (href != "/" and request.path.startswith(href))})
    if Role.ADMINISTRATOR in roles and request.user.is_staff:
        links.append({"href": reverse("admin:index"), "text": "Admin site", "active": False})
    links.append({"href": reverse("account_email"), "text": "Your account",
                  "active": request.path.startswith("/accounts/")})
    return links
