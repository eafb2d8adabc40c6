"""The questions each listing answers, with the keys used in `Service.local_offer_answers` and
`Service.setting_information`. The keys are stable because moderation snapshots and imports use them."""

# The Local Offer question set councils ask of every service (the seven-question survey Outpost and many
# Local Offers use), less "how to start", which is the Open Referral `application_process` field.
LOCAL_OFFER_QUESTIONS = [
    ("outcomes", "What the service aims to achieve for children and young people"),
    ("staff_training", "Training staff have had in supporting special educational needs and disabilities"),
    ("family_involvement", "How parents, carers and young people are involved"),
    ("progress_sharing", "How progress is shared with families"),
    ("accessibility", "How accessible the service and its buildings are"),
    ("future_plans", "Plans to improve support for special educational needs and disabilities"),
]

# Schedule 2 paragraph 5 of the SEND Regulations 2014: what each school and college must say.
SETTING_QUESTIONS = [
    ("teaching_approach", "How the school or college teaches children and young people with special "
                          "educational needs"),
    ("adapting_curriculum", "How the curriculum and learning environment are adapted"),
    ("additional_support", "Additional support for learning"),
    ("assessing_progress", "How progress towards outcomes is assessed and reviewed, and how families "
                           "are involved"),
    ("evaluating_effectiveness", "How the school or college checks that its support works"),
    ("facilities", "Access to facilities"),
    ("activities", "Activities outside the classroom, including physical activities"),
    ("support_available", "Support available, including for wellbeing"),
    ("staff_expertise", "How staff expertise is secured, including from specialists"),
    ("emotional_development", "Support for emotional, mental and social development"),
]

LOCAL_OFFER_KEYS = [key for key, _ in LOCAL_OFFER_QUESTIONS]
SETTING_KEYS = [key for key, _ in SETTING_QUESTIONS]
