"""Exampleshire: a fictional county with 8 districts, 40 schools and settings, its council, NHS and partners."""

from .models import District, Organisation, OrganisationKind, SettingPhase

DISTRICTS = ["Ashford Vale", "Brackenmoor", "Castlebridge", "Dunmere", "Eastwick Downs", "Fenwold", "Greyhaven",
             "Harrowfield"]

# Five settings in each district: a nursery, two primaries, a secondary and one more that varies.
_SETTING_PATTERN = [
    ("{d} Nursery School", SettingPhase.EARLY_YEARS),
    ("{d} Primary School", SettingPhase.PRIMARY),
    ("St Anne's C of E Primary School, {d}", SettingPhase.PRIMARY),
    ("{d} Academy", SettingPhase.SECONDARY),
]
_FIFTH_SETTING = [
    ("Ashford Vale Special School", SettingPhase.SPECIAL),
    ("Brackenmoor Sixth Form College", SettingPhase.POST_16),
    ("Castlebridge College", SettingPhase.POST_16),
    ("Dunmere Pupil Referral Unit", SettingPhase.ALTERNATIVE_PROVISION),
    ("Eastwick Downs All-Through School", SettingPhase.ALL_THROUGH),
    ("Fenwold Brook Special School", SettingPhase.SPECIAL),
    ("Greyhaven Junior School", SettingPhase.PRIMARY),
    ("Harrowfield High School", SettingPhase.SECONDARY),
]

PROVIDERS = [
    "Bright Futures Tuition", "Open Doors Outdoor Learning", "Pathways Vocational Training", "Harbour Therapy Services",
    "Next Steps Mentoring", "Riverside Farm Education", "Compass Speech and Language", "Phoenix Arts Academy",
]


def _org(name, kind, **fields):
    organisation, _ = Organisation.objects.get_or_create(name=name, kind=kind, defaults=fields)
    return organisation


def seed(world, stdout):
    districts = {}
    for name in DISTRICTS:
        districts[name], _ = District.objects.get_or_create(code=name.lower().replace(" ", "-"),
                                                            defaults={"name": name})
    council = _org("Exampleshire County Council", OrganisationKind.LOCAL_AUTHORITY, gss_code="E10009999",
                   address="County Hall\nCastlebridge", postcode="CB1 1AA", email="send@exampleshire.example",
                   phone="01632 960 000")
    world["council"] = council
    world["neighbour_council"] = _org("Westshire Council", OrganisationKind.LOCAL_AUTHORITY, gss_code="E10009998")
    world["casework_north"] = _org("SEND Casework Team (North)", OrganisationKind.LA_TEAM, parent=council)
    world["casework_south"] = _org("SEND Casework Team (South)", OrganisationKind.LA_TEAM, parent=council)
    world["ep_service"] = _org("Educational Psychology Service", OrganisationKind.LA_TEAM, parent=council)
    world["icb"] = _org("NHS Exampleshire Integrated Care Board", OrganisationKind.NHS_ICB)
    world["trust"] = _org("Exampleshire Community Health NHS Trust", OrganisationKind.NHS_TRUST, parent=world["icb"])
    world["social_care"] = _org("Exampleshire Children's Social Care", OrganisationKind.SOCIAL_CARE, parent=council)
    world["forum"] = _org("Exampleshire Parent Carer Forum", OrganisationKind.PARENT_CARER_FORUM)
    # The NHS and the parent carer forum sit on Exampleshire's SEND partnership board.
    for partner in (world["icb"], world["forum"]):
        partner.partner_councils.add(council)

    schools = []
    urn = 990100
    for index, district_name in enumerate(DISTRICTS):
        patterns = [(pattern.format(d=district_name), phase) for pattern, phase in _SETTING_PATTERN]
        patterns.append(_FIFTH_SETTING[index])
        for name, phase in patterns:
            urn += 1
            schools.append(_org(name, OrganisationKind.SCHOOL, phase=phase, district=districts[district_name],
                                urn=str(urn), postcode=f"EX{index + 1} {urn % 9 + 1}AB"))
    world["schools"] = {school.name: school for school in schools}

    providers = []
    for index, name in enumerate(PROVIDERS):
        providers.append(_org(name, OrganisationKind.PROVIDER, ukprn=f"1009{index:04d}",
                              district=districts[DISTRICTS[index]]))
    world["providers"] = providers
    stdout.write(f"Organisations: {len(districts)} districts, {len(schools)} schools and settings, "
                 f"{len(providers)} providers.")
