"""The vocabularies a new Local Offer starts with. Staff edit them afterwards in the admin site;
`services.taxonomies_ensure()` (run by `manage.py ensure_local_offer_vocabularies` and the demo) only adds what is
missing, so it never undoes an edit."""

from .models import Taxonomy

# (code, name, description, children)
CATEGORIES = [
    ("early_years", "Early years and childcare", "Nurseries, childminders, pre-school support and childcare.", []),
    ("education", "Education", "Schools, colleges, learning support and help with special educational needs.", []),
    ("social_care", "Social care", "Short breaks, social workers, carers' support and help at home.", []),
    ("health", "Health and wellbeing", "Therapies, health services, mental health and wellbeing support.", []),
    ("travel", "Travel and transport", "Help getting to school or college, travel training and transport policies.",
     []),
    ("leisure", "Places to go and things to do", "Clubs, activities, sport, play and days out.", []),
    ("money", "Money matters", "Benefits, grants, personal budgets and help with costs.", []),
    ("adulthood", "Preparing for adulthood", "Work, independent living, friendships and moving to adult services.",
     []),
    ("information", "Information and support", "Advice, support groups and the parent carer forum.", []),
    ("extra_help", "Extra help", "Specialist support, assessments and education, health and care (EHC) plans.", []),
    ("policies", "Policies", "The council's and its partners' policies and statements.", []),
]

# The four broad areas of need in the SEND Code of Practice (6.28 to 6.35), with common specific needs.
NEEDS = [
    ("communication_interaction", "Communication and interaction", "Difficulties communicating with others.", [
        ("autism", "Autism", "Autism spectrum conditions."),
        ("speech_language", "Speech, language and communication needs",
         "Difficulties with speech, understanding or using language."),
    ]),
    ("cognition_learning", "Cognition and learning", "Learning at a slower pace than others of the same age.", [
        ("moderate_learning", "Moderate learning difficulty", "Moderate learning difficulties."),
        ("severe_learning", "Severe learning difficulty", "Severe learning difficulties."),
        ("profound_multiple", "Profound and multiple learning difficulty",
         "Profound learning difficulties with other disabilities."),
        ("specific_learning", "Specific learning difficulty", "For example dyslexia, dyscalculia or dyspraxia."),
    ]),
    ("semh", "Social, emotional and mental health", "Emotional wellbeing, behaviour and mental health.", [
        ("adhd", "Attention deficit hyperactivity disorder (ADHD)", "ADHD and attention difficulties."),
    ]),
    ("sensory_physical", "Sensory and physical needs", "Hearing, sight and physical disabilities.", [
        ("hearing", "Hearing impairment", "Deafness and hearing loss."),
        ("visual", "Visual impairment", "Blindness and sight loss."),
        ("multi_sensory", "Multi-sensory impairment", "Both hearing and sight loss."),
        ("physical", "Physical disability", "Physical disabilities and mobility needs."),
    ]),
]

AUDIENCES = [
    ("families", "Parents and carers", "Parents, carers and families.", []),
    ("young_people", "Young people", "Children and young people themselves.", []),
    ("practitioners", "Practitioners", "Teachers, SENCOs, health and care staff.", []),
]

ACCESSIBILITY = [
    ("wheelchair", "Wheelchair access", "Step-free access throughout.", []),
    ("accessible_toilet", "Accessible toilet", "A toilet designed for disabled people.", []),
    ("changing_places", "Changing Places toilet", "A toilet with a hoist, bench and space for carers.", []),
    ("hearing_loop", "Hearing loop", "An induction loop for hearing aid users.", []),
    ("bsl", "British Sign Language", "Staff or interpreters who use British Sign Language.", []),
    ("lift", "Lift", "A lift to upper floors.", []),
    ("quiet_space", "Quiet space", "A calm, quiet room to take a break.", []),
    ("parking", "Disabled parking", "Blue Badge parking close to the entrance.", []),
    ("sensory_room", "Sensory room", "A room with sensory equipment.", []),
]

DEFAULT_TAXONOMIES = [
    (Taxonomy.Purpose.CATEGORIES, "Local Offer categories", "The kinds of support families look for.", CATEGORIES),
    (Taxonomy.Purpose.NEEDS, "Special educational needs and disabilities",
     "The four broad areas of need in the SEND Code of Practice, with specific needs.", NEEDS),
    (Taxonomy.Purpose.AUDIENCES, "Who a service is for", "The people a service is meant for.", AUDIENCES),
    (Taxonomy.Purpose.ACCESSIBILITY, "Venue accessibility", "Accessibility features of a venue.", ACCESSIBILITY),
]
