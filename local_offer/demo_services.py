"""Demo content for the Exampleshire Local Offer: organisations and the services they list.

Everything here is fictional. Exampleshire County Council, its towns and every organisation are made up. Phone numbers
are from the Ofcom drama range (01632 960000 to 960999), and emails and websites use the reserved `.example` domain.

This module is pure data: two lists of plain dicts, with no imports. Services point at organisations by their "key".
"""

DEMO_ORGANISATIONS = [
    {
        "key": "council",
        "name": "Exampleshire County Council",
        "description": (
            "The county council for Exampleshire. It runs education, children's services and adult social care, and "
            "publishes the Local Offer, which brings together support for children and young people aged 0 to 25 with "
            "special educational needs and disabilities."
        ),
        "email": "localoffer@exampleshire.example",
        "website": "https://www.exampleshire.example",
    },
    {
        "key": "send_team",
        "name": "Exampleshire County Council SEND Team",
        "description": (
            "The council team that carries out Education, Health and Care (EHC) needs assessments, writes and reviews "
            "EHC plans and arranges special school and college places."
        ),
        "email": "sendteam@exampleshire.example",
        "website": "https://www.exampleshire.example/send",
    },
    {
        "key": "early_years_team",
        "name": "Exampleshire Early Years Inclusion Team",
        "description": (
            "A council team of early years advisers and Portage home visitors who support babies and young children "
            "with additional needs, their families and the nurseries and childminders who care for them."
        ),
        "email": "earlyyears.inclusion@exampleshire.example",
        "website": "https://www.exampleshire.example/early-years",
    },
    {
        "key": "ed_psych",
        "name": "Exampleshire Educational Psychology Service",
        "description": (
            "Educational psychologists working with schools, early years settings and colleges to help children and "
            "young people learn, and giving psychological advice for Education, Health and Care (EHC) needs "
            "assessments."
        ),
        "email": "edpsych@exampleshire.example",
        "website": "https://www.exampleshire.example/educational-psychology",
    },
    {
        "key": "sensory_support",
        "name": "Exampleshire Sensory Support Service",
        "description": (
            "Qualified teachers of deaf children and young people and of children with vision impairment, plus "
            "habilitation specialists, working with families, nurseries, schools and colleges."
        ),
        "email": "sensory.support@exampleshire.example",
        "website": "https://www.exampleshire.example/sensory-support",
    },
    {
        "key": "short_breaks",
        "name": "Exampleshire Short Breaks Team",
        "description": (
            "The council team that plans and funds short breaks so disabled children and young people can enjoy time "
            "away from their parents, and parent carers can have a break from caring."
        ),
        "email": "shortbreaks@exampleshire.example",
        "website": "https://www.exampleshire.example/short-breaks",
    },
    {
        "key": "childrens_disability",
        "name": "Exampleshire Disabled Children's Service",
        "description": (
            "Social workers and family support workers for disabled children and their families, including "
            "assessments, short breaks, direct payments and support for parent carers."
        ),
        "email": "disabledchildren@exampleshire.example",
        "website": "https://www.exampleshire.example/disabled-children",
    },
    {
        "key": "travel",
        "name": "Exampleshire Travel Assistance Team",
        "description": (
            "The council team that decides applications for help with travel to school or college and runs independent "
            "travel training."
        ),
        "email": "travelassistance@exampleshire.example",
        "website": "https://www.exampleshire.example/school-travel",
    },
    {
        "key": "fis",
        "name": "Exampleshire Family Information Service",
        "description": (
            "Free, impartial information for families on childcare, help with childcare costs, activities and local "
            "services, including the Local Offer."
        ),
        "email": "fis@exampleshire.example",
        "website": "https://www.exampleshire.example/fis",
    },
    {
        "key": "pfa",
        "name": "Exampleshire Preparing for Adulthood and Careers Team",
        "description": (
            "Careers advisers and transition workers who help young people with special educational needs and "
            "disabilities plan for work, further learning, independent living and good health as adults."
        ),
        "email": "pfa@exampleshire.example",
        "website": "https://www.exampleshire.example/preparing-for-adulthood",
    },
    {
        "key": "adult_social_care",
        "name": "Exampleshire Adult Social Care",
        "description": (
            "The council's adult social care service, including the transitions team that works with disabled young "
            "people from age 14 who are likely to need care and support as adults."
        ),
        "email": "adultcare@exampleshire.example",
        "website": "https://www.exampleshire.example/adult-social-care",
    },
    {
        "key": "home_adaptations",
        "name": "Exampleshire Home Adaptations Team",
        "description": (
            "Occupational therapists and surveyors who help disabled people adapt their homes, including through "
            "Disabled Facilities Grants."
        ),
        "email": "adaptations@exampleshire.example",
        "website": "https://www.exampleshire.example/adaptations",
    },
    {
        "key": "nhs_slt",
        "name": "Exampleshire Community Health NHS Trust: Children's Speech and Language Therapy",
        "description": (
            "NHS speech and language therapists supporting children and young people with communication, eating, "
            "drinking and swallowing difficulties."
        ),
        "email": "slt@echnhs.example",
        "website": "https://www.echnhs.example/speech-and-language",
    },
    {
        "key": "nhs_ot",
        "name": "Exampleshire Community Health NHS Trust: Children's Occupational Therapy",
        "description": (
            "NHS occupational therapists helping children and young people do everyday activities such as dressing, "
            "eating, writing and playing."
        ),
        "email": "childrens.ot@echnhs.example",
        "website": "https://www.echnhs.example/occupational-therapy",
    },
    {
        "key": "nhs_physio",
        "name": "Exampleshire Community Health NHS Trust: Children's Physiotherapy",
        "description": (
            "NHS physiotherapists supporting children and young people with movement, balance, posture and physical "
            "development."
        ),
        "email": "childrens.physio@echnhs.example",
        "website": "https://www.echnhs.example/physiotherapy",
    },
    {
        "key": "camhs",
        "name": "Exampleshire Community Health NHS Trust: CAMHS",
        "description": (
            "Child and Adolescent Mental Health Services (CAMHS) for children and young people up to 18 with "
            "emotional, behavioural and mental health difficulties."
        ),
        "email": "camhs@echnhs.example",
        "website": "https://www.echnhs.example/camhs",
    },
    {
        "key": "nhs_paeds",
        "name": "Exampleshire Community Health NHS Trust: Community Paediatrics",
        "description": (
            "Children's doctors who assess and care for children with developmental difficulties, disabilities and "
            "long-term conditions, including neurodevelopmental assessments."
        ),
        "email": "community.paediatrics@echnhs.example",
        "website": "https://www.echnhs.example/community-paediatrics",
    },
    {
        "key": "nhs_wheelchair",
        "name": "Exampleshire Community Health NHS Trust: Wheelchair Service",
        "description": (
            "The NHS service that assesses children, young people and adults for wheelchairs and specialist seating, "
            "and repairs and maintains them."
        ),
        "email": "wheelchairs@echnhs.example",
        "website": "https://www.echnhs.example/wheelchairs",
    },
    {
        "key": "nhs_continence",
        "name": "Exampleshire Community Health NHS Trust: Children's Bladder and Bowel Service",
        "description": (
            "Specialist nurses who help children and young people with bladder and bowel problems, including toilet "
            "training and continence products."
        ),
        "email": "bladderandbowel@echnhs.example",
        "website": "https://www.echnhs.example/bladder-and-bowel",
    },
    {
        "key": "nhs_ld",
        "name": "Exampleshire Community Health NHS Trust: Community Learning Disability Team",
        "description": (
            "Nurses, psychologists and therapists supporting adults with a learning disability, from age 18, to stay "
            "healthy and use health services."
        ),
        "email": "ld.team@echnhs.example",
        "website": "https://www.echnhs.example/learning-disability",
    },
    {
        "key": "sendiass",
        "name": "Exampleshire SEND Information, Advice and Support Service (SENDIASS)",
        "description": (
            "Free, impartial and confidential information, advice and support about special educational needs and "
            "disabilities for children, young people and parents. It is run at arm's length from the council."
        ),
        "email": "advice@exampleshiresendiass.example",
        "website": "https://www.exampleshiresendiass.example",
    },
    {
        "key": "pcf",
        "name": "Exampleshire Parent Carer Forum",
        "description": (
            "An independent group of parents and carers of children and young people with special educational needs "
            "and disabilities, working with the council and the NHS to improve services."
        ),
        "email": "hello@exampleshirepcf.example",
        "website": "https://www.exampleshirepcf.example",
    },
    {
        "key": "mediation",
        "name": "Common Ground Mediation",
        "description": (
            "An independent mediation service commissioned by the council for families who disagree with decisions "
            "about Education, Health and Care (EHC) needs assessments and EHC plans."
        ),
        "email": "send@commongroundmediation.example",
        "website": "https://www.commongroundmediation.example",
    },
    {
        "key": "autism_charity",
        "name": "Spectrum Together Exampleshire",
        "description": (
            "A local charity run by and for autistic people and their families, offering support groups, courses and "
            "social clubs."
        ),
        "email": "hello@spectrumtogether.example",
        "website": "https://www.spectrumtogether.example",
    },
    {
        "key": "carers_hub",
        "name": "Exampleshire Carers Hub",
        "description": (
            "A charity supporting unpaid carers of all ages across Exampleshire, including young carers and parent "
            "carers."
        ),
        "email": "support@exampleshirecarers.example",
        "website": "https://www.exampleshirecarers.example",
    },
    {
        "key": "siblings",
        "name": "Brothers and Sisters Too",
        "description": "A small charity running groups and days out for brothers and sisters of disabled children.",
        "email": "hello@brothersandsisterstoo.example",
        "website": "https://www.brothersandsisterstoo.example",
    },
    {
        "key": "youth_trust",
        "name": "Open Door Youth Trust",
        "description": (
            "A youth charity running inclusive youth clubs and free emotional wellbeing support for young people aged "
            "11 to 25."
        ),
        "email": "info@opendooryouth.example",
        "website": "https://www.opendooryouth.example",
    },
    {
        "key": "bereavement",
        "name": "Willow Path Bereavement Support",
        "description": (
            "A charity offering bereavement support to children and young people who have had someone important to "
            "them die."
        ),
        "email": "support@willowpath.example",
        "website": "https://www.willowpath.example",
    },
    {
        "key": "play_trust",
        "name": "Adventure Unlimited Play Trust",
        "description": (
            "A charity running accessible after-school clubs and holiday play schemes for disabled children and young "
            "people."
        ),
        "email": "play@adventureunlimited.example",
        "website": "https://www.adventureunlimited.example",
    },
    {
        "key": "maple_house",
        "name": "Maple House Short Breaks Centre",
        "description": (
            "A small overnight short breaks home for disabled children and young people aged 8 to 18, run on behalf of "
            "the council."
        ),
        "email": "maplehouse@exampleshire.example",
        "website": "https://www.exampleshire.example/maple-house",
    },
    {
        "key": "nursery",
        "name": "Bright Start Specialist Nursery",
        "description": (
            "A nursery in Ashford Vale for children aged 2 to 5, with specialist places for children with complex "
            "needs."
        ),
        "email": "hello@brightstart.example",
        "website": "https://www.brightstart.example",
    },
    {
        "key": "childminders",
        "name": "Little Acorns Childminding Network",
        "description": (
            "A network of registered childminders across Exampleshire who have extra training in caring for children "
            "with special educational needs and disabilities."
        ),
        "email": "hello@littleacorns.example",
        "website": "https://www.littleacorns.example",
    },
    {
        "key": "leisure",
        "name": "Active Exampleshire Leisure",
        "description": (
            "A not-for-profit trust running leisure centres and swimming pools in Castlebridge, Westcombe and "
            "Kingsmoor."
        ),
        "email": "inclusion@activeexampleshire.example",
        "website": "https://www.activeexampleshire.example",
    },
    {
        "key": "football",
        "name": "Kingsmoor Inclusive Football Club",
        "description": "A volunteer-run football club with teams for disabled children, young people and adults.",
        "email": "secretary@kingsmoorinclusivefc.example",
        "website": "https://www.kingsmoorinclusivefc.example",
    },
    {
        "key": "cinema",
        "name": "Harbourside Picture House",
        "description": "An independent community cinema on the seafront in Harbourside.",
        "email": "boxoffice@harboursidepicturehouse.example",
        "website": "https://www.harboursidepicturehouse.example",
    },
    {
        "key": "farm",
        "name": "Moorside Community Farm",
        "description": (
            "A working community farm near Kingsmoor offering outdoor learning and work experience for young people "
            "with additional needs."
        ),
        "email": "hello@moorsidefarm.example",
        "website": "https://www.moorsidefarm.example",
    },
    {
        "key": "college",
        "name": "Castlebridge College",
        "description": (
            "A general further education college with campuses in Castlebridge and Millbrook, offering foundation "
            "learning and supported courses for students with special educational needs."
        ),
        "email": "learningsupport@castlebridgecollege.example",
        "website": "https://www.castlebridgecollege.example",
    },
    {
        "key": "internships",
        "name": "Launchpad Supported Internships",
        "description": (
            "A supported employment provider that runs year-long supported internships with local employers for young "
            "people aged 16 to 24 with an Education, Health and Care (EHC) plan."
        ),
        "email": "internships@launchpad.example",
        "website": "https://www.launchpad.example",
    },
    {
        "key": "keystone",
        "name": "Keystone Independent Living",
        "description": (
            "A housing and support provider helping young disabled adults learn the skills to live more independently "
            "and find the right home."
        ),
        "email": "enquiries@keystoneliving.example",
        "website": "https://www.keystoneliving.example",
    },
    {
        "key": "money_advice",
        "name": "Exampleshire Money Matters",
        "description": "A money advice charity giving free, confidential help with benefits, debt and grants.",
        "email": "advice@exampleshiremoneymatters.example",
        "website": "https://www.exampleshiremoneymatters.example",
    },
]

