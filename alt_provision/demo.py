"""Exampleshire's alternative provision. Each part has its own function so that they can grow separately; all of
them are safe to run again (lots are matched by code, providers by organisation)."""

import datetime as dt

from django.utils import timezone

from . import services
from .demo_clocks import seed_clocks
from .demo_panel import seed_panel
from .demo_placements import seed_placements
from .models import ApprovedProvider, Criterion, EvidenceKind, Lot, QualityVisit

LOTS = [
    ("primary", "Primary", "Alternative provision for pupils aged 5 to 11.", False),
    ("secondary-ks3-4", "Secondary (key stages 3 to 4)", "Alternative provision for pupils aged 11 to 16.", False),
    ("post-16", "Post-16", "Education and training for young people aged 16 to 25.", False),
    ("semh", "Therapeutic or social, emotional and mental health (SEMH)",
     "Therapeutic provision for pupils with social, emotional and mental health needs.", False),
    ("vocational", "Vocational", "Practical and work-related courses, such as construction, land-based and "
                                 "hair and beauty.", False),
    ("tuition-online", "Tuition and online", "One-to-one or small-group tuition, at home, in the community or "
                                             "online.", False),
]

# Organisation index in world["providers"]: lots, and whether it is a registered school (with its URN).
PROVIDER_PLAN = [
    (["tuition-online", "primary"], ""),
    (["secondary-ks3-4", "semh"], ""),
    (["vocational", "post-16"], ""),
    (["semh"], ""),
    (["secondary-ks3-4", "semh"], ""),
    (["vocational", "semh"], ""),
    (["primary", "semh"], ""),
    (["secondary-ks3-4", "post-16"], "149876"),
]
INSURANCE_EXPIRING = 1  # Open Doors Outdoor Learning: insurance expires next week
SUSPENDED = 3  # Harbour Therapy Services
VISITED = 0  # Bright Futures Tuition
WAITING = 6  # Compass Speech and Language: applied to join one more lot

SUMMARIES = {
    EvidenceKind.INSURANCE: "£10 million public liability, £5 million employer's liability",
    EvidenceKind.SAFEGUARDING_POLICY: "Safeguarding policy reviewed against Keeping Children Safe in Education",
    EvidenceKind.SAFEGUARDING_LEAD: "Designated safeguarding lead trained this year",
    EvidenceKind.STAFF_CHECKS: "Enhanced DBS checks with barred list for all staff, single central record kept",
    EvidenceKind.HEALTH_AND_SAFETY: "Health and safety policy signed by the director",
    EvidenceKind.DATA_PROTECTION: "Data protection questionnaire completed",
    EvidenceKind.BEHAVIOUR_ATTENDANCE: "Behaviour and attendance policies, with same-day absence follow-up",
    EvidenceKind.COMPLAINTS: "Complaints policy published on the website",
    EvidenceKind.FINANCIAL: "Accounts checked: satisfactory",
    EvidenceKind.PREMISES: "Premises risk assessment for the main site",
}


def seed(world, stdout):
    _providers(world, stdout)
    seed_clocks(world, stdout)
    seed_placements(world, stdout)
    seed_panel(world, stdout)


def _lots(council) -> dict[str, Lot]:
    lots = {}
    for position, (code, name, description, schools_only) in enumerate(LOTS):
        lots[code], _ = Lot.objects.get_or_create(code=code, defaults={
            "name": name, "description": description, "registered_schools_only": schools_only,
            "position": position, "local_authority": council})
    return lots


def _providers(world, stdout):
    lots = _lots(world["council"])
    today = timezone.localdate()
    officer = world["manager"]
    added = 0
    for index, (organisation, (codes, urn)) in enumerate(zip(world["providers"], PROVIDER_PLAN, strict=True)):
        if ApprovedProvider.objects.filter(organisation=organisation).exists():
            continue
        member = world["provider"] if index == 0 else officer
        applied_on = today - dt.timedelta(days=120 - index * 7)
        provider = services.provider_start(organisation=organisation, user=member)
        services.provider_details_save(provider=provider, contact_name=f"{organisation.name} office",
                                       contact_email=f"office@{organisation.name.lower().split()[0]}.example",
                                       contact_phone=f"01632 960 {300 + index}")
        services.provider_registration_save(provider=provider, registration="registered_school" if urn else
                                            "unregistered", urn=urn)
        services.application_lots_save(provider=provider, lots=[lots[code] for code in codes], user=member)
        for kind in EvidenceKind.values:
            expires_on = applied_on + dt.timedelta(days=365 + index * 11)
            if index == INSURANCE_EXPIRING and kind == EvidenceKind.INSURANCE:
                expires_on = today + dt.timedelta(days=6)
            services.evidence_add(provider=provider, kind=kind, summary=SUMMARIES[kind], user=member,
                                  valid_from=applied_on - dt.timedelta(days=30), expires_on=expires_on,
                                  today=applied_on)
        application = services.application_submit(provider=provider, user=member, today=applied_on)
        decided_on = applied_on + dt.timedelta(days=8)
        services.application_checks_save(application=application, user=officer,
                                         results=dict.fromkeys(Criterion.values, (True, "")))
        services.application_decide(application=application, user=officer, admit=True, today=decided_on,
                                    lots=[lots[code] for code in codes])
        if index == SUSPENDED:
            services.provider_suspend(provider=provider, user=officer, reason="A safeguarding concern was raised "
                                      "with the local authority designated officer. Suspended from new call-offs "
                                      "while it is looked into; current placements continue with daily check-ins.")
        if index == VISITED:
            services.visit_record(
                provider=provider, user=officer, visited_on=today - dt.timedelta(days=21),
                checklist={"safeguarding_displayed": True, "registers": True, "staff_checks": True,
                           "premises": True, "curriculum": True, "pupil_views": False, "risk_assessments": True,
                           "attendance_followed_up": True},
                findings="Calm, well-organised sessions. Registers kept morning and afternoon. Tutors know each "
                         "pupil's plan.",
                actions="Start asking pupils for their views each half term.",
                outcome=QualityVisit.Outcome.ACTIONS)
        if index == WAITING:
            services.application_lots_save(provider=provider, lots=[lots["secondary-ks3-4"]], user=member)
            services.application_submit(provider=provider, user=member, today=today - dt.timedelta(days=3))
        added += 1
    if added:
        stdout.write(f"Alternative provision: {len(lots)} lots and {added} providers on the approved provider list.")
