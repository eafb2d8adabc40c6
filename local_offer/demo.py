"""Exampleshire's Local Offer: vocabularies, postcodes for the demo area, the schools and colleges directory,
and more than 60 services across every category. Safe to run again: listings are matched by name."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from send_portal.accounts.models import User
from send_portal.organisations.models import Organisation, OrganisationKind, SettingPhase, SettingType

from . import services
from .demo_services import DEMO_ORGANISATIONS, DEMO_SERVICES
from .models import DirectoryOrganisation, Feedback, Postcode, Service, Taxonomy, TaxonomyTerm

# The demo's postcodes are real ones in Exeter and East Devon, so distance search works on real grid references.
DEMO_POSTCODE_AREAS = ["E07000041", "E07000040"]

SETTING_DETAILS = {
    SettingPhase.EARLY_YEARS: (SettingType.MAINTAINED, 2, 4),
    SettingPhase.PRIMARY: (SettingType.MAINTAINED, 4, 11),
    SettingPhase.SECONDARY: (SettingType.ACADEMY, 11, 16),
    SettingPhase.ALL_THROUGH: (SettingType.ACADEMY, 4, 18),
    SettingPhase.SPECIAL: (SettingType.MAINTAINED_SPECIAL, 3, 19),
    SettingPhase.POST_16: (SettingType.FE_COLLEGE, 16, 25),
    SettingPhase.ALTERNATIVE_PROVISION: (SettingType.PRU, 11, 16),
}

OTHER_SETTINGS = [
    # name, phase, type, ages, designation, section 41, out of area, area
    ("Oakfield House School", SettingPhase.SPECIAL, SettingType.INDEPENDENT_SPECIAL, (7, 19),
     "Autism and social, emotional and mental health needs", True, False, ""),
    ("Northcliffe Specialist College", SettingPhase.POST_16, SettingType.SPECIALIST_POST_16, (16, 25),
     "Profound and multiple learning difficulties", True, True, "Westshire"),
    ("Westshire Hearing Support School", SettingPhase.SPECIAL, SettingType.NON_MAINTAINED_SPECIAL, (4, 16),
     "Hearing impairment", False, True, "Westshire"),
    ("Brook Lane Academy", SettingPhase.SECONDARY, SettingType.ACADEMY, (11, 18), "", False, True, "Westshire"),
    ("St Columba's Independent School", SettingPhase.ALL_THROUGH, SettingType.INDEPENDENT, (4, 18), "", False, False,
     ""),
]

ASHFORD_VALE_INFORMATION = {
    "teaching_approach": "Every teacher plans for the full range of pupils. Lessons use visual timetables, "
                         "pre-teaching of new words and short, clear instructions.",
    "adapting_curriculum": "We adapt tasks, resources and seating, and have a calm room and sensory breaks.",
    "additional_support": "Small-group phonics, speech and language groups and a nurture group each afternoon.",
    "assessing_progress": "We review support plans with families three times a year and hold annual reviews for "
                          "pupils with education, health and care (EHC) plans.",
    "evaluating_effectiveness": "We check progress against each pupil's targets every term and change what "
                                "does not work.",
    "facilities": "The building is on one level with an accessible toilet and a hearing loop in the hall.",
    "activities": "All clubs and trips are open to every pupil, with extra staff where needed.",
    "support_available": "Our special educational needs co-ordinator (SENCO) and family support worker can "
                         "be contacted through the school office.",
    "staff_expertise": "Staff are trained in autism awareness and we work with speech and language therapists "
                       "and the educational psychology service.",
    "emotional_development": "Every class has a daily check-in, and pupils can see our learning mentor.",
}

PROVIDER_SERVICES = [
    {"name": "One-to-one catch-up tuition", "description": "Tuition at home or online for pupils who have "
     "missed school because of illness or anxiety. Tutors follow the school's plan and report progress each week.",
     "categories": ["education", "extra_help"], "needs": ["semh", "specific_learning"], "ages": [5, 16],
     "delivery": ["in_person", "online"], "postcode": "EX1 2JW"},
    {"name": "Exam confidence workshops", "description": "Small-group workshops in the Easter holidays helping "
     "young people with anxiety prepare for exams, with relaxation and revision techniques.",
     "categories": ["education"], "needs": ["semh", "adhd"], "ages": [14, 18], "delivery": ["in_person"],
     "postcode": "EX4 6JB"},
]


def _load_postcodes(stdout):
    if Postcode.objects.filter(lad_code__in=DEMO_POSTCODE_AREAS).exists():
        return
    call_command("load_postcodes", *[arg for area in DEMO_POSTCODE_AREAS for arg in ("--area", area)],
                 "--prefix", "EX", stdout=stdout)


def _settings_directory(world):
    for school in Organisation.objects.filter(kind=OrganisationKind.SCHOOL, setting_type=""):
        setting_type, age_from, age_to = SETTING_DETAILS.get(school.phase, (SettingType.MAINTAINED, 4, 11))
        school.setting_type, school.age_from, school.age_to = setting_type, age_from, age_to
        if school.phase == SettingPhase.SPECIAL:
            school.sen_designation = "Complex learning difficulties and autism"
        school.save(update_fields=["setting_type", "age_from", "age_to", "sen_designation"])
    for name, phase, setting_type, (age_from, age_to), designation, s41, out, area in OTHER_SETTINGS:
        Organisation.objects.get_or_create(name=name, kind=OrganisationKind.SCHOOL, defaults={
            "phase": phase, "setting_type": setting_type, "age_from": age_from, "age_to": age_to,
            "sen_designation": designation, "is_section_41": s41, "is_out_of_area": out, "area_name": area})


def _term_ids(codes_by_purpose) -> list[str]:
    ids = []
    for purpose, codes in codes_by_purpose.items():
        ids += [str(pk) for pk in TaxonomyTerm.objects.filter(taxonomy__purpose=purpose, code__in=codes)
                .values_list("pk", flat=True)]
    return ids


def _time(text):
    return text or None


def _schedule(data) -> dict:
    return {"freq": data.get("freq", ""), "byday": data.get("byday", ""), "dtstart": data.get("dtstart") or None,
            "opens_at": _time(data.get("opens_at")), "closes_at": _time(data.get("closes_at")),
            "description": data.get("description", "")}


def _snapshot(entry) -> dict:
    """A demo service written in the compact demo format, as a listing snapshot."""
    delivery = set(entry.get("delivery", ["in_person"]))
    return {
        "name": entry["name"], "description": entry["description"], "url": entry.get("url", ""),
        "email": entry.get("email", ""), "phone": entry.get("phone", ""), "status": "active",
        "is_free": entry.get("free", False), "fees_description": entry.get("fees", ""),
        "minimum_age": entry["ages"][0], "maximum_age": entry["ages"][1],
        "eligibility_description": entry.get("eligibility", ""), "application_process": entry.get("how_to_start", ""),
        "referral_needed": entry.get("referral_needed", False), "alert": "",
        "offers_in_person": "in_person" in delivery, "offers_online": "online" in delivery,
        "offers_phone": "phone" in delivery,
        "terms": _term_ids({Taxonomy.Purpose.CATEGORIES: entry["categories"],
                            Taxonomy.Purpose.NEEDS: entry.get("needs", []),
                            Taxonomy.Purpose.AUDIENCES: entry.get("audiences", ["families"])}),
        "local_offer_answers": entry.get("answers", {}),
        "setting_information": entry.get("setting_information", {}),
        "schedules": [_schedule(s) for s in entry.get("schedules", [])],
        "locations": [{
            "name": place["name"], "address_1": place.get("address_1", ""), "city": place.get("city", ""),
            "postcode": place["postcode"], "location_type": "physical",
            "accessibility": _term_ids({Taxonomy.Purpose.ACCESSIBILITY: place.get("accessibility", [])}),
            "accessibility_description": place.get("accessibility_description", ""),
            "schedules": [_schedule(s) for s in place.get("schedules", [])],
        } for place in entry.get("locations", [])],
        "cost_options": [{"option": option, "amount": amount or None, "amount_description": description}
                         for option, amount, description in entry.get("costs", [])],
        "contacts": [], "languages": [{"name": name, "code": ""} for name in entry.get("languages", [])],
        "service_areas": [{"name": "Exampleshire", "extent": "", "extent_type": "", "uri": ""}],
    }


def _publish(organisation, entry, reviewed_on):
    if Service.objects.filter(organisation=organisation, name=entry["name"]).exists():
        return False
    services.listing_apply(data=_snapshot(entry), organisation=organisation, reviewed_on=reviewed_on)
    return True


def seed(world, stdout):
    _load_postcodes(stdout)
    services.taxonomies_ensure()
    _settings_directory(world)
    organisations = {}
    for entry in DEMO_ORGANISATIONS:
        organisations[entry["key"]], _ = DirectoryOrganisation.objects.get_or_create(
            name=entry["name"], source=None,
            defaults={"description": entry["description"], "email": entry.get("email", ""),
                      "website": entry.get("website", "")})
    today = timezone.localdate()
    added = 0
    for index, entry in enumerate(DEMO_SERVICES):
        # Spread the last-checked dates over the past year, so some listings are nearly due for review.
        added += _publish(organisations[entry["organisation"]], entry, today - dt.timedelta(days=(index * 23) % 350))

    provider = world["providers"][0]
    provider_directory, _ = DirectoryOrganisation.objects.get_or_create(
        portal_organisation=provider, defaults={"name": provider.name, "is_approved_provider": True,
                                                "description": "Tuition and mentoring for children out of school.",
                                                "email": "office@brightfutures.example"})
    for entry in PROVIDER_SERVICES:
        place = {"name": f"{provider.name} centre", "address_1": "12 Mill Street", "city": "Castlebridge",
                 "postcode": entry["postcode"], "accessibility": ["wheelchair", "accessible_toilet"]}
        added += _publish(provider_directory, {**entry, "locations": [place], "audiences": ["families"],
                                               "phone": "01632 960 410", "how_to_start": "Ask your school to refer "
                                               "you, or phone us to talk it through."}, today)

    school = world["schools"]["Ashford Vale Primary School"]
    school_directory, _ = DirectoryOrganisation.objects.get_or_create(
        portal_organisation=school, defaults={"name": school.name, "description": "A maintained primary school."})
    if not Service.objects.filter(setting=school).exists():
        services.listing_apply(data=_snapshot({
            "name": school.name, "description": "A friendly primary school for children aged 4 to 11, with a "
            "nurture group and speech and language support.", "categories": ["education"], "ages": [4, 11],
            "free": True, "audiences": ["families"], "setting_information": ASHFORD_VALE_INFORMATION,
            "phone": "01632 960 500", "email": "office@ashfordvale-primary.example",
            "locations": [{"name": school.name, "address_1": "School Lane", "city": "Ashford Vale",
                           "postcode": "EX1 3LU", "accessibility": ["wheelchair", "hearing_loop"]}],
            "how_to_start": "Apply for a place through the council's school admissions service.",
        }), organisation=school_directory, reviewed_on=today, setting=school)
        added += 1
    services.information_pages_ensure()
    _feedback(world)
    _pending_change(world, provider_directory)
    stdout.write(f"Local Offer: {added} services added, {Service.objects.count()} in all.")


DEMO_FEEDBACK = [
    ("content", "There was nothing listed for teenagers with autism in the holidays.",
     "Families told us there were too few holiday activities for autistic teenagers.",
     "We agreed and asked providers to offer more.",
     "Two new holiday clubs for 11 to 18-year-olds are now listed, funded through short breaks."),
    ("accessibility", "The old website was hard to use on my phone.",
     "The Local Offer was hard to use on a mobile phone.",
     "We rebuilt the Local Offer so it works on any phone, without needing an app or JavaScript.",
     "The new site was tested with parents and meets the WCAG 2.2 AA accessibility standard."),
    ("development", "Parents should help decide what goes in the Local Offer.",
     "Parents want a say in what the Local Offer includes.",
     "The Parent Carer Forum now reviews the Local Offer with us every term.",
     "Forum members check new information pages before they are published."),
]


def _feedback(world):
    """Published "You said, we did" examples, plus one new comment waiting to be sorted."""
    if Feedback.objects.exists():
        return
    manager = User.objects.filter(email="manager@demo.test").first()
    for theme, comment, published, response, action in DEMO_FEEDBACK:
        feedback = services.feedback_submit(kind=Feedback.Kind.COMMENT, page="/local-offer/", comment=comment)
        services.feedback_triage(feedback=feedback, user=manager, theme=theme, published_comment=published,
                                 response=response, action=action, publish=True)
    services.feedback_submit(kind=Feedback.Kind.COMMENT, page="/local-offer/search/",
                             comment="Could you list more Saturday activities in Harbourside?")


def _pending_change(world, organisation):
    """A provider's change waiting in the moderation queue, so the queue has something to show."""
    provider = User.objects.filter(email="provider@demo.test").first()
    service = organisation.services.order_by("name").first()
    if provider is None or service is None or service.proposals.exists():
        return
    data = services.listing_snapshot(service)
    data["description"] += " Sessions now also run on Saturday mornings."
    services.proposal_save(user=provider, organisation=organisation, data=data, service=service)