DEMO_SERVICES = [
    {
        "organisation": "send_team",
        "name": "SEND Team advice line",
        "description": (
            "Call or email the council's special educational needs and disabilities (SEND) team if you have a question "
            "about an Education, Health and Care (EHC) needs assessment, an EHC plan or an annual review. We can tell "
            "you where your child's case has got to and who your named case officer is."
        ),
        "categories": ["education", "information"],
        "needs": [],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "online"],
        "locations": [],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "16:30",
                "description": "Closed on bank holidays",
            },
        ],
        "how_to_start": "Phone or email the team. Please have your child's name and date of birth ready.",
        "referral_needed": False,
        "eligibility": "",
        "email": "sendteam@exampleshire.example",
        "phone": "01632 960100",
        "url": "https://www.exampleshire.example/send",
        "answers": {
            "outcomes": "Families and young people get clear, timely answers about EHC needs assessments and plans.",
            "staff_training": (
                "All case officers complete training on the Children and Families Act 2014 and the SEND Code of "
                "Practice, and refresh it every year."
            ),
            "family_involvement": (
                "We ask the Exampleshire Parent Carer Forum to review our letters and guidance so they are easy to "
                "understand."
            ),
            "future_plans": "We are adding an online portal so families can follow each step of an assessment.",
        },
        "languages": ["English"],
    },
    {
        "organisation": "send_team",
        "name": "Asking for an Education, Health and Care needs assessment",
        "description": (
            "An Education, Health and Care (EHC) needs assessment looks in detail at what support your child or young "
            "person needs to learn. Parents, young people aged 16 to 25 and schools or colleges can ask for one. The "
            "council must tell you within 6 weeks whether it will assess, and the whole process, including any final "
            "EHC plan, should take no more than 20 weeks."
        ),
        "categories": ["education", "information"],
        "needs": [],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [],
        "how_to_start": (
            "Fill in the online request form, or write to the SEND Team. You can ask SENDIASS to help you with the "
            "form."
        ),
        "referral_needed": False,
        "eligibility": (
            "Children and young people aged 0 to 25 who may have special educational needs that need more support than "
            "their school, nursery or college can normally give."
        ),
        "email": "sendteam@exampleshire.example",
        "phone": "01632 960100",
        "url": "https://www.exampleshire.example/send/ehc-needs-assessment",
        "answers": {
            "outcomes": "A fair, timely decision about whether your child needs an EHC plan.",
            "family_involvement": (
                "Your views and your child's views are gathered at the start and are part of the evidence we look at."
            ),
            "progress_sharing": (
                "Your case officer will contact you at each stage, and you can phone for an update at any time."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "ed_psych",
        "name": "Educational psychology: information for schools and settings",
        "description": (
            "Explains how schools, nurseries and colleges can work with an educational psychologist, including "
            "consultation sessions, traded training and the psychological advice we give for Education, Health and "
            "Care (EHC) needs assessments. Families can read it too, to understand what an educational psychologist "
            "does."
        ),
        "categories": ["education", "information"],
        "needs": [],
        "audiences": ["practitioners", "families"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "08:30",
                "closes_at": "17:00",
                "description": "Term time only",
            },
        ],
        "how_to_start": (
            "Schools and settings should speak to their link educational psychologist or email the service."
        ),
        "referral_needed": False,
        "eligibility": "Schools, early years settings and colleges in Exampleshire.",
        "email": "edpsych@exampleshire.example",
        "phone": "01632 960110",
        "url": "https://www.exampleshire.example/educational-psychology",
        "answers": {
            "outcomes": "Staff understand children's learning needs better and can plan support that works.",
            "staff_training": (
                "All our educational psychologists are registered practitioner psychologists and take part in regular "
                "supervision."
            ),
            "progress_sharing": "Written advice is shared with the school and the family after each piece of work.",
        },
        "languages": [],
    },
    {
        "organisation": "send_team",
        "name": "SENCO network meetings",
        "description": (
            "Termly network meetings for special educational needs co-ordinators (SENCOs) in Exampleshire schools. "
            "Each meeting has local and national updates, a short training session and time to share ideas with other "
            "SENCOs."
        ),
        "categories": ["education", "information"],
        "needs": [],
        "audiences": ["practitioners"],
        "ages": [4, 19],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "County Hall",
                "address_1": "Castle Street",
                "city": "Castlebridge",
                "postcode": "EX1 2JW",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "parking"],
                "accessibility_description": (
                    "Step-free entrance from the main car park. Blue Badge spaces next to the front door."
                ),
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1TU",
                        "opens_at": "13:30",
                        "closes_at": "16:00",
                        "description": "Primary SENCOs. Term time only, with an online option.",
                    },
                ],
            },
            {
                "name": "Kingsmoor Town Hall",
                "address_1": "The Square",
                "city": "Kingsmoor",
                "postcode": "EX14 0JD",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1TH",
                        "opens_at": "13:30",
                        "closes_at": "16:00",
                        "description": "Secondary and post-16 SENCOs. Term time only.",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Book a place through the council's schools training booking system.",
        "referral_needed": False,
        "eligibility": "SENCOs and inclusion leads in Exampleshire schools and academies.",
        "email": "sendteam@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/send/senco-network",
        "answers": {
            "outcomes": "SENCOs feel supported, up to date and connected with colleagues.",
            "family_involvement": (
                "A representative from the Exampleshire Parent Carer Forum speaks at one meeting each term."
            ),
            "future_plans": "We plan to record the training part of each meeting for SENCOs who cannot attend.",
        },
        "languages": [],
    },
    {
        "organisation": "send_team",
        "name": "SEND training for practitioners",
        "description": (
            "Free half-day courses for staff in early years settings, schools and colleges. Topics this year include "
            "writing good outcomes in Education, Health and Care (EHC) plans, supporting autistic pupils in mainstream "
            "classrooms and preparing for adulthood from Year 9."
        ),
        "categories": ["education", "early_years"],
        "needs": [],
        "audiences": ["practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "County Hall",
                "address_1": "Castle Street",
                "city": "Castlebridge",
                "postcode": "EX1 2JW",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "parking"],
                "accessibility_description": (
                    "Step-free entrance from the main car park. Blue Badge spaces next to the front door."
                ),
                "schedules": [
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-02-10",
                        "opens_at": "09:30",
                        "closes_at": "12:30",
                        "description": "Writing good outcomes in EHC plans",
                    },
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-03-17",
                        "opens_at": "09:30",
                        "closes_at": "12:30",
                        "description": "Supporting autistic pupils in mainstream classrooms",
                    },
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-05-12",
                        "opens_at": "13:30",
                        "closes_at": "16:30",
                        "description": "Preparing for adulthood from Year 9",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Book a place online. Places are limited to 30 per course.",
        "referral_needed": False,
        "eligibility": "Staff working in Exampleshire early years settings, schools and colleges.",
        "email": "sendtraining@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/send/training",
        "answers": {
            "outcomes": "Practitioners leave with practical ideas they can use straight away.",
            "staff_training": "Courses are led by specialist teachers, educational psychologists and therapists.",
            "family_involvement": "Parent carers from the forum co-deliver the course on working with families.",
        },
        "languages": [],
    },
    {
        "organisation": "send_team",
        "name": "Ordinarily available provision guidance",
        "description": (
            "Sets out the support every Exampleshire nursery, school and college is expected to give children with "
            "special educational needs from its own resources, without an Education, Health and Care (EHC) plan. "
            "Families can use it to understand what support to expect and to talk to their child's setting."
        ),
        "categories": ["policies", "education"],
        "needs": [],
        "audiences": ["practitioners", "families"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Read or download the guidance from the council website.",
        "referral_needed": False,
        "eligibility": "",
        "email": "sendteam@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/send/ordinarily-available",
        "answers": {
            "outcomes": (
                "Children get the right support early, in their local setting, whether or not they have an EHC plan."
            ),
            "family_involvement": "The guidance was written with the Exampleshire Parent Carer Forum and local SENCOs.",
            "future_plans": "We will review it in summer 2027 and add a version written for young people.",
        },
        "languages": [],
    },
    {
        "organisation": "travel",
        "name": "SEND home to school travel policy statement",
        "description": (
            "The council's policy on help with travel to school for children with special educational needs and "
            "disabilities, including who is eligible and how decisions are made. It also explains how to ask for a "
            "review if you disagree with a decision."
        ),
        "categories": ["policies", "travel"],
        "needs": [],
        "audiences": ["families", "practitioners"],
        "ages": [4, 16],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Read the policy on the council website.",
        "referral_needed": False,
        "eligibility": "",
        "email": "travelassistance@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/school-travel/policy",
        "answers": {},
        "languages": [],
    },
    {
        "organisation": "travel",
        "name": "Post-16 transport policy statement",
        "description": (
            "Each year the council publishes a statement explaining what help with travel is available for students "
            "aged 16 to 18, and for learners aged 19 to 25 with an Education, Health and Care (EHC) plan, to get to "
            "school, college or training. It includes any contribution you may be asked to pay."
        ),
        "categories": ["policies", "travel", "adulthood"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [16, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Read the statement on the council website.",
        "referral_needed": False,
        "eligibility": "",
        "email": "travelassistance@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/school-travel/post-16-statement",
        "answers": {},
        "languages": [],
    },
    {
        "organisation": "short_breaks",
        "name": "Short breaks services statement",
        "description": (
            "Describes the short breaks available to disabled children and their families in Exampleshire, who can use "
            "them and how to get them, including breaks you can use without a social care assessment. It is updated "
            "every year after talking to families."
        ),
        "categories": ["policies", "social_care"],
        "needs": [],
        "audiences": ["families", "practitioners"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Read the statement on the council website.",
        "referral_needed": False,
        "eligibility": "",
        "email": "shortbreaks@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/short-breaks/statement",
        "answers": {
            "outcomes": "Families know what short breaks are available and how to get them.",
            "family_involvement": (
                "Each autumn we run a short breaks survey with the Exampleshire Parent Carer Forum and use the results "
                "to update the statement."
            ),
            "progress_sharing": "We publish a summary of what families told us and what we changed each year.",
        },
        "languages": [],
    },
    {
        "organisation": "council",
        "name": "Complaints about SEND services",
        "description": (
            "How to make a complaint about a council service for special educational needs and disabilities (SEND), "
            "what happens next and how long it takes. It also explains other routes, such as mediation and appealing "
            "to the SEND Tribunal, and when to use each one."
        ),
        "categories": ["policies", "information"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Use the online complaints form, or phone the customer feedback team.",
        "referral_needed": False,
        "eligibility": "",
        "email": "complaints@exampleshire.example",
        "phone": "01632 960101",
        "url": "https://www.exampleshire.example/complaints/send",
        "answers": {
            "outcomes": "Problems are put right quickly and we learn from them.",
            "progress_sharing": (
                "We will acknowledge your complaint within 3 working days and tell you who is looking into it."
            ),
            "accessibility": "You can complain by phone, email, letter or in person, and ask for someone to help you.",
            "future_plans": "We publish what we have learned from complaints every year in our SEND annual report.",
        },
        "languages": [],
    },
    {
        "organisation": "council",
        "name": "Exampleshire SEND and inclusion strategy 2026 to 2029",
        "description": (
            "The local area's plan for improving support for children and young people with special educational needs "
            "and disabilities, agreed by the council and the NHS. It sets out our priorities and how we will check "
            "progress."
        ),
        "categories": ["policies", "information"],
        "needs": [],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Read the strategy and the easy read version online.",
        "referral_needed": False,
        "eligibility": "",
        "email": "localoffer@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/send/strategy",
        "answers": {
            "outcomes": "More children have their needs met early and in their local community.",
            "family_involvement": "More than 600 families and young people helped shape the strategy.",
            "progress_sharing": "We publish a progress report every six months on the Local Offer.",
            "accessibility": "The strategy is available in easy read, large print and as an audio version.",
        },
        "languages": [],
    },
    {
        "organisation": "mediation",
        "name": "SEND mediation service",
        "description": (
            "Mediation is a free, confidential meeting with an independent mediator to try to sort out a disagreement "
            "with the council about an Education, Health and Care (EHC) needs assessment or EHC plan. Before most "
            "appeals to the Special Educational Needs and Disability Tribunal (SEND Tribunal) you must contact a "
            "mediation adviser, but you do not have to go to mediation. You do not need to contact us if your appeal "
            "is only about the school or college named in the plan."
        ),
        "categories": ["education", "information", "extra_help"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "in_person", "online"],
        "locations": [
            {
                "name": "Castlebridge Central Library, meeting rooms",
                "address_1": "High Street",
                "city": "Castlebridge",
                "postcode": "EX1 1GF",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "quiet_space"],
                "accessibility_description": "",
                "schedules": [],
            },
        ],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "17:00",
                "description": "Mediation meetings are arranged at a time that suits you",
            },
        ],
        "how_to_start": (
            "Phone or email us after you receive a decision letter. We will give you a mediation certificate within 3 "
            "working days if you decide not to mediate."
        ),
        "referral_needed": False,
        "eligibility": (
            "Parents and young people who want to appeal a decision about an EHC needs assessment or EHC plan."
        ),
        "email": "send@commongroundmediation.example",
        "phone": "01632 960120",
        "url": "https://www.commongroundmediation.example",
        "answers": {
            "outcomes": "Disagreements are settled quickly without the stress of a tribunal hearing.",
            "staff_training": "All our mediators are accredited and have SEND mediation training.",
            "accessibility": "Meetings can be held online, by phone or in a private room near you.",
        },
        "languages": ["English", "Polish", "Urdu"],
    },
    {
        "organisation": "early_years_team",
        "name": "Portage home visiting",
        "description": (
            "A Portage home visitor comes to your home every week or two to play with your child and show you "
            "activities that help them learn and develop. It is for pre-school children with significant developmental "
            "delay or complex needs."
        ),
        "categories": ["early_years", "education", "extra_help"],
        "needs": [
            "profound_multiple",
            "severe_learning",
            "cognition_learning",
            "communication_interaction",
            "speech_language",
            "multi_sensory",
        ],
        "audiences": ["families"],
        "ages": [0, 4],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [],
        "schedules": [],
        "how_to_start": (
            "Ask your health visitor, doctor or therapist to refer your child. Parents can also phone us to talk about "
            "a referral."
        ),
        "referral_needed": True,
        "eligibility": (
            "Children under 5 who are not yet in school, live in Exampleshire and have significant delays in two or "
            "more areas of development."
        ),
        "email": "portage@exampleshire.example",
        "phone": "01632 960130",
        "url": "https://www.exampleshire.example/portage",
        "answers": {
            "outcomes": (
                "Children make progress in play, communication and independence, and parents feel confident helping "
                "their child learn."
            ),
            "staff_training": "All home visitors have completed accredited Portage training.",
            "family_involvement": "You choose the goals with your home visitor at each visit.",
            "progress_sharing": "You keep a shared activity record, and we review progress together every 3 months.",
            "future_plans": "We are starting group sessions at family hubs for families on the waiting list.",
        },
        "languages": ["English", "Polish", "Romanian"],
    },
    {
        "organisation": "early_years_team",
        "name": "Early years inclusion funding",
        "description": (
            "Explains the extra money nurseries, pre-schools and childminders can get to support young children with "
            "special educational needs. This includes the special educational needs (SEN) Inclusion Fund for extra "
            "staff time or training, and the Disability Access Fund, a yearly payment for children who get Disability "
            "Living Allowance and use funded early education hours."
        ),
        "categories": ["early_years", "money", "information"],
        "needs": [],
        "audiences": ["practitioners", "families"],
        "ages": [0, 5],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "16:00", "description": ""},
        ],
        "how_to_start": (
            "Settings apply through the early years provider portal. Parents should talk to their child's setting."
        ),
        "referral_needed": False,
        "eligibility": "Ofsted-registered early years settings in Exampleshire caring for children using funded hours.",
        "email": "earlyyears.inclusion@exampleshire.example",
        "phone": "01632 960131",
        "url": "https://www.exampleshire.example/early-years/inclusion-funding",
        "answers": {
            "outcomes": (
                "Young children with additional needs can take up their funded childcare hours and be fully included."
            ),
            "staff_training": "Early years advisers run termly briefings for settings on how to apply.",
            "family_involvement": "Settings must agree with parents how the funding will be used for their child.",
            "progress_sharing": "Settings show how the funding was used and the difference it made at each review.",
        },
        "languages": [],
    },
    {
        "organisation": "early_years_team",
        "name": "Early years SEND advisory visits",
        "description": (
            "Early years advisers for special educational needs and disabilities (SEND) visit nurseries, pre-schools "
            "and childminders to help them plan support for individual children, set up their setting to include "
            "everyone and write support plans. Advisers can also model activities with the child and help settings "
            "gather the evidence for a request for extra funding or an Education, Health and Care (EHC) needs "
            "assessment."
        ),
        "categories": ["early_years", "education"],
        "needs": [],
        "audiences": ["practitioners"],
        "ages": [0, 5],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [],
        "schedules": [],
        "how_to_start": (
            "Settings send a request for advice form, with parental consent, to the Early Years Inclusion Team."
        ),
        "referral_needed": True,
        "eligibility": "Ofsted-registered early years settings in Exampleshire.",
        "email": "earlyyears.inclusion@exampleshire.example",
        "phone": "01632 960131",
        "url": "",
        "answers": {
            "outcomes": "Settings feel confident meeting the needs of every child.",
            "staff_training": "Advisers are qualified teachers or early years professionals with SEND experience.",
            "family_involvement": "We ask to meet parents during or after our visit.",
        },
        "languages": [],
    },
    {
        "organisation": "nursery",
        "name": "Bright Start Specialist Nursery",
        "description": (
            "A small, friendly nursery with specialist places for children aged 2 to 5 with complex needs, alongside "
            "mainstream places. Speech and language therapists and physiotherapists visit every week, and we have a "
            "sensory room and a secure garden."
        ),
        "categories": ["early_years", "education"],
        "needs": [
            "profound_multiple",
            "severe_learning",
            "physical",
            "autism",
            "communication_interaction",
            "speech_language",
        ],
        "audiences": ["families"],
        "ages": [2, 5],
        "free": False,
        "fees": "Free for children using funded early education hours. Extra hours are £7.20 an hour.",
        "costs": [
            ["Extra hours", "7.20", "Per hour, beyond funded hours"],
            ["Lunch", "3.50", "Per day, or bring a packed lunch"],
        ],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Bright Start Specialist Nursery",
                "address_1": "Acorn Close",
                "city": "Ashford Vale",
                "postcode": "EX4 2NR",
                "accessibility": ["wheelchair", "accessible_toilet", "sensory_room", "quiet_space", "parking"],
                "accessibility_description": (
                    "Single-storey building with a secure garden, a sensory room and a soft play room."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:00",
                        "closes_at": "18:00",
                        "description": "Open all year except bank holidays and one week at Christmas",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Phone to arrange a visit. Specialist places are agreed with the Early Years Inclusion Team.",
        "referral_needed": False,
        "eligibility": "Children aged 2 to 5. Specialist places are for children with complex needs.",
        "email": "hello@brightstart.example",
        "phone": "01632 960140",
        "url": "https://www.brightstart.example",
        "answers": {
            "outcomes": (
                "Children are happy, make progress and are ready for their next step, whether a mainstream or special "
                "school."
            ),
            "staff_training": (
                "All staff have Makaton and moving and handling training. Two staff hold a specialist SEND "
                "qualification."
            ),
            "family_involvement": "Parents are invited to a stay and play session every half term.",
            "progress_sharing": "You get a daily diary and a learning review every term.",
            "accessibility": "The building is all on one level, with a hoist and changing bed.",
        },
        "languages": ["English", "Polish"],
    },
    {
        "organisation": "childminders",
        "name": "Inclusive childminding",
        "description": (
            "Registered childminders across Exampleshire who have had extra training in caring for children with "
            "additional needs. Childminding offers a small, home-based setting that some children find easier than a "
            "large nursery, and can include before and after school care."
        ),
        "categories": ["early_years"],
        "needs": [],
        "audiences": ["families"],
        "ages": [0, 11],
        "free": False,
        "fees": "Childminders set their own fees, usually between £6 and £7.50 an hour. Funded hours can be used.",
        "costs": [["Typical hourly rate", "6.50", "Varies by childminder"]],
        "delivery": ["in_person"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Email or phone the network co-ordinator, who will match you with childminders near you.",
        "referral_needed": False,
        "eligibility": "",
        "email": "hello@littleacorns.example",
        "phone": "01632 960150",
        "url": "https://www.littleacorns.example",
        "answers": {
            "staff_training": (
                "Every childminder in the network has completed training on SEND, Makaton and administering medicines."
            ),
            "family_involvement": (
                "Your childminder will meet you before your child starts to learn about their needs and routines."
            ),
            "progress_sharing": "Childminders share progress through a daily diary and termly review meetings.",
        },
        "languages": [],
    },
    {
        "organisation": "fis",
        "name": "Stay and play for children with additional needs",
        "description": (
            "A relaxed weekly play session for babies and young children with additional needs and their parents or "
            "carers. There is sensory play, messy play and music, and time to chat to other families and a family hub "
            "worker."
        ),
        "categories": ["early_years", "leisure", "extra_help"],
        "needs": [],
        "audiences": ["families"],
        "ages": [0, 5],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Castlebridge Family Hub",
                "address_1": "12 Riverside Walk",
                "city": "Castlebridge",
                "postcode": "EX1 3LU",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "quiet_space", "parking"],
                "accessibility_description": (
                    "Everything is on the ground floor. The Changing Places toilet has a hoist and an adult-sized "
                    "changing bench."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU",
                        "opens_at": "10:00",
                        "closes_at": "11:30",
                        "description": "Term time only",
                    },
                ],
            },
            {
                "name": "Harbourside Family Hub",
                "address_1": "3 Quay Lane",
                "city": "Harbourside",
                "postcode": "EX8 3WA",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop", "quiet_space"],
                "accessibility_description": (
                    "Nearest parking is the Quay Lane pay and display car park, 100 metres away."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TH",
                        "opens_at": "13:30",
                        "closes_at": "15:00",
                        "description": "Term time only",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Just turn up. No diagnosis is needed.",
        "referral_needed": False,
        "eligibility": "",
        "email": "fis@exampleshire.example",
        "phone": "01632 960160",
        "url": "",
        "answers": {
            "outcomes": "Families meet others in a similar position and children enjoy play in a calm setting.",
            "staff_training": "Family hub workers have training in early communication and sensory needs.",
            "accessibility": "Sessions are kept small and there is a quiet room if your child needs a break.",
        },
        "languages": [],
    },
    {
        "organisation": "fis",
        "name": "Family Information Service",
        "description": (
            "Free, impartial information for families about childcare, help with childcare costs, activities for "
            "children and local support services. We can help you find a nursery or childminder who can meet your "
            "child's needs."
        ),
        "categories": ["information", "early_years", "money"],
        "needs": [],
        "audiences": ["families", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "online"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Phone, email or use the online enquiry form.",
        "referral_needed": False,
        "eligibility": "",
        "email": "fis@exampleshire.example",
        "phone": "01632 960160",
        "url": "https://www.exampleshire.example/fis",
        "answers": {
            "outcomes": "Families find the right childcare and local support quickly.",
            "staff_training": "Advisers have training in SEND, childcare funding and the Local Offer.",
            "accessibility": "We can use a telephone interpreter or arrange a British Sign Language interpreter.",
        },
        "languages": ["English", "British Sign Language"],
    },
    {
        "organisation": "fis",
        "name": "Changing Places toilets in Exampleshire",
        "description": (
            "A map and list of Changing Places toilets in Exampleshire. These are larger accessible toilets with a "
            "hoist, an adult-sized changing bench and space for up to two carers."
        ),
        "categories": ["information", "leisure"],
        "needs": ["physical", "profound_multiple", "sensory_physical"],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [],
        "how_to_start": "View the map online. Let us know if a listing is wrong or a toilet is out of order.",
        "referral_needed": False,
        "eligibility": "",
        "email": "fis@exampleshire.example",
        "phone": "",
        "url": "https://www.exampleshire.example/changing-places",
        "answers": {
            "outcomes": "Families can plan days out knowing there is a suitable toilet nearby.",
            "family_involvement": "Families tell us about new Changing Places toilets and problems with existing ones.",
            "future_plans": (
                "Three new Changing Places toilets are planned in Millbrook, Westcombe and Kingsmoor by 2028."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "sensory_support",
        "name": "Support for deaf children and young people",
        "description": (
            "Qualified teachers of deaf children visit families at home from diagnosis and support children in "
            "nurseries, schools and colleges. They help with hearing aids and radio aids, language development and "
            "making learning accessible."
        ),
        "categories": ["education", "early_years"],
        "needs": ["hearing", "multi_sensory", "sensory_physical"],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "Castlebridge Family Hub, family group",
                "address_1": "12 Riverside Walk",
                "city": "Castlebridge",
                "postcode": "EX1 3LU",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "quiet_space", "parking"],
                "accessibility_description": (
                    "Everything is on the ground floor. The Changing Places toilet has a hoist and an adult-sized "
                    "changing bench."
                ),
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "2SA",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                        "description": "Deaf children's family group",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Referrals usually come from the audiology clinic after diagnosis. Schools can also refer.",
        "referral_needed": True,
        "eligibility": (
            "Children and young people in Exampleshire with a permanent hearing loss, diagnosed by audiology."
        ),
        "email": "sensory.support@exampleshire.example",
        "phone": "01632 960170",
        "url": "",
        "answers": {
            "outcomes": "Deaf children develop language and communication and take a full part in learning.",
            "staff_training": "All teachers hold the mandatory qualification for teachers of deaf children.",
            "family_involvement": "We run family days and British Sign Language taster sessions.",
            "progress_sharing": "We write a report for each review and share it with you.",
        },
        "languages": ["English", "British Sign Language"],
    },
    {
        "organisation": "sensory_support",
        "name": "Vision support and habilitation training",
        "description": (
            "Qualified teachers of children with vision impairment help families, schools and colleges adapt learning. "
            "Habilitation specialists teach children and young people to move around safely and confidently, using "
            "skills such as cane training, and to do everyday tasks independently."
        ),
        "categories": ["education", "travel", "adulthood"],
        "needs": ["visual", "multi_sensory", "sensory_physical"],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [],
        "schedules": [],
        "how_to_start": "Ask your child's eye clinic, school or GP to refer, or phone us for advice.",
        "referral_needed": True,
        "eligibility": "Children and young people in Exampleshire with a diagnosed vision impairment.",
        "email": "sensory.support@exampleshire.example",
        "phone": "01632 960170",
        "url": "",
        "answers": {
            "outcomes": "Children and young people learn alongside their friends and become more independent.",
            "staff_training": "Teachers hold the mandatory qualification for teaching children with vision impairment.",
            "progress_sharing": "Progress against habilitation goals is reviewed with you every term.",
        },
        "languages": [],
    },
    {
        "organisation": "sensory_support",
        "name": "Sensory support family day",
        "description": (
            "A free family day for children with hearing or vision impairment and their brothers, sisters and parents. "
            "There are activities for children, a chance to meet other families and short talks from specialist staff."
        ),
        "categories": ["leisure", "extra_help"],
        "needs": ["hearing", "visual", "multi_sensory"],
        "audiences": ["families"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Harbourside Seafront Pavilion",
                "address_1": "Marine Parade",
                "city": "Harbourside",
                "postcode": "EX8 5LB",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "hearing_loop", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-04-10",
                        "opens_at": "10:00",
                        "closes_at": "15:00",
                        "description": "Spring family day",
                    },
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-10-16",
                        "opens_at": "10:00",
                        "closes_at": "15:00",
                        "description": "Autumn family day",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Book your family's free places by email.",
        "referral_needed": False,
        "eligibility": "Families known to the Sensory Support Service.",
        "email": "sensory.support@exampleshire.example",
        "phone": "01632 960170",
        "url": "",
        "answers": {
            "outcomes": "Families make friends and children meet other children with similar needs.",
            "family_involvement": "Parents help plan each family day through our parents' group.",
            "accessibility": "British Sign Language interpreters and sighted guides will be at both family days.",
        },
        "languages": ["English", "British Sign Language"],
    },
    {
        "organisation": "send_team",
        "name": "Specialist teaching service for dyslexia and literacy",
        "description": (
            "Specialist teachers help schools understand and support pupils with dyslexia and other specific learning "
            "difficulties. They run assessments, give advice to teachers and train school staff."
        ),
        "categories": ["education"],
        "needs": ["specific_learning", "cognition_learning"],
        "audiences": ["practitioners", "families"],
        "ages": [5, 16],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [],
        "schedules": [],
        "how_to_start": (
            "Schools make a request through their SENCO. Parents should speak to their child's school first."
        ),
        "referral_needed": True,
        "eligibility": "Pupils at Exampleshire maintained schools and academies that buy in the service.",
        "email": "specialistteaching@exampleshire.example",
        "phone": "01632 960171",
        "url": "",
        "answers": {
            "outcomes": "Pupils with dyslexia get the right support in class and feel more confident.",
            "staff_training": (
                "All specialist teachers hold a postgraduate qualification in specific learning difficulties."
            ),
            "progress_sharing": "Assessment reports are shared with the school and family.",
        },
        "languages": [],
    },
    {
        "organisation": "nhs_slt",
        "name": "Talk Time: speech and language drop-in for under 5s",
        "description": (
            "Worried about how your child is talking or understanding words? Come along to a free drop-in and talk to "
            "a speech and language therapist. They can give you ideas to try at home and tell you if your child needs "
            "a referral."
        ),
        "categories": ["health", "early_years"],
        "needs": ["speech_language", "communication_interaction"],
        "audiences": ["families"],
        "ages": [0, 5],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Ashford Vale Family Hub",
                "address_1": "Station Road",
                "city": "Ashford Vale",
                "postcode": "EX4 6JB",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1WE",
                        "opens_at": "09:30",
                        "closes_at": "11:30",
                        "description": "First Wednesday of the month",
                    },
                ],
            },
            {
                "name": "Kingsmoor Family Hub",
                "address_1": "Market Place",
                "city": "Kingsmoor",
                "postcode": "EX14 9QE",
                "accessibility": ["wheelchair", "accessible_toilet", "sensory_room", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "3MO",
                        "opens_at": "13:30",
                        "closes_at": "15:30",
                        "description": "Third Monday of the month",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Just turn up with your child. No appointment or referral needed.",
        "referral_needed": False,
        "eligibility": "",
        "email": "slt@echnhs.example",
        "phone": "01632 960200",
        "url": "https://www.echnhs.example/speech-and-language/drop-ins",
        "answers": {
            "outcomes": "Parents get early advice so small worries do not become bigger problems.",
            "staff_training": "Drop-ins are run by registered speech and language therapists.",
            "family_involvement": "You will leave with simple activities to build into everyday routines.",
        },
        "languages": ["English", "Polish", "Portuguese"],
    },
    {
        "organisation": "nhs_slt",
        "name": "Children's speech and language therapy",
        "description": (
            "Speech and language therapists assess and support children and young people who have difficulty with "
            "talking, understanding, using language socially, stammering, or eating, drinking and swallowing. Therapy "
            "may happen at a clinic, at school or nursery, or online."
        ),
        "categories": ["health", "education"],
        "needs": ["speech_language", "communication_interaction", "autism", "hearing", "physical"],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Castlebridge Child Development Centre",
                "address_1": "Hospital Lane",
                "city": "Castlebridge",
                "postcode": "EX2 9DN",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "lift",
                    "quiet_space",
                    "parking",
                    "sensory_room",
                ],
                "accessibility_description": (
                    "Free parking for families in the car park behind the centre. The waiting room has a quiet area."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                        "description": "",
                    },
                ],
            },
            {
                "name": "Harbourside Health Centre",
                "address_1": "Seafront Road",
                "city": "Harbourside",
                "postcode": "EX8 5PR",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop", "lift", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {"freq": "WEEKLY", "byday": "TU,TH", "opens_at": "09:00", "closes_at": "16:30", "description": ""},
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "Parents, GPs, health visitors, schools and nurseries can refer using the online referral form."
        ),
        "referral_needed": True,
        "eligibility": "Children and young people up to 18 with an Exampleshire GP, or up to 19 if still at school.",
        "email": "slt@echnhs.example",
        "phone": "01632 960200",
        "url": "https://www.echnhs.example/speech-and-language",
        "answers": {
            "outcomes": (
                "Children and young people communicate as well as they can at home, at school and with friends."
            ),
            "staff_training": (
                "Therapists are registered health professionals, and many have specialist training in areas such as "
                "autism and eating and drinking."
            ),
            "family_involvement": "We agree therapy goals with you and your child and show you how to help at home.",
            "progress_sharing": "You get a written report after assessment and at the end of each block of therapy.",
        },
        "languages": [],
    },
    {
        "organisation": "nhs_slt",
        "name": "Makaton signing course for families",
        "description": (
            "A friendly 4-week course where parents, carers, brothers and sisters learn Makaton signs and symbols to "
            "use with their child. Makaton uses signs and pictures alongside speech to help children understand and be "
            "understood."
        ),
        "categories": ["health", "early_years", "information"],
        "needs": ["speech_language", "communication_interaction", "severe_learning", "moderate_learning"],
        "audiences": ["families", "practitioners"],
        "ages": [0, 11],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Millbrook Library, community room",
                "address_1": "Mill Lane",
                "city": "Millbrook",
                "postcode": "EX5 2ET",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "FR",
                        "opens_at": "10:00",
                        "closes_at": "11:30",
                        "description": "4-week course, each half term",
                    },
                ],
            },
        ],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "MO",
                "opens_at": "19:00",
                "closes_at": "20:00",
                "description": "Online course, 4 weeks",
            },
        ],
        "how_to_start": "Book a place online or phone the speech and language therapy office.",
        "referral_needed": False,
        "eligibility": "Families of children who use or are learning Makaton.",
        "email": "slt@echnhs.example",
        "phone": "01632 960200",
        "url": "https://www.echnhs.example/speech-and-language/makaton",
        "answers": {
            "outcomes": "Families can communicate with their child more easily, and children are less frustrated.",
            "staff_training": "Courses are taught by speech and language therapists who are licensed Makaton tutors.",
            "family_involvement": "Brothers, sisters and grandparents are welcome on the course.",
        },
        "languages": ["English"],
    },
    {
        "organisation": "nhs_ot",
        "name": "Children's occupational therapy",
        "description": (
            "Occupational therapists help children and young people with everyday activities such as dressing, eating, "
            "handwriting, using the toilet and playing. They may also advise on equipment and on sensory differences "
            "that affect daily life."
        ),
        "categories": ["health"],
        "needs": ["physical", "sensory_physical", "autism", "adhd", "cognition_learning"],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Castlebridge Child Development Centre",
                "address_1": "Hospital Lane",
                "city": "Castlebridge",
                "postcode": "EX2 9DN",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "lift",
                    "quiet_space",
                    "parking",
                    "sensory_room",
                ],
                "accessibility_description": (
                    "Free parking for families in the car park behind the centre. The waiting room has a quiet area."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                        "description": "",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "A health professional, school SENCO or social worker can refer. Parents can phone the advice line first "
            "to check whether a referral is right."
        ),
        "referral_needed": True,
        "eligibility": "Children and young people up to 18 with an Exampleshire GP.",
        "email": "childrens.ot@echnhs.example",
        "phone": "01632 960210",
        "url": "https://www.echnhs.example/occupational-therapy",
        "answers": {
            "outcomes": "Children can do more for themselves and take part in family, school and community life.",
            "staff_training": "Several therapists have postgraduate training in sensory integration.",
            "progress_sharing": "We agree goals with you and review them at the end of each episode of care.",
            "accessibility": (
                "The centre has a Changing Places toilet, a quiet waiting area and free parking. We can also see "
                "children at school."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "nhs_ot",
        "name": "Sensory and everyday skills workshops for parents",
        "description": (
            "Free online workshops run by occupational therapists for parents and carers. Topics include understanding "
            "sensory differences, sleep, getting dressed and handwriting. You do not need a referral or a diagnosis to "
            "join."
        ),
        "categories": ["health", "information"],
        "needs": ["autism", "adhd", "sensory_physical", "communication_interaction"],
        "audiences": ["families", "practitioners"],
        "ages": [2, 16],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online"],
        "locations": [],
        "schedules": [
            {
                "freq": "MONTHLY",
                "byday": "2TU",
                "opens_at": "19:00",
                "closes_at": "20:30",
                "description": "Understanding sensory differences",
            },
            {
                "freq": "MONTHLY",
                "byday": "4TH",
                "opens_at": "10:00",
                "closes_at": "11:30",
                "description": "Everyday skills: dressing, eating and handwriting",
            },
        ],
        "how_to_start": "Book a place online. We will email you a link the day before.",
        "referral_needed": False,
        "eligibility": "",
        "email": "childrens.ot@echnhs.example",
        "phone": "",
        "url": "https://www.echnhs.example/ot-workshops",
        "answers": {
            "outcomes": "Parents understand their child's sensory needs and have ideas to try at home.",
            "staff_training": "Workshops are run by registered occupational therapists.",
            "family_involvement": "Workshops were designed with parents from the Exampleshire Parent Carer Forum.",
            "accessibility": "Workshops are recorded and subtitled so you can watch them later.",
        },
        "languages": [],
    },
    {
        "organisation": "nhs_physio",
        "name": "Children's physiotherapy",
        "description": (
            "Physiotherapists help babies, children and young people with difficulties in movement, balance, posture "
            "and strength. They provide exercise programmes, advice on equipment such as standing frames and splints, "
            "and support in school."
        ),
        "categories": ["health"],
        "needs": ["physical", "sensory_physical", "profound_multiple"],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Castlebridge Child Development Centre",
                "address_1": "Hospital Lane",
                "city": "Castlebridge",
                "postcode": "EX2 9DN",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "lift",
                    "quiet_space",
                    "parking",
                    "sensory_room",
                ],
                "accessibility_description": (
                    "Free parking for families in the car park behind the centre. The waiting room has a quiet area."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                        "description": "",
                    },
                ],
            },
            {
                "name": "Westcombe Pools, hydrotherapy pool",
                "address_1": "The Esplanade",
                "city": "Westcombe",
                "postcode": "EX10 9JJ",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "Pool hoist and a gently sloping beach entry into the learner pool.",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "FR",
                        "opens_at": "09:00",
                        "closes_at": "12:00",
                        "description": "Hydrotherapy sessions, by appointment",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Your GP, paediatrician, health visitor or school can refer your child.",
        "referral_needed": True,
        "eligibility": "Children and young people up to 18 with an Exampleshire GP.",
        "email": "childrens.physio@echnhs.example",
        "phone": "01632 960220",
        "url": "https://www.echnhs.example/physiotherapy",
        "answers": {
            "outcomes": "Children move as well and as comfortably as possible and take part in activities they enjoy.",
            "staff_training": (
                "Our team includes physiotherapists with specialist training in cerebral palsy and hydrotherapy."
            ),
            "family_involvement": (
                "We teach parents and school staff the exercises so they become part of daily routines."
            ),
            "progress_sharing": "Goals are reviewed with you at least every 6 months.",
        },
        "languages": [],
    },
    {
        "organisation": "camhs",
        "name": "CAMHS: Child and Adolescent Mental Health Services",
        "description": (
            "Child and Adolescent Mental Health Services (CAMHS) help children and young people up to 18 with "
            "emotional, behavioural and mental health difficulties, such as anxiety, low mood, self-harm and eating "
            "difficulties. Support may include talking therapies, family work and, where needed, medication."
        ),
        "categories": ["health"],
        "needs": ["semh", "adhd", "autism"],
        "audiences": ["families", "young_people"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online", "phone"],
        "locations": [
            {
                "name": "Linden House",
                "address_1": "22 Elm Grove",
                "city": "Castlebridge",
                "postcode": "EX1 1RA",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space"],
                "accessibility_description": (
                    "Ground-floor clinic rooms. Please tell us if the waiting room is hard for your child and we will "
                    "find a quieter space."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "09:00",
                        "closes_at": "17:00",
                        "description": "",
                    },
                ],
            },
            {
                "name": "The Willows",
                "address_1": "Fore Street",
                "city": "Kingsmoor",
                "postcode": "EX14 0EZ",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU,WE,TH",
                        "opens_at": "09:00",
                        "closes_at": "17:00",
                        "description": "",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "Your GP, school or another professional can refer. Young people aged 14 and over can also refer "
            "themselves by phone."
        ),
        "referral_needed": True,
        "eligibility": (
            "Children and young people up to 18 with an Exampleshire GP and moderate to severe mental health "
            "difficulties."
        ),
        "email": "camhs@echnhs.example",
        "phone": "01632 960230",
        "url": "https://www.echnhs.example/camhs",
        "answers": {
            "outcomes": "Young people feel better, understand their feelings and have ways to cope.",
            "staff_training": (
                "Clinicians include psychiatrists, psychologists, nurses and family therapists, and have training in "
                "supporting autistic young people."
            ),
            "family_involvement": (
                "A young people's participation group helps us recruit staff and improve our waiting rooms."
            ),
            "progress_sharing": "We agree a care plan with you and review it regularly.",
            "future_plans": "We are expanding mental health support teams to more schools in Kingsmoor and Millbrook.",
        },
        "languages": ["English", "Polish"],
    },
    {
        "organisation": "camhs",
        "name": "CAMHS crisis line",
        "description": (
            "A phone line for children and young people in mental health crisis, and for parents and professionals "
            "worried about them. Trained staff will listen, help keep the young person safe and arrange urgent support "
            "if needed. If someone's life is at immediate risk, call 999."
        ),
        "categories": ["health", "extra_help"],
        "needs": ["semh"],
        "audiences": ["families", "young_people", "practitioners"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone"],
        "locations": [],
        "schedules": [
            {"freq": "DAILY", "byday": "", "opens_at": "00:00", "closes_at": "23:59", "description": "24 hours a day"},
        ],
        "how_to_start": "Phone the crisis line at any time.",
        "referral_needed": False,
        "eligibility": "",
        "email": "",
        "phone": "01632 960231",
        "url": "https://www.echnhs.example/camhs/crisis",
        "answers": {
            "outcomes": "Young people in crisis are kept safe and get the right help quickly.",
            "staff_training": "Staff are mental health nurses and practitioners trained in crisis support.",
            "accessibility": (
                "If you are deaf or find it hard to speak on the phone, you can use a text relay service or the online "
                "chat on our website."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "nhs_paeds",
        "name": "Community paediatrics and neurodevelopmental assessment",
        "description": (
            "Community paediatricians are children's doctors who assess and look after children with developmental "
            "delay, disabilities and long-term conditions. The team also assesses children for autism and attention "
            "deficit hyperactivity disorder (ADHD)."
        ),
        "categories": ["health"],
        "needs": ["autism", "adhd", "communication_interaction", "cognition_learning", "physical"],
        "audiences": ["families", "practitioners"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Castlebridge Child Development Centre",
                "address_1": "Hospital Lane",
                "city": "Castlebridge",
                "postcode": "EX2 9DN",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "lift",
                    "quiet_space",
                    "parking",
                    "sensory_room",
                ],
                "accessibility_description": (
                    "Free parking for families in the car park behind the centre. The waiting room has a quiet area."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:30",
                        "closes_at": "17:00",
                        "description": "",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "A GP, health visitor, school or other professional must refer. Schools should include evidence of support "
            "already tried."
        ),
        "referral_needed": True,
        "eligibility": "Children and young people up to 18 with an Exampleshire GP.",
        "email": "community.paediatrics@echnhs.example",
        "phone": "01632 960240",
        "url": "https://www.echnhs.example/community-paediatrics",
        "answers": {
            "outcomes": "Children get a clear understanding of their needs and the right support.",
            "family_involvement": "While you wait, you can join our 'waiting well' workshops for parents.",
            "progress_sharing": (
                "After assessment we write to you, your GP and, with your consent, your child's school."
            ),
            "future_plans": "We are working to shorten waiting times for autism and ADHD assessments.",
        },
        "languages": [],
    },
    {
        "organisation": "nhs_wheelchair",
        "name": "Wheelchair and specialist seating service",
        "description": (
            "We assess children and young people who have a long-term difficulty with walking and provide a wheelchair "
            "or buggy that meets their needs. We also repair and maintain the equipment and reassess as your child "
            "grows."
        ),
        "categories": ["health"],
        "needs": ["physical", "sensory_physical", "profound_multiple"],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "Exampleshire Wheelchair Centre",
                "address_1": "Unit 4, Brook Business Park",
                "city": "Ashford Vale",
                "postcode": "EX4 6NY",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "parking"],
                "accessibility_description": (
                    "Drop-off bay at the entrance and wide parking bays for vehicles with ramps."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:30",
                        "closes_at": "16:30",
                        "description": "Repairs line open 8am to 6pm",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "A GP, therapist or consultant refers. Call us to arrange a repair.",
        "referral_needed": True,
        "eligibility": (
            "People with an Exampleshire GP who have a long-term need (more than 6 months) for a wheelchair."
        ),
        "email": "wheelchairs@echnhs.example",
        "phone": "01632 960250",
        "url": "https://www.echnhs.example/wheelchairs",
        "answers": {
            "outcomes": "Children and young people are comfortable, safe and as independent as possible.",
            "accessibility": "The centre has step-free access, a Changing Places toilet and wide parking bays.",
            "future_plans": "We are introducing personal wheelchair budgets so families have more choice.",
        },
        "languages": [],
    },
    {
        "organisation": "nhs_continence",
        "name": "Children's bladder and bowel (continence) service",
        "description": (
            "Specialist nurses help children and young people with bladder and bowel problems such as constipation, "
            "bedwetting and daytime wetting. We support toilet training for disabled children and assess for "
            "continence products, such as pads, for children over 4 who need them."
        ),
        "categories": ["health"],
        "needs": ["physical", "severe_learning", "profound_multiple", "autism"],
        "audiences": ["families", "young_people"],
        "ages": [4, 19],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "Kingsmoor Community Clinic",
                "address_1": "Orchard Way",
                "city": "Kingsmoor",
                "postcode": "EX14 9EH",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU,TH",
                        "opens_at": "09:00",
                        "closes_at": "16:00",
                        "description": "Clinic appointments",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "Parents can refer their own child using the online form, or ask a GP, school nurse or health visitor."
        ),
        "referral_needed": False,
        "eligibility": "Children aged 4 to 19 with an Exampleshire GP.",
        "email": "bladderandbowel@echnhs.example",
        "phone": "01632 960260",
        "url": "https://www.echnhs.example/bladder-and-bowel",
        "answers": {
            "outcomes": "Children gain as much bladder and bowel control as they can, with dignity.",
            "family_involvement": "We make a toileting plan with you that fits your family's routine.",
            "progress_sharing": "Your nurse reviews the plan with you at each appointment.",
        },
        "languages": [],
    },
    {
        "organisation": "nhs_ld",
        "name": "Health checks and support for young adults with a learning disability",
        "description": (
            "Anyone aged 14 or over with a learning disability can have a free annual health check with their GP. From "
            "18, our community learning disability nurses can help with health appointments, easy read information and "
            "planning for hospital visits."
        ),
        "categories": ["health", "adulthood"],
        "needs": ["moderate_learning", "severe_learning", "profound_multiple"],
        "audiences": ["young_people", "families"],
        "ages": [14, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "Harbourside Health Centre",
                "address_1": "Seafront Road",
                "city": "Harbourside",
                "postcode": "EX8 5PR",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop", "lift", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "WE",
                        "opens_at": "13:30",
                        "closes_at": "16:30",
                        "description": "Nurse clinic, by appointment",
                    },
                ],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": (
            "Ask your GP to add you to the learning disability register and book an annual health check. For nurse "
            "support over 18, phone us or ask your GP to refer."
        ),
        "referral_needed": False,
        "eligibility": "Young people with a learning disability registered with an Exampleshire GP.",
        "email": "ld.team@echnhs.example",
        "phone": "01632 960270",
        "url": "https://www.echnhs.example/learning-disability",
        "answers": {
            "outcomes": "Young adults stay healthy and health problems are found early.",
            "staff_training": "Our nurses are registered learning disability nurses.",
            "accessibility": "We provide easy read letters and longer appointments.",
        },
        "languages": [],
    },
    {
        "organisation": "childrens_disability",
        "name": "Disabled Children's Service social work team",
        "description": (
            "Social workers and family support workers who work with disabled children and their families when needs "
            "cannot be met by universal or targeted services. They carry out children and family assessments and can "
            "arrange specialist short breaks, care at home or direct payments."
        ),
        "categories": ["social_care"],
        "needs": ["profound_multiple", "severe_learning", "physical", "autism"],
        "audiences": ["families"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "County Hall",
                "address_1": "Castle Street",
                "city": "Castlebridge",
                "postcode": "EX1 2JW",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "parking"],
                "accessibility_description": (
                    "Most visits take place at your home. Meetings at County Hall are in step-free rooms on the ground "
                    "floor."
                ),
                "schedules": [],
            },
        ],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "17:00",
                "description": "Out of hours emergencies go to the emergency duty team",
            },
        ],
        "how_to_start": (
            "Contact the Children's Front Door by phone or online. Professionals can refer with your consent."
        ),
        "referral_needed": True,
        "eligibility": (
            "Disabled children and young people aged 0 to 18 who live in Exampleshire and have substantial and "
            "long-term needs."
        ),
        "email": "disabledchildren@exampleshire.example",
        "phone": "01632 960300",
        "url": "https://www.exampleshire.example/disabled-children",
        "answers": {
            "outcomes": "Disabled children are safe, well and living at home with their families wherever possible.",
            "staff_training": (
                "Social workers have specialist training in disability and communicating with children who do not use "
                "speech."
            ),
            "family_involvement": "Your views and your child's views are at the centre of every assessment and plan.",
            "progress_sharing": "Plans are reviewed with you at least every 6 months.",
        },
        "languages": [],
    },
    {
        "organisation": "childrens_disability",
        "name": "Personal budgets and direct payments advice",
        "description": (
            "A direct payment is money from the council that you can use to arrange your child's assessed support "
            "yourself, for example by employing a personal assistant. We explain how direct payments and personal "
            "budgets work, and can help you set up payroll and find a personal assistant."
        ),
        "categories": ["money", "social_care", "extra_help"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "online", "in_person"],
        "locations": [
            {
                "name": "County Hall",
                "address_1": "Castle Street",
                "city": "Castlebridge",
                "postcode": "EX1 2JW",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "parking"],
                "accessibility_description": (
                    "Step-free entrance from the main car park. Blue Badge spaces next to the front door."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "WE",
                        "opens_at": "10:00",
                        "closes_at": "13:00",
                        "description": "Drop-in advice session",
                    },
                ],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "16:00", "description": ""},
        ],
        "how_to_start": "Ask your social worker or SEND case officer, or phone the direct payments team.",
        "referral_needed": False,
        "eligibility": (
            "Families with an assessed social care need, or a personal budget agreed as part of an EHC plan."
        ),
        "email": "directpayments@exampleshire.example",
        "phone": "01632 960301",
        "url": "https://www.exampleshire.example/direct-payments",
        "answers": {
            "outcomes": "Families have more choice and control over how support is given.",
            "staff_training": "Advisers have training in employment law for personal assistant employers.",
            "accessibility": "We can visit you at home if it is hard for you to come to us.",
        },
        "languages": [],
    },
    {
        "organisation": "childrens_disability",
        "name": "Parent carer needs assessment",
        "description": (
            "If you care for a disabled child, you have the right to ask for an assessment of your own needs as a "
            "carer. We will talk about your health, wellbeing and whether you need a break, and agree what support "
            "could help."
        ),
        "categories": ["social_care", "extra_help"],
        "needs": [],
        "audiences": ["families"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "in_person"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Phone or email to ask for an assessment. The Exampleshire Carers Hub can help you prepare.",
        "referral_needed": False,
        "eligibility": "Parents and carers of disabled children who live in Exampleshire.",
        "email": "disabledchildren@exampleshire.example",
        "phone": "01632 960300",
        "url": "",
        "answers": {
            "outcomes": "Parent carers feel supported and able to look after their own wellbeing.",
            "family_involvement": "The assessment is a conversation led by you, at a time and place that suits you.",
            "progress_sharing": "You get a copy of your assessment and the support plan we agree together.",
        },
        "languages": [],
    },
    {
        "organisation": "short_breaks",
        "name": "Short breaks you can use without an assessment",
        "description": (
            "Many short breaks clubs and activities can be used without a social care assessment. This page lists "
            "clubs, holiday schemes and activities funded by the council, and explains how to get a short breaks card, "
            "which gives discounts at local attractions."
        ),
        "categories": ["social_care", "leisure", "information"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Apply for a short breaks card online, then book activities directly with providers.",
        "referral_needed": False,
        "eligibility": "Disabled children and young people aged 0 to 18 who live in Exampleshire.",
        "email": "shortbreaks@exampleshire.example",
        "phone": "01632 960310",
        "url": "https://www.exampleshire.example/short-breaks",
        "answers": {
            "outcomes": "Children have fun with friends and parent carers get a break.",
            "family_involvement": "Families helped choose the activities funded this year.",
            "accessibility": (
                "Every provider listed tells us how accessible its venue is, and this is shown on the activity page."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "maple_house",
        "name": "Overnight short breaks at Maple House",
        "description": (
            "Maple House is a warm, homely place where disabled children and young people can stay overnight, so they "
            "can have fun with friends and their families can have a rest. Stays are planned around each child's "
            "routines and health needs. Maple House is registered with and inspected by Ofsted."
        ),
        "categories": ["social_care", "extra_help"],
        "needs": ["profound_multiple", "severe_learning", "physical", "autism", "multi_sensory"],
        "audiences": ["families", "young_people"],
        "ages": [8, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Maple House",
                "address_1": "Beech Road",
                "city": "Westcombe",
                "postcode": "EX10 0PG",
                "accessibility": ["wheelchair", "accessible_toilet", "sensory_room", "quiet_space", "parking"],
                "accessibility_description": (
                    "Ceiling hoists in four bedrooms, a level-access shower room and a sensory garden."
                ),
                "schedules": [
                    {
                        "freq": "DAILY",
                        "byday": "",
                        "opens_at": "00:00",
                        "closes_at": "23:59",
                        "description": "Open all year. Stays usually run from 3:30pm to 10am the next morning",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Overnight short breaks are arranged through your social worker after an assessment.",
        "referral_needed": True,
        "eligibility": "Disabled children aged 8 to 18 with an assessment from the Disabled Children's Service.",
        "email": "maplehouse@exampleshire.example",
        "phone": "01632 960320",
        "url": "",
        "answers": {
            "outcomes": "Children enjoy time away from home and families can recharge.",
            "staff_training": (
                "Staff are trained in moving and handling, epilepsy care, feeding by tube and positive behaviour "
                "support."
            ),
            "family_involvement": "Families visit with their child for tea before the first overnight stay.",
            "progress_sharing": "You get a short diary after each stay, and we join your child's reviews.",
            "accessibility": "Ceiling hoists in four bedrooms, a level-access shower room and a sensory garden.",
        },
        "languages": [],
    },
    {
        "organisation": "play_trust",
        "name": "After-school short breaks club",
        "description": (
            "A fun after-school club where disabled children can play, do crafts, cook and go outdoors with trained "
            "staff. Staff can collect some children from nearby special schools."
        ),
        "categories": ["social_care", "leisure"],
        "needs": ["autism", "severe_learning", "moderate_learning", "physical"],
        "audiences": ["families", "young_people"],
        "ages": [5, 17],
        "free": False,
        "fees": "£5 per session.",
        "costs": [["Session", "5.00", "Includes a snack"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Millbrook Adventure Playground",
                "address_1": "Greenway",
                "city": "Millbrook",
                "postcode": "EX24 6EG",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "sensory_room",
                    "quiet_space",
                    "parking",
                ],
                "accessibility_description": (
                    "Accessible play equipment including a wheelchair swing and a roundabout, and a calm indoor room."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU,TH",
                        "opens_at": "15:30",
                        "closes_at": "18:00",
                        "description": "Term time only",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Phone to book a visit. No social care assessment is needed.",
        "referral_needed": False,
        "eligibility": "Children aged 5 to 17 with a disability or additional need.",
        "email": "play@adventureunlimited.example",
        "phone": "01632 960330",
        "url": "https://www.adventureunlimited.example",
        "answers": {
            "staff_training": "Staff have training in first aid, Makaton, epilepsy and personal care.",
            "family_involvement": "You fill in an 'all about me' form with us before your child's first session.",
            "accessibility": "Fully accessible playground with a Changing Places toilet and a calm room.",
        },
        "languages": [],
    },
    {
        "organisation": "play_trust",
        "name": "Holiday play scheme",
        "description": (
            "Full days of play, days out and activities during the school holidays for disabled children and young "
            "people. Staffing is one to one or one to two, depending on each child's needs."
        ),
        "categories": ["social_care", "leisure"],
        "needs": ["autism", "severe_learning", "profound_multiple", "physical"],
        "audiences": ["families", "young_people"],
        "ages": [5, 17],
        "free": False,
        "fees": "£15 per day. Funded places are available through the short breaks team.",
        "costs": [["Day", "15.00", "10am to 3pm, bring a packed lunch"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Millbrook Adventure Playground",
                "address_1": "Greenway",
                "city": "Millbrook",
                "postcode": "EX24 6EG",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "sensory_room",
                    "quiet_space",
                    "parking",
                ],
                "accessibility_description": (
                    "Accessible play equipment including a wheelchair swing and a roundabout, and a calm indoor room."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "10:00",
                        "closes_at": "15:00",
                        "description": "Easter and summer holidays",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Book online from the start of each term. Places fill quickly.",
        "referral_needed": False,
        "eligibility": "Children aged 5 to 17 with a disability who live in Exampleshire.",
        "email": "play@adventureunlimited.example",
        "phone": "01632 960330",
        "url": "https://www.adventureunlimited.example/holidays",
        "answers": {
            "outcomes": "Children enjoy the holidays with friends, and families get a break.",
            "staff_training": "Staff complete training in medication, feeding by tube and moving and handling.",
            "progress_sharing": "Staff send a short note home at the end of each day.",
        },
        "languages": [],
    },
    {
        "organisation": "carers_hub",
        "name": "Young carers project",
        "description": (
            "Support for children and young people who help look after a family member, including a brother or sister "
            "with a disability. Young carers can meet others, go on trips and get one to one support. We also help "
            "schools support young carers."
        ),
        "categories": ["extra_help", "social_care", "leisure"],
        "needs": [],
        "audiences": ["young_people", "families"],
        "ages": [8, 24],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "Exampleshire Carers Hub",
                "address_1": "Unit 2, The Maltings",
                "city": "Ashford Vale",
                "postcode": "EX4 1EP",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "WE",
                        "opens_at": "16:30",
                        "closes_at": "18:30",
                        "description": "Ages 8 to 13, term time",
                    },
                    {
                        "freq": "MONTHLY",
                        "byday": "2SA",
                        "opens_at": "10:00",
                        "closes_at": "13:00",
                        "description": "Young adult carers aged 16 to 24",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Young people, parents or professionals can fill in the online referral form.",
        "referral_needed": False,
        "eligibility": "Young carers aged 8 to 24 living in Exampleshire.",
        "email": "youngcarers@exampleshirecarers.example",
        "phone": "01632 960340",
        "url": "https://www.exampleshirecarers.example/young-carers",
        "answers": {
            "outcomes": "Young carers have time to be themselves and feel less alone.",
            "family_involvement": "We offer a young carer's needs assessment, done together with the family.",
            "future_plans": "We are starting a young carers group in Harbourside.",
        },
        "languages": [],
    },
    {
        "organisation": "carers_hub",
        "name": "Parent carer support and wellbeing",
        "description": (
            "Advice, a listening ear and wellbeing sessions for parents and carers of disabled children. We can help "
            "you prepare for a parent carer needs assessment and tell you about grants and breaks."
        ),
        "categories": ["extra_help", "information"],
        "needs": [],
        "audiences": ["families"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "in_person", "online"],
        "locations": [
            {
                "name": "Exampleshire Carers Hub",
                "address_1": "Unit 2, The Maltings",
                "city": "Ashford Vale",
                "postcode": "EX4 1EP",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "-1TH",
                        "opens_at": "19:00",
                        "closes_at": "21:00",
                        "description": "Evening wellbeing session",
                    },
                ],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "16:00", "description": ""},
        ],
        "how_to_start": "Phone or email us, or register online.",
        "referral_needed": False,
        "eligibility": "",
        "email": "support@exampleshirecarers.example",
        "phone": "01632 960341",
        "url": "https://www.exampleshirecarers.example",
        "answers": {
            "outcomes": "Parent carers feel supported and able to look after themselves.",
            "staff_training": "Our staff have training in mental health first aid.",
            "family_involvement": "Parent carers help plan the wellbeing sessions and choose the topics.",
        },
        "languages": [],
    },
    {
        "organisation": "siblings",
        "name": "Sibling support group",
        "description": (
            "A monthly group for brothers and sisters of disabled children. They can do fun activities, make friends "
            "with others who understand, and talk about their feelings if they want to."
        ),
        "categories": ["extra_help", "leisure"],
        "needs": [],
        "audiences": ["young_people", "families"],
        "ages": [6, 16],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Castlebridge Family Hub",
                "address_1": "12 Riverside Walk",
                "city": "Castlebridge",
                "postcode": "EX1 3LU",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "quiet_space", "parking"],
                "accessibility_description": (
                    "Everything is on the ground floor. The Changing Places toilet has a hoist and an adult-sized "
                    "changing bench."
                ),
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1SA",
                        "opens_at": "10:00",
                        "closes_at": "12:30",
                        "description": "First Saturday of the month",
                    },
                ],
            },
            {
                "name": "Westcombe Methodist Hall",
                "address_1": "Victoria Road",
                "city": "Westcombe",
                "postcode": "EX10 9AQ",
                "accessibility": ["wheelchair", "accessible_toilet"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "3SA",
                        "opens_at": "10:00",
                        "closes_at": "12:30",
                        "description": "Third Saturday of the month",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Parents can email us to register. Children can try one session before joining.",
        "referral_needed": False,
        "eligibility": "Brothers and sisters, aged 6 to 16, of a disabled child or young person.",
        "email": "hello@brothersandsisterstoo.example",
        "phone": "01632 960350",
        "url": "https://www.brothersandsisterstoo.example",
        "answers": {
            "outcomes": "Siblings feel less alone and have time that is just for them.",
            "staff_training": "Group leaders have safeguarding training and experience of working with young carers.",
            "family_involvement": "We hold a family picnic every summer.",
        },
        "languages": [],
    },
    {
        "organisation": "adult_social_care",
        "name": "Transition to adult social care",
        "description": (
            "From age 14, the transitions team works with disabled young people who are likely to need care and "
            "support as adults. We carry out a transition assessment before the young person turns 18, so support is "
            "ready in time and there is no gap."
        ),
        "categories": ["social_care", "adulthood"],
        "needs": ["severe_learning", "profound_multiple", "autism", "physical"],
        "audiences": ["young_people", "families", "practitioners"],
        "ages": [14, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone"],
        "locations": [
            {
                "name": "County Hall",
                "address_1": "Castle Street",
                "city": "Castlebridge",
                "postcode": "EX1 2JW",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "parking"],
                "accessibility_description": (
                    "Step-free entrance from the main car park. Blue Badge spaces next to the front door."
                ),
                "schedules": [],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": (
            "Ask your child's social worker or SEND case officer, or phone the adult social care front door."
        ),
        "referral_needed": True,
        "eligibility": (
            "Young people aged 14 to 25 who live in Exampleshire and are likely to have eligible care and support "
            "needs as adults."
        ),
        "email": "transitions@exampleshire.example",
        "phone": "01632 960360",
        "url": "https://www.exampleshire.example/adult-social-care/transitions",
        "answers": {
            "outcomes": "Young people move into adult services smoothly, with the right support in place.",
            "family_involvement": (
                "The young person's wishes guide the plan, and families are involved as much as the young person wants."
            ),
            "progress_sharing": "We join annual reviews from Year 9 where possible.",
            "future_plans": "We are introducing a single transition plan shared across education, health and care.",
        },
        "languages": [],
    },
    {
        "organisation": "travel",
        "name": "Home to school travel assistance",
        "description": (
            "Help with getting to school for children with special educational needs or disabilities who cannot "
            "reasonably be expected to walk to school, even with an adult. Help may be a bus pass, a travel allowance "
            "for parents or a seat on a minibus or taxi."
        ),
        "categories": ["travel", "education"],
        "needs": [],
        "audiences": ["families"],
        "ages": [4, 16],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "08:30", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Apply online. For September starts, apply by 31 May.",
        "referral_needed": False,
        "eligibility": (
            "Children of compulsory school age who live in Exampleshire and meet the criteria in the SEND home to "
            "school travel policy."
        ),
        "email": "travelassistance@exampleshire.example",
        "phone": "01632 960400",
        "url": "https://www.exampleshire.example/school-travel",
        "answers": {
            "outcomes": "Children arrive at school safely and ready to learn.",
            "staff_training": "Drivers and passenger assistants complete training on SEND, safeguarding and first aid.",
            "family_involvement": "We ask for your child's travel needs and routines so we can plan the journey.",
        },
        "languages": [],
    },
    {
        "organisation": "travel",
        "name": "Independent travel training",
        "description": (
            "A trainer works one to one with young people to help them learn to travel on their own, for example to "
            "school, college or work by bus, train or on foot. Training goes at the young person's pace and can take a "
            "few weeks or a few months."
        ),
        "categories": ["travel", "adulthood"],
        "needs": ["moderate_learning", "autism", "communication_interaction", "cognition_learning"],
        "audiences": ["young_people", "families"],
        "ages": [11, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [],
        "schedules": [],
        "how_to_start": (
            "Schools, colleges and social workers refer. Families can phone to talk about whether it is right."
        ),
        "referral_needed": True,
        "eligibility": "Young people aged 11 to 25 with special educational needs who live in Exampleshire.",
        "email": "travelassistance@exampleshire.example",
        "phone": "01632 960401",
        "url": "",
        "answers": {
            "outcomes": "Young people gain confidence and freedom to travel on their own.",
            "staff_training": "Trainers are trained in road safety, autism awareness and safeguarding.",
            "progress_sharing": (
                "Trainers agree steps with the young person and tell families how things are going every week."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "travel",
        "name": "Post-16 travel assistance",
        "description": (
            "Help with travel to school, college or training for students aged 16 to 18, and for learners aged 19 to "
            "25 with an Education, Health and Care (EHC) plan. Help may include a bus pass, a mileage allowance or "
            "shared transport. A yearly contribution may be charged."
        ),
        "categories": ["travel", "adulthood"],
        "needs": [],
        "audiences": ["young_people", "families"],
        "ages": [16, 25],
        "free": False,
        "fees": "A yearly contribution of £650 may apply for ages 16 to 18, with a reduced rate for low incomes.",
        "costs": [
            ["Yearly contribution", "650.00", "Payable in instalments"],
            ["Low income rate", "325.00", "With proof of qualifying benefits"],
        ],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "08:30", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": (
            "Apply online once the young person has a confirmed place. Apply by 31 May for a September start."
        ),
        "referral_needed": False,
        "eligibility": "See the post-16 transport policy statement.",
        "email": "travelassistance@exampleshire.example",
        "phone": "01632 960400",
        "url": "https://www.exampleshire.example/school-travel/post-16",
        "answers": {
            "outcomes": "Young people can get to their place of learning and stay in education or training.",
            "family_involvement": "We ask young people what kind of travel help would suit them best.",
            "future_plans": "We are offering independent travel training to more students starting college.",
        },
        "languages": [],
    },
    {
        "organisation": "council",
        "name": "Blue Badges and disabled person's bus passes",
        "description": (
            "A Blue Badge lets you park closer to where you need to go. Children with certain conditions, including "
            "some under 3 who need bulky medical equipment, can get one. Disabled young people may also qualify for a "
            "free bus pass for off-peak travel."
        ),
        "categories": ["travel", "money"],
        "needs": ["physical", "visual", "severe_learning", "autism", "sensory_physical"],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": False,
        "fees": "A Blue Badge costs £10. Bus passes are free.",
        "costs": [["Blue Badge", "10.00", "Lasts up to 3 years"], ["Disabled person's bus pass", "", "Free"]],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Apply online. Phone if you need help with the form.",
        "referral_needed": False,
        "eligibility": "",
        "email": "bluebadges@exampleshire.example",
        "phone": "01632 960102",
        "url": "https://www.exampleshire.example/blue-badge",
        "answers": {
            "outcomes": "Disabled children and young people can get out and about more easily.",
            "staff_training": "Staff who assess applications have training in hidden disabilities, such as autism.",
            "accessibility": "You can apply by phone or ask for a paper form if you cannot apply online.",
        },
        "languages": [],
    },
    {
        "organisation": "leisure",
        "name": "Saturday Sensory Swim",
        "description": (
            "A calm swimming session with quieter music, dimmer lights and fewer people in the pool. Families can come "
            "and go as they please, and a lifeguard with extra training is always on poolside."
        ),
        "categories": ["leisure"],
        "needs": ["autism", "sensory_physical", "profound_multiple", "physical", "communication_interaction"],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": False,
        "fees": "£3.50 per swimmer. One carer swims free.",
        "costs": [["Swimmer", "3.50", "One carer free"], ["Extra adult", "4.50", ""]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Castlebridge Leisure Centre",
                "address_1": "Park Avenue",
                "city": "Castlebridge",
                "postcode": "EX1 9EB",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "parking", "hearing_loop"],
                "accessibility_description": (
                    "Pool hoist, accessible changing rooms and a Changing Places toilet next to the pool."
                ),
                "schedules": [
                    {"freq": "WEEKLY", "byday": "SA", "opens_at": "08:00", "closes_at": "09:00", "description": ""},
                ],
            },
            {
                "name": "Westcombe Pools",
                "address_1": "The Esplanade",
                "city": "Westcombe",
                "postcode": "EX10 9JJ",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "Pool hoist and a gently sloping beach entry into the learner pool.",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1SU",
                        "opens_at": "16:00",
                        "closes_at": "17:00",
                        "description": "First Sunday of the month",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Just turn up, or book online to guarantee a space.",
        "referral_needed": False,
        "eligibility": "",
        "email": "inclusion@activeexampleshire.example",
        "phone": "01632 960500",
        "url": "https://www.activeexampleshire.example/sensory-swim",
        "answers": {
            "outcomes": "Children and young people enjoy the water in a setting that feels safe and relaxed.",
            "staff_training": "Lifeguards and swim teachers have autism awareness and disability inclusion training.",
            "accessibility": "Pool hoist, accessible changing rooms and a Changing Places toilet at Castlebridge.",
            "future_plans": "We plan to add a sensory swim at Kingsmoor in 2027.",
        },
        "languages": [],
    },
    {
        "organisation": "leisure",
        "name": "Inclusive multi-sports and trampolining",
        "description": (
            "Weekly sports sessions for disabled children and young people, with trampolining, boccia, badminton and "
            "new games to try. Coaches adapt each activity so everyone can join in."
        ),
        "categories": ["leisure", "health"],
        "needs": ["physical", "moderate_learning", "autism", "adhd", "hearing"],
        "audiences": ["young_people", "families"],
        "ages": [7, 19],
        "free": False,
        "fees": "£4 per session.",
        "costs": [["Session", "4.00", "Short breaks card holders pay £2"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Kingsmoor Sports Hall",
                "address_1": "School Lane",
                "city": "Kingsmoor",
                "postcode": "EX14 9BB",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "WE",
                        "opens_at": "17:00",
                        "closes_at": "18:30",
                        "description": "Term time only",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Phone to book a free taster session.",
        "referral_needed": False,
        "eligibility": "",
        "email": "inclusion@activeexampleshire.example",
        "phone": "01632 960501",
        "url": "",
        "answers": {
            "outcomes": "Young people get active, make friends and build confidence.",
            "staff_training": "Coaches hold disability inclusion coaching qualifications.",
            "accessibility": "The hall is step-free with accessible changing rooms and a hoist for the trampoline.",
        },
        "languages": [],
    },
    {
        "organisation": "football",
        "name": "Inclusive football sessions",
        "description": (
            "Friendly football for disabled children, young people and adults of all abilities, including a frame "
            "football group for players who use walking frames and a powerchair football taster. No experience needed, "
            "just wear trainers and bring a drink."
        ),
        "categories": ["leisure", "health"],
        "needs": ["physical", "autism", "moderate_learning", "severe_learning", "adhd", "hearing"],
        "audiences": ["young_people", "families"],
        "ages": [5, 25],
        "free": False,
        "fees": "£2 per session. First session free.",
        "costs": [["Session", "2.00", "First session free"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Kingsmoor Recreation Ground",
                "address_1": "Moor Lane",
                "city": "Kingsmoor",
                "postcode": "EX14 9EQ",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "Flat, level pitches with a hard path from the car park to the pavilion.",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "SA",
                        "opens_at": "10:00",
                        "closes_at": "11:30",
                        "description": "Ages 5 to 15",
                    },
                    {
                        "freq": "WEEKLY",
                        "byday": "SA",
                        "opens_at": "11:45",
                        "closes_at": "13:00",
                        "description": "Ages 16 and over",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Just turn up, or email the club secretary first if you have any questions.",
        "referral_needed": False,
        "eligibility": "",
        "email": "secretary@kingsmoorinclusivefc.example",
        "phone": "01632 960510",
        "url": "https://www.kingsmoorinclusivefc.example",
        "answers": {
            "outcomes": "Players have fun, get fit and feel part of a team.",
            "staff_training": "All coaches have safeguarding training and disability football coaching badges.",
            "family_involvement": "Parents help run the tea hut and join our end-of-season party.",
        },
        "languages": [],
    },
    {
        "organisation": "cinema",
        "name": "Relaxed cinema screenings",
        "description": (
            "Family films shown with the lights left low and the sound turned down. You can move around, make noise "
            "and come and go during the film. There are no adverts or trailers."
        ),
        "categories": ["leisure"],
        "needs": ["autism", "sensory_physical", "adhd", "severe_learning", "communication_interaction"],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": False,
        "fees": "£4 per ticket. One carer free.",
        "costs": [["Ticket", "4.00", "Carers go free with a carer card or short breaks card"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Harbourside Picture House",
                "address_1": "Marine Parade",
                "city": "Harbourside",
                "postcode": "EX8 5LB",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop"],
                "accessibility_description": (
                    "Wheelchair spaces in screen 1. Ear defenders are available to borrow from the box office."
                ),
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1SU",
                        "opens_at": "10:30",
                        "closes_at": "12:30",
                        "description": "First Sunday of the month",
                    },
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-12-19",
                        "opens_at": "10:30",
                        "closes_at": "12:30",
                        "description": "Christmas relaxed screening",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Book online or at the box office.",
        "referral_needed": False,
        "eligibility": "",
        "email": "boxoffice@harboursidepicturehouse.example",
        "phone": "01632 960520",
        "url": "https://www.harboursidepicturehouse.example/relaxed",
        "answers": {
            "outcomes": "Families can enjoy the cinema together without worrying about noise or moving around.",
            "staff_training": "Front of house staff have autism and dementia awareness training.",
            "family_involvement": "Families vote for the films we show each season.",
            "accessibility": "Wheelchair spaces in screen 1, a hearing loop and ear defenders to borrow.",
        },
        "languages": [],
    },
    {
        "organisation": "youth_trust",
        "name": "Friday Night Club",
        "description": (
            "A youth club for young people with special educational needs and disabilities. There is pool, music, "
            "games, cooking and trips out, with support from youth workers who know each member well."
        ),
        "categories": ["leisure", "adulthood"],
        "needs": ["moderate_learning", "severe_learning", "autism", "communication_interaction"],
        "audiences": ["young_people"],
        "ages": [11, 25],
        "free": False,
        "fees": "£3 per session.",
        "costs": [["Session", "3.00", "Includes tuck"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "The Hive Youth Centre",
                "address_1": "Union Street",
                "city": "Millbrook",
                "postcode": "EX5 7JJ",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "FR",
                        "opens_at": "18:30",
                        "closes_at": "20:30",
                        "description": "Ages 11 to 18",
                    },
                ],
            },
            {
                "name": "Kingsmoor Youth Centre",
                "address_1": "Bridge Street",
                "city": "Kingsmoor",
                "postcode": "EX14 4RG",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TH",
                        "opens_at": "18:30",
                        "closes_at": "20:30",
                        "description": "Ages 16 to 25",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Phone or email to arrange a visit before your first session.",
        "referral_needed": False,
        "eligibility": "",
        "email": "info@opendooryouth.example",
        "phone": "01632 960530",
        "url": "https://www.opendooryouth.example/friday-night-club",
        "answers": {
            "outcomes": "Young people make friends, try new things and become more independent.",
            "staff_training": "Youth workers have training in Makaton, autism and first aid.",
            "family_involvement": "Members vote each term on the activities and trips.",
        },
        "languages": [],
    },
    {
        "organisation": "autism_charity",
        "name": "Teen autism social group",
        "description": (
            "A relaxed social group for autistic teenagers to meet others, share interests and try things like gaming, "
            "board games and art. There is always a quiet room and no pressure to join in."
        ),
        "categories": ["leisure", "extra_help"],
        "needs": ["autism", "communication_interaction", "semh"],
        "audiences": ["young_people"],
        "ages": [12, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Harbourside Library, community room",
                "address_1": "Fore Street",
                "city": "Harbourside",
                "postcode": "EX8 3HY",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU",
                        "opens_at": "16:30",
                        "closes_at": "18:00",
                        "description": "Term time only",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Email us to book a first visit. A parent can come with you the first time.",
        "referral_needed": False,
        "eligibility": "Autistic young people aged 12 to 18. A diagnosis is not needed.",
        "email": "hello@spectrumtogether.example",
        "phone": "01632 960540",
        "url": "",
        "answers": {
            "outcomes": "Autistic teenagers feel accepted and build friendships.",
            "staff_training": "The group is run by autistic adults and trained volunteers.",
            "family_involvement": "Members choose the activities and help run the group.",
        },
        "languages": [],
    },
    {
        "organisation": "council",
        "name": "Holiday activities and food programme",
        "description": (
            "Free holiday clubs with fun activities and a healthy meal, during the Easter, summer and Christmas "
            "holidays. Several clubs offer places with extra support for children with special educational needs and "
            "disabilities."
        ),
        "categories": ["leisure", "money", "extra_help"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [5, 16],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Ashford Vale Special School",
                "address_1": "Oak Drive",
                "city": "Ashford Vale",
                "postcode": "EX4 4PU",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "sensory_room",
                    "quiet_space",
                    "parking",
                ],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH",
                        "opens_at": "10:00",
                        "closes_at": "14:00",
                        "description": "Summer holidays. Specialist SEND club",
                    },
                ],
            },
            {
                "name": "Kingsmoor Academy",
                "address_1": "Long Lane",
                "city": "Kingsmoor",
                "postcode": "EX14 4QG",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,WE,FR",
                        "opens_at": "09:30",
                        "closes_at": "13:30",
                        "description": "Easter and summer holidays",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Use the code from your child's school to book online.",
        "referral_needed": False,
        "eligibility": (
            "Children aged 5 to 16 who get benefits-related free school meals. Some places are for other children who "
            "need support."
        ),
        "email": "haf@exampleshire.example",
        "phone": "01632 960103",
        "url": "https://www.exampleshire.example/haf",
        "answers": {
            "outcomes": "Children eat well, stay active and have fun in the school holidays.",
            "staff_training": "Staff at the specialist SEND club have training in autism and personal care.",
            "accessibility": "Tell us about your child's needs when booking so the club can plan support.",
        },
        "languages": [],
    },
    {
        "organisation": "farm",
        "name": "Farm skills for young people",
        "description": (
            "Hands-on days on a working farm, looking after animals, growing vegetables and learning practical skills. "
            "Many young people go on to gain a qualification or work experience."
        ),
        "categories": ["adulthood", "leisure", "education"],
        "needs": ["moderate_learning", "severe_learning", "semh", "autism"],
        "audiences": ["young_people"],
        "ages": [14, 25],
        "free": False,
        "fees": "£45 per day. Often funded through an EHC plan, a personal budget or a direct payment.",
        "costs": [["Day placement", "45.00", "Includes lunch"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Moorside Community Farm",
                "address_1": "Moorside Lane",
                "city": "Kingsmoor",
                "postcode": "EX14 1NZ",
                "accessibility": ["accessible_toilet", "parking"],
                "accessibility_description": (
                    "Most of the farm has firm gravel paths. Some fields are uneven and can be muddy after rain."
                ),
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH",
                        "opens_at": "09:30",
                        "closes_at": "15:00",
                        "description": "All year",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Phone to arrange a visit and a trial day.",
        "referral_needed": False,
        "eligibility": "",
        "email": "hello@moorsidefarm.example",
        "phone": "01632 960550",
        "url": "https://www.moorsidefarm.example",
        "answers": {
            "outcomes": "Young people build confidence, teamwork and work skills outdoors.",
            "staff_training": "Staff are trained in positive behaviour support and first aid.",
            "progress_sharing": "We record progress towards each young person's goals and share it at reviews.",
        },
        "languages": [],
    },
    {
        "organisation": "money_advice",
        "name": "Disability Living Allowance and Personal Independence Payment advice",
        "description": (
            "Free help to claim Disability Living Allowance (DLA) for children under 16 and Personal Independence "
            "Payment (PIP) for young people aged 16 and over. Our advisers can help you fill in the forms, prepare for "
            "an assessment and ask for a decision to be looked at again."
        ),
        "categories": ["money", "extra_help"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "in_person", "online"],
        "locations": [
            {
                "name": "Castlebridge Central Library",
                "address_1": "High Street",
                "city": "Castlebridge",
                "postcode": "EX1 1GF",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "quiet_space"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO",
                        "opens_at": "10:00",
                        "closes_at": "13:00",
                        "description": "Drop-in",
                    },
                    {
                        "freq": "MONTHLY",
                        "byday": "2WE",
                        "opens_at": "10:00",
                        "closes_at": "13:00",
                        "description": "Appointments only",
                    },
                ],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:30", "closes_at": "16:30", "description": ""},
        ],
        "how_to_start": "Phone our advice line or fill in the online enquiry form.",
        "referral_needed": False,
        "eligibility": "",
        "email": "advice@exampleshiremoneymatters.example",
        "phone": "01632 960600",
        "url": "https://www.exampleshiremoneymatters.example/disability-benefits",
        "answers": {
            "outcomes": "Families get the benefits they are entitled to.",
            "staff_training": "Advisers are trained in disability benefits and keep up to date with changes.",
            "accessibility": "We can visit you at home if you cannot get to us.",
        },
        "languages": ["English", "Polish", "Romanian", "Urdu"],
    },
    {
        "organisation": "money_advice",
        "name": "Benefit checks and grant applications for families",
        "description": (
            "A full check to make sure your family is getting every benefit you are entitled to, including Carer's "
            "Allowance and Universal Credit. We can also help with debt worries and applications to charitable grants "
            "for equipment, holidays and household items."
        ),
        "categories": ["money", "extra_help"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "online"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:30", "closes_at": "16:30", "description": ""},
        ],
        "how_to_start": "Phone or email to book a benefit check.",
        "referral_needed": False,
        "eligibility": "",
        "email": "advice@exampleshiremoneymatters.example",
        "phone": "01632 960600",
        "url": "",
        "answers": {
            "outcomes": "Families are better off and less worried about money.",
            "staff_training": "Our debt advisers are qualified and regulated.",
            "future_plans": "We are running benefit check drop-ins at family hubs from 2027.",
        },
        "languages": [],
    },
    {
        "organisation": "home_adaptations",
        "name": "Disabled Facilities Grants",
        "description": (
            "A Disabled Facilities Grant can help pay for changes to your home so a disabled child or young person can "
            "live there safely, such as a ramp, stairlift or accessible bathroom. If the grant is for a disabled child "
            "or young person under 19, your income is not taken into account."
        ),
        "categories": ["money", "extra_help", "social_care"],
        "needs": ["physical", "sensory_physical", "profound_multiple", "visual"],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "online"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": (
            "An occupational therapist will first assess what your child needs. Phone us to ask for an assessment."
        ),
        "referral_needed": True,
        "eligibility": "Disabled children and young people who live in Exampleshire, in a home they own or rent.",
        "email": "adaptations@exampleshire.example",
        "phone": "01632 960610",
        "url": "https://www.exampleshire.example/adaptations",
        "answers": {
            "outcomes": "Homes are safe and easy to use so disabled children can be as independent as possible.",
            "family_involvement": "We agree the plans with you before any work starts.",
            "progress_sharing": "A caseworker keeps you updated at each stage of the grant.",
        },
        "languages": [],
    },
    {
        "organisation": "council",
        "name": "Free school meals and help with school costs",
        "description": (
            "Find out if your child can get free school meals, help with school uniform costs or a 16 to 19 bursary "
            "for college. Claiming free school meals also gives your child's school extra funding."
        ),
        "categories": ["money", "education"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [4, 19],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Apply online. Colleges handle bursary applications for their own students.",
        "referral_needed": False,
        "eligibility": "",
        "email": "schoolmeals@exampleshire.example",
        "phone": "01632 960104",
        "url": "https://www.exampleshire.example/free-school-meals",
        "answers": {
            "outcomes": "Children do not miss out because of money worries.",
            "accessibility": "You can apply by phone if you cannot use the online form.",
        },
        "languages": [],
    },
    {
        "organisation": "pfa",
        "name": "Careers guidance for young people with SEND",
        "description": (
            "Specialist careers advisers meet young people with special educational needs and disabilities to talk "
            "about their hopes for the future, and help them plan their next steps in learning, training or work. "
            "Advisers can attend annual reviews from Year 9."
        ),
        "categories": ["adulthood", "education"],
        "needs": [],
        "audiences": ["young_people", "families", "practitioners"],
        "ages": [13, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online", "phone"],
        "locations": [
            {
                "name": "Castlebridge Central Library",
                "address_1": "High Street",
                "city": "Castlebridge",
                "postcode": "EX1 1GF",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "quiet_space"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TH",
                        "opens_at": "13:00",
                        "closes_at": "16:00",
                        "description": "Drop-in for young people and families",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Ask your school or college to arrange a meeting, or come to a drop-in.",
        "referral_needed": False,
        "eligibility": "Young people aged 13 to 25 with special educational needs who live in Exampleshire.",
        "email": "pfa@exampleshire.example",
        "phone": "01632 960700",
        "url": "https://www.exampleshire.example/preparing-for-adulthood",
        "answers": {
            "outcomes": "Young people have a clear plan for what they want to do after school.",
            "staff_training": "Advisers hold careers guidance qualifications and SEND training.",
            "family_involvement": "We welcome parents and carers to guidance meetings if the young person wants.",
        },
        "languages": [],
    },
    {
        "organisation": "internships",
        "name": "Supported internships",
        "description": (
            "A supported internship is a one-year study programme based mostly at an employer, for young people aged "
            "16 to 24 with an Education, Health and Care (EHC) plan who want to get a paid job. Interns work on real "
            "tasks with help from a job coach, and also study English, maths and work skills."
        ),
        "categories": ["adulthood", "education"],
        "needs": ["moderate_learning", "autism", "cognition_learning", "communication_interaction", "hearing"],
        "audiences": ["young_people", "families"],
        "ages": [16, 24],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Exampleshire General Hospital, education centre",
                "address_1": "Barrack Road",
                "city": "Castlebridge",
                "postcode": "EX2 4YA",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "lift", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH",
                        "opens_at": "09:00",
                        "closes_at": "15:00",
                        "description": "September to July",
                    },
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-03-04",
                        "opens_at": "16:00",
                        "closes_at": "18:00",
                        "description": "Open evening for families",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "Talk to your school, college or SEND case officer about adding a supported internship to your EHC plan. "
            "Come to our open evening to find out more."
        ),
        "referral_needed": True,
        "eligibility": "Young people aged 16 to 24 with an EHC plan who want to move into paid work.",
        "email": "internships@launchpad.example",
        "phone": "01632 960710",
        "url": "https://www.launchpad.example",
        "answers": {
            "outcomes": "Most interns move into paid work or an apprenticeship when they finish.",
            "staff_training": "Job coaches are trained in systematic instruction and autism awareness.",
            "family_involvement": "Families meet the job coach at the start and at each review.",
            "progress_sharing": "Interns and families get a progress report every half term.",
        },
        "languages": [],
    },
    {
        "organisation": "pfa",
        "name": "Apprenticeships support for young people with SEND",
        "description": (
            "Help to find and apply for an apprenticeship, and to get the right support in the workplace. Some "
            "apprentices with an Education, Health and Care (EHC) plan can do an adjusted English and maths "
            "requirement, and employers can get extra funding to support them."
        ),
        "categories": ["adulthood"],
        "needs": ["specific_learning", "moderate_learning", "autism", "hearing", "visual", "physical"],
        "audiences": ["young_people", "families"],
        "ages": [16, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone", "in_person"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Email or phone the team, or ask your careers adviser.",
        "referral_needed": False,
        "eligibility": "",
        "email": "pfa@exampleshire.example",
        "phone": "01632 960701",
        "url": "",
        "answers": {
            "outcomes": "Young people with SEND start and complete apprenticeships.",
            "staff_training": "Advisers have training in reasonable adjustments in the workplace.",
            "future_plans": "We are building a list of local disability-confident employers.",
        },
        "languages": [],
    },
    {
        "organisation": "college",
        "name": "Foundation learning courses",
        "description": (
            "Full-time and part-time courses for students aged 16 to 25 with learning difficulties and disabilities. "
            "Students build skills in English, maths, independence and work, with small classes and learning support "
            "assistants."
        ),
        "categories": ["education", "adulthood"],
        "needs": ["moderate_learning", "severe_learning", "autism", "cognition_learning", "communication_interaction"],
        "audiences": ["young_people", "families"],
        "ages": [16, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Castlebridge College, Riverside Campus",
                "address_1": "College Road",
                "city": "Castlebridge",
                "postcode": "EX1 1BR",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "lift",
                    "hearing_loop",
                    "quiet_space",
                    "parking",
                ],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH",
                        "opens_at": "09:15",
                        "closes_at": "15:00",
                        "description": "Term time only",
                    },
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-01-27",
                        "opens_at": "16:00",
                        "closes_at": "19:00",
                        "description": "Open evening",
                    },
                ],
            },
            {
                "name": "Castlebridge College, Millbrook Campus",
                "address_1": "Station Hill",
                "city": "Millbrook",
                "postcode": "EX5 2WS",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "quiet_space", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU,WE,TH",
                        "opens_at": "09:30",
                        "closes_at": "14:30",
                        "description": "Term time only",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "Apply online or come to an open evening. Our learning support team will meet you before you start."
        ),
        "referral_needed": False,
        "eligibility": "Students aged 16 to 25 with learning difficulties or disabilities.",
        "email": "learningsupport@castlebridgecollege.example",
        "phone": "01632 960720",
        "url": "https://www.castlebridgecollege.example/foundation",
        "answers": {
            "outcomes": "Students gain qualifications and skills for work, independent living and community life.",
            "staff_training": (
                "Tutors and support staff have training in autism, Makaton and positive behaviour support."
            ),
            "family_involvement": "Families are invited to termly review meetings.",
            "progress_sharing": "Students have an individual learning plan that is reviewed each term.",
            "accessibility": "Both campuses are step-free with lifts and quiet rooms.",
        },
        "languages": [],
    },
    {
        "organisation": "college",
        "name": "Life and work skills programme for ages 19 to 25",
        "description": (
            "A course for young adults with an Education, Health and Care (EHC) plan who want to become more "
            "independent and active in their community. Learning includes cooking, money, travel, volunteering and "
            "staying safe online."
        ),
        "categories": ["adulthood", "education"],
        "needs": ["severe_learning", "moderate_learning", "profound_multiple", "autism"],
        "audiences": ["young_people", "families"],
        "ages": [19, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Castlebridge College, Millbrook Campus",
                "address_1": "Station Hill",
                "city": "Millbrook",
                "postcode": "EX5 2WS",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "quiet_space", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE",
                        "opens_at": "10:00",
                        "closes_at": "14:30",
                        "description": "Term time only",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Talk to your SEND case officer about naming the college in your EHC plan.",
        "referral_needed": True,
        "eligibility": "Young adults aged 19 to 25 with an EHC plan.",
        "email": "learningsupport@castlebridgecollege.example",
        "phone": "01632 960720",
        "url": "",
        "answers": {
            "outcomes": "Students become more independent and take part in their community.",
            "staff_training": "Staff have training in positive behaviour support, personal care and Makaton.",
            "family_involvement": "Families are invited to a coffee morning at the start of each term.",
            "progress_sharing": "Progress towards EHC plan outcomes is shared at each annual review.",
        },
        "languages": [],
    },
    {
        "organisation": "college",
        "name": "Additional learning support at college",
        "description": (
            "Help for college students with special educational needs or disabilities on any course, including one to "
            "one support, help with study skills, assistive technology and arrangements for exams such as extra time. "
            "Students with dyslexia can get a screening and specialist tuition."
        ),
        "categories": ["education", "adulthood"],
        "needs": ["specific_learning", "hearing", "visual", "physical", "autism", "adhd", "semh"],
        "audiences": ["young_people", "families"],
        "ages": [16, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Castlebridge College, learning support centre",
                "address_1": "College Road",
                "city": "Castlebridge",
                "postcode": "EX1 1BR",
                "accessibility": [
                    "wheelchair",
                    "accessible_toilet",
                    "changing_places",
                    "lift",
                    "hearing_loop",
                    "quiet_space",
                    "parking",
                ],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,TU,WE,TH,FR",
                        "opens_at": "08:45",
                        "closes_at": "16:30",
                        "description": "Term time",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": (
            "Tick the learning support box on your application form, or email the learning support team. We will "
            "invite you to a transition meeting before you start."
        ),
        "referral_needed": False,
        "eligibility": "Students enrolled at Castlebridge College.",
        "email": "learningsupport@castlebridgecollege.example",
        "phone": "01632 960721",
        "url": "https://www.castlebridgecollege.example/learning-support",
        "answers": {
            "outcomes": "Students with additional needs stay on their course and achieve their qualifications.",
            "staff_training": (
                "Specialist tutors hold qualifications in teaching learners with specific learning difficulties."
            ),
            "progress_sharing": "Support plans are reviewed with each student every term.",
            "future_plans": "We are extending our quiet study spaces at both campuses.",
        },
        "languages": [],
    },
    {
        "organisation": "keystone",
        "name": "Independent living skills course",
        "description": (
            "A practical course in our training flat where young adults learn to cook, shop, budget, clean and manage "
            "a tenancy. Courses run for 12 weeks in small groups."
        ),
        "categories": ["adulthood", "extra_help"],
        "needs": ["moderate_learning", "autism", "cognition_learning", "semh"],
        "audiences": ["young_people"],
        "ages": [16, 25],
        "free": False,
        "fees": "£20 per session. Can be funded through a personal budget or direct payment.",
        "costs": [["Session", "20.00", "Two-hour session, including ingredients"]],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Keystone House",
                "address_1": "8 Harbour Row",
                "city": "Harbourside",
                "postcode": "EX8 3JH",
                "accessibility": ["wheelchair", "accessible_toilet", "lift"],
                "accessibility_description": "Training flat on the ground floor with an accessible kitchen.",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "WE",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                        "description": "12-week course",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Phone or email us to book an introductory visit.",
        "referral_needed": False,
        "eligibility": "",
        "email": "enquiries@keystoneliving.example",
        "phone": "01632 960730",
        "url": "https://www.keystoneliving.example/skills",
        "answers": {
            "outcomes": "Young adults feel ready to live with less support.",
            "staff_training": "Support workers have training in learning disability and autism.",
            "family_involvement": "Families are invited to the last session to see what has been learned.",
        },
        "languages": [],
    },
    {
        "organisation": "keystone",
        "name": "Housing options for young disabled adults",
        "description": (
            "Advice for young disabled adults and their families about where to live in the future, including "
            "supported living, shared ownership, renting with support and staying at home with more help. We explain "
            "how each option is paid for."
        ),
        "categories": ["adulthood", "information"],
        "needs": [],
        "audiences": ["young_people", "families"],
        "ages": [16, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "in_person", "online"],
        "locations": [
            {
                "name": "Keystone House",
                "address_1": "8 Harbour Row",
                "city": "Harbourside",
                "postcode": "EX8 3JH",
                "accessibility": ["wheelchair", "accessible_toilet", "lift"],
                "accessibility_description": "Training flat on the ground floor with an accessible kitchen.",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "-1FR",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                        "description": "Housing options drop-in, last Friday of the month",
                    },
                ],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Phone, email or come to the monthly drop-in.",
        "referral_needed": False,
        "eligibility": "",
        "email": "enquiries@keystoneliving.example",
        "phone": "01632 960730",
        "url": "",
        "answers": {
            "outcomes": "Young people and families can plan ahead for a home that suits them.",
            "staff_training": "Our advisers are trained in housing law and supported living.",
            "future_plans": "Six new supported living flats open in Harbourside in 2027.",
        },
        "languages": [],
    },
    {
        "organisation": "council",
        "name": "Exampleshire Youth SEND Voice",
        "description": (
            "A group of young people with special educational needs and disabilities who meet to share their views and "
            "help the council and the NHS improve services. Members get a voucher for each meeting."
        ),
        "categories": ["information", "adulthood", "leisure"],
        "needs": [],
        "audiences": ["young_people"],
        "ages": [11, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "County Hall",
                "address_1": "Castle Street",
                "city": "Castlebridge",
                "postcode": "EX1 2JW",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop", "parking"],
                "accessibility_description": (
                    "Step-free entrance from the main car park. Blue Badge spaces next to the front door."
                ),
                "schedules": [
                    {"freq": "MONTHLY", "byday": "2TH", "opens_at": "17:00", "closes_at": "18:30", "description": ""},
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Email or phone to join. Travel costs are paid.",
        "referral_needed": False,
        "eligibility": "",
        "email": "youthvoice@exampleshire.example",
        "phone": "01632 960105",
        "url": "",
        "answers": {
            "outcomes": "Young people's views shape decisions about SEND services.",
            "family_involvement": "Members helped write the young people's version of the SEND strategy.",
            "accessibility": (
                "Meetings use easy read papers, and a youth worker supports members who need help to take part."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "sendiass",
        "name": "SENDIASS advice line",
        "description": (
            "Free, impartial and confidential information, advice and support about special educational needs and "
            "disabilities for parents, carers, children and young people aged 0 to 25. We can help with school "
            "support, Education, Health and Care (EHC) needs assessments and plans, exclusions and appeals."
        ),
        "categories": ["information", "education", "extra_help"],
        "needs": [],
        "audiences": ["families", "young_people"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["phone", "online"],
        "locations": [],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH", "opens_at": "09:30", "closes_at": "16:30", "description": ""},
            {"freq": "WEEKLY", "byday": "FR", "opens_at": "09:30", "closes_at": "13:00", "description": ""},
        ],
        "how_to_start": (
            "Phone the helpline, email us or use the online contact form. We aim to reply within 3 working days."
        ),
        "referral_needed": False,
        "eligibility": "",
        "email": "advice@exampleshiresendiass.example",
        "phone": "01632 960800",
        "url": "https://www.exampleshiresendiass.example",
        "answers": {
            "outcomes": "Families and young people understand their rights and can take part fully in decisions.",
            "staff_training": (
                "All advisers complete nationally recognised training for information, advice and support services."
            ),
            "family_involvement": "A steering group including parents and young people oversees our work.",
            "accessibility": "We can arrange interpreters, including British Sign Language.",
        },
        "languages": ["English", "British Sign Language", "Polish"],
    },
    {
        "organisation": "sendiass",
        "name": "SENDIASS workshops: understanding EHC plans",
        "description": (
            "Free workshops for parents and carers about how Education, Health and Care (EHC) plans work, what should "
            "be in each section and how to get the most out of annual reviews. There is time for questions at the end."
        ),
        "categories": ["information", "education"],
        "needs": [],
        "audiences": ["families"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Millbrook Library",
                "address_1": "Mill Lane",
                "city": "Millbrook",
                "postcode": "EX5 2ET",
                "accessibility": ["wheelchair", "accessible_toilet", "lift", "hearing_loop"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-02-13",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                        "description": "Understanding EHC plans",
                    },
                ],
            },
            {
                "name": "Kingsmoor Baptist Church Hall",
                "address_1": "Station Road",
                "city": "Kingsmoor",
                "postcode": "EX14 3NS",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-06-09",
                        "opens_at": "18:30",
                        "closes_at": "20:30",
                        "description": "Getting the most out of annual reviews",
                    },
                ],
            },
        ],
        "schedules": [
            {
                "freq": "MONTHLY",
                "byday": "2MO",
                "opens_at": "19:00",
                "closes_at": "20:30",
                "description": "Online workshop",
            },
        ],
        "how_to_start": "Book a place online or by phone.",
        "referral_needed": False,
        "eligibility": "",
        "email": "advice@exampleshiresendiass.example",
        "phone": "01632 960800",
        "url": "",
        "answers": {
            "outcomes": "Parents feel confident taking part in EHC planning and reviews.",
            "staff_training": "Workshops are led by experienced SENDIASS advisers.",
            "accessibility": "Online workshops have live captions. Slides are sent out afterwards.",
        },
        "languages": [],
    },
    {
        "organisation": "pcf",
        "name": "Parent carer forum coffee mornings",
        "description": (
            "An informal coffee morning for parents and carers of children and young people with special educational "
            "needs and disabilities. Meet other parents, share tips and tell us what is working and what is not, so we "
            "can raise it with the council and NHS."
        ),
        "categories": ["information", "extra_help"],
        "needs": [],
        "audiences": ["families"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "St Mary's Church Hall",
                "address_1": "Church Lane",
                "city": "Westcombe",
                "postcode": "EX10 8SQ",
                "accessibility": ["wheelchair", "accessible_toilet", "hearing_loop"],
                "accessibility_description": "Ramp at the side door. On-street parking only.",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1MO",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                        "description": "First Monday of the month, term time",
                    },
                ],
            },
            {
                "name": "Kingsmoor Family Hub",
                "address_1": "Market Place",
                "city": "Kingsmoor",
                "postcode": "EX14 9QE",
                "accessibility": ["wheelchair", "accessible_toilet", "sensory_room", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "-1FR",
                        "opens_at": "10:00",
                        "closes_at": "12:00",
                        "description": "Last Friday of the month",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Just turn up. Younger children are welcome.",
        "referral_needed": False,
        "eligibility": "",
        "email": "hello@exampleshirepcf.example",
        "phone": "01632 960810",
        "url": "https://www.exampleshirepcf.example/events",
        "answers": {
            "outcomes": "Parents feel less alone and their views help improve local services.",
            "family_involvement": "The forum is run by parent carers, for parent carers.",
            "progress_sharing": "We share what we have raised, and what has changed, in our monthly newsletter.",
        },
        "languages": [],
    },
    {
        "organisation": "pcf",
        "name": "Have your say: parent carer forum annual conference",
        "description": (
            "A free day for parent carers to hear from the council, the NHS and local charities about services for "
            "children and young people with special educational needs and disabilities, visit information stands and "
            "take part in workshops. Lunch is provided."
        ),
        "categories": ["information"],
        "needs": [],
        "audiences": ["families", "practitioners"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person"],
        "locations": [
            {
                "name": "Harbourside Seafront Pavilion",
                "address_1": "Marine Parade",
                "city": "Harbourside",
                "postcode": "EX8 5LB",
                "accessibility": ["wheelchair", "accessible_toilet", "changing_places", "hearing_loop", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "",
                        "byday": "",
                        "dtstart": "2027-11-13",
                        "opens_at": "09:30",
                        "closes_at": "14:30",
                        "description": "",
                    },
                ],
            },
        ],
        "schedules": [],
        "how_to_start": "Book a free ticket online.",
        "referral_needed": False,
        "eligibility": "",
        "email": "hello@exampleshirepcf.example",
        "phone": "",
        "url": "https://www.exampleshirepcf.example/conference",
        "answers": {
            "outcomes": "Parent carers hear about changes to services and can ask questions directly.",
            "family_involvement": "The conference is planned by parent carers on the forum steering group.",
            "accessibility": "Step-free venue with a Changing Places toilet, hearing loop and a quiet room.",
        },
        "languages": [],
    },
    {
        "organisation": "autism_charity",
        "name": "Autism parent support group",
        "description": (
            "A friendly monthly group for parents and carers of autistic children and young people, whether or not "
            "they have a diagnosis. Each meeting has a short talk, such as on sleep or school anxiety, and time to "
            "chat."
        ),
        "categories": ["extra_help", "information"],
        "needs": ["autism", "communication_interaction"],
        "audiences": ["families"],
        "ages": [0, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "online"],
        "locations": [
            {
                "name": "Westcombe Community Centre",
                "address_1": "Church Road",
                "city": "Westcombe",
                "postcode": "EX10 8AT",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "-1FR",
                        "opens_at": "19:00",
                        "closes_at": "21:00",
                        "description": "Last Friday of the month",
                    },
                ],
            },
        ],
        "schedules": [
            {
                "freq": "MONTHLY",
                "byday": "2WE",
                "opens_at": "20:00",
                "closes_at": "21:00",
                "description": "Online meet-up",
            },
        ],
        "how_to_start": "Just come along, or email us for the online link.",
        "referral_needed": False,
        "eligibility": "",
        "email": "hello@spectrumtogether.example",
        "phone": "01632 960540",
        "url": "",
        "answers": {
            "outcomes": "Parents feel supported and understand autism better.",
            "staff_training": "Groups are led by parents with lived experience who have had facilitator training.",
            "accessibility": (
                "The hall is step-free and there is an online option if you cannot get out in the evening."
            ),
        },
        "languages": [],
    },
    {
        "organisation": "autism_charity",
        "name": "Understanding autism course for parents",
        "description": (
            "A 6-week course for parents and carers after their child's autism diagnosis, or while they wait. It "
            "covers communication, sensory differences, behaviour and looking after yourself."
        ),
        "categories": ["information", "extra_help", "health"],
        "needs": ["autism"],
        "audiences": ["families"],
        "ages": [2, 18],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "in_person"],
        "locations": [
            {
                "name": "Ashford Vale Family Hub",
                "address_1": "Station Road",
                "city": "Ashford Vale",
                "postcode": "EX4 6JB",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TH",
                        "opens_at": "10:00",
                        "closes_at": "12:30",
                        "description": "6 weeks, starting each half term",
                    },
                ],
            },
        ],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "19:00",
                "closes_at": "21:00",
                "description": "Online course, 6 weeks",
            },
        ],
        "how_to_start": "Book online. You do not need a diagnosis or referral.",
        "referral_needed": False,
        "eligibility": "",
        "email": "hello@spectrumtogether.example",
        "phone": "01632 960540",
        "url": "https://www.spectrumtogether.example/courses",
        "answers": {
            "outcomes": "Parents understand their child and feel more confident.",
            "family_involvement": "The course was written with autistic adults and parents.",
            "future_plans": "We are adding a course for parents of autistic teenagers.",
        },
        "languages": [],
    },
    {
        "organisation": "youth_trust",
        "name": "Talk Space: free counselling for young people",
        "description": (
            "Free, confidential counselling and online chat for young people aged 11 to 25 who are feeling anxious, "
            "low or stressed. You can talk to a trained counsellor online, by phone or face to face."
        ),
        "categories": ["health", "extra_help"],
        "needs": ["semh", "adhd", "autism"],
        "audiences": ["young_people"],
        "ages": [11, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["online", "phone", "in_person"],
        "locations": [
            {
                "name": "The Hive Youth Centre",
                "address_1": "Union Street",
                "city": "Millbrook",
                "postcode": "EX5 7JJ",
                "accessibility": ["wheelchair", "accessible_toilet", "quiet_space"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "MO,WE",
                        "opens_at": "15:30",
                        "closes_at": "19:30",
                        "description": "Face to face appointments",
                    },
                ],
            },
        ],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "12:00",
                "closes_at": "22:00",
                "description": "Online chat",
            },
            {
                "freq": "WEEKLY",
                "byday": "SA,SU",
                "opens_at": "16:00",
                "closes_at": "22:00",
                "description": "Online chat",
            },
        ],
        "how_to_start": "Refer yourself online or start a chat on our website. No referral needed.",
        "referral_needed": False,
        "eligibility": "Young people aged 11 to 25 who live, work or study in Exampleshire.",
        "email": "talkspace@opendooryouth.example",
        "phone": "01632 960531",
        "url": "https://www.opendooryouth.example/talk-space",
        "answers": {
            "outcomes": "Young people feel better and know where to get help.",
            "staff_training": "Counsellors are qualified and registered with a professional body.",
            "accessibility": "Sessions can be adapted for autistic young people, with written chat if preferred.",
        },
        "languages": [],
    },
    {
        "organisation": "bereavement",
        "name": "Bereavement support for children and young people",
        "description": (
            "Support for children and young people after the death of someone important to them. We offer one to one "
            "sessions, group days and advice for parents and schools. We adapt our support for children with learning "
            "disabilities."
        ),
        "categories": ["health", "extra_help"],
        "needs": ["semh"],
        "audiences": ["young_people", "families", "practitioners"],
        "ages": [4, 25],
        "free": True,
        "fees": "",
        "costs": [],
        "delivery": ["in_person", "phone", "online"],
        "locations": [
            {
                "name": "Westcombe Community Centre",
                "address_1": "Church Road",
                "city": "Westcombe",
                "postcode": "EX10 8AT",
                "accessibility": ["wheelchair", "accessible_toilet", "parking"],
                "accessibility_description": "",
                "schedules": [
                    {
                        "freq": "WEEKLY",
                        "byday": "TU,WE",
                        "opens_at": "15:30",
                        "closes_at": "19:00",
                        "description": "By appointment",
                    },
                ],
            },
        ],
        "schedules": [
            {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00", "description": ""},
        ],
        "how_to_start": "Parents, young people or professionals can phone or fill in the online referral form.",
        "referral_needed": False,
        "eligibility": "",
        "email": "support@willowpath.example",
        "phone": "01632 960900",
        "url": "https://www.willowpath.example",
        "answers": {
            "outcomes": "Children and young people understand their grief and find ways to cope.",
            "staff_training": (
                "Practitioners are trained in child bereavement and use visual resources for children with "
                "communication needs."
            ),
            "family_involvement": "We offer support to parents and carers alongside their child.",
        },
        "languages": [],
    },
]
