"""The information pages every Local Offer needs (SEND Regulations 2014 Schedule 2), written in plain English.

`services.information_pages_ensure()` adds any that are missing, by address. It never changes a page that exists, so the
council's own wording survives every deployment and every run of the demo.
"""

from .models import InformationPage

__all__ = ["DEFAULT_PAGES"]

EVERYONE = InformationPage.Audience.EVERYONE
FAMILIES = InformationPage.Audience.FAMILIES

EHC_ASSESSMENT = """\
An education, health and care (EHC) needs assessment is how Exampleshire Council finds out what support a
child or young person with special educational needs needs. It may lead to an EHC plan: a legal document
that says what help they must get.

# Who can ask for an assessment

- a parent or carer of a child
- a young person aged 16 to 25, for themselves
- a school, nursery or college, ideally with the family's agreement

Anyone else, such as a doctor, health visitor, social worker or childminder, can tell the council about a
child or young person who they think may need an assessment. The council then decides in the same way and
to the same time limits.

You do not need a diagnosis, and the school does not need to have tried anything for a set length of time
first. The council must assess if the child or young person has or may have special educational needs and
may need support through an EHC plan.

# How to ask

- [Ask online](/assessments/): sign in, then choose "Ask for an EHC needs assessment". You can save your
  answers and come back to them.
- Or write to the SEND team at Exampleshire Council, by email or by post, saying that you are asking for an
  EHC needs assessment and why.

It helps to say what the child or young person finds hard, what support they get now, and what difference it
has made. Send any reports you already have.

# What happens next

1. **Within 6 weeks** the council must tell you whether it will carry out an assessment. If it says no, it
   must give its reasons and tell you how to appeal.
2. If it assesses, it asks for advice from you, the school or college, an educational psychologist, health
   and social care, and anyone else who knows the child or young person well.
3. If it decides not to write a plan, it must tell you **within 16 weeks** of your request, with reasons.
4. If it decides to write a plan, you get a draft and at least 15 days to comment and to say which school or
   college you would like named.
5. The whole process, from your request to the final EHC plan, must take **no more than 20 weeks**, apart
   from a few narrow exceptions such as the school holidays.

# If you disagree

You can appeal to the First-tier Tribunal (Special Educational Needs and Disability) against a decision not
to assess or not to write a plan. Read about
[disagreements and mediation](/local-offer/information/disagreements-and-mediation/).

The [SEND Information, Advice and Support Service](/local-offer/information/sendiass/) can help you at every
step. It is free, impartial and confidential.
"""

PERSONAL_BUDGETS = """\
A personal budget is an amount of money to pay for some of the support in an education, health and care
(EHC) plan. It gives you more say in how that support is arranged.

# When you can ask

You can ask for a personal budget:

- once the council has said it will write an EHC plan (usually when you get the draft plan)
- at an annual review of the plan
- when the plan is being looked at again after a new assessment

Parents ask for children. Young people aged 16 to 25 can ask for themselves.

# How a personal budget can be paid

- **Direct payment**: the money is paid to you, or to someone you choose, and you buy the support yourself.
- **Arrangement**: the council or the school or college keeps the money, and you decide together how it is
  spent.
- **Third-party arrangement**: another organisation holds the money and pays for the support for you.
- A **mix** of these.

# Things to know

- A direct payment cannot pay for a place at a school or college.
- If support paid for by a direct payment happens at a school or college, the head teacher or principal must
  agree.
- Some support cannot be split out, for example when the council buys it for many children at once.
- If the council says no, it must tell you why. You can ask it to look at the decision again.
- Health and social care have their own budgets: a personal health budget from the NHS, and direct payments
  from children's social care.

Ask your EHC plan coordinator, or [ask for one online](/assessments/) if you already have an account.
The [SEND Information, Advice and Support Service](/local-offer/information/sendiass/) can explain your
options.
"""

TRANSPORT = """\
This page explains how Exampleshire Council helps children and young people with special educational needs
or disabilities get to school or college.

# Home-to-school travel (ages 5 to 16)

The council must arrange free travel for children of compulsory school age who go to their nearest suitable
school and:

- live beyond the statutory walking distance, or
- cannot reasonably be expected to walk there, even with an adult, because of their special educational
  needs, disability or mobility problems, or
- would have to use a walking route that is not safe, even with an adult.

Having an education, health and care (EHC) plan does not on its own mean a child gets transport, but the
council looks at each child's needs.

# Post-16 travel (ages 16 to 25)

The council publishes a post-16 transport policy statement each year. It says what help there is for
students in sixth forms and colleges, and for young people with EHC plans up to age 25.

# What help there is

- a seat on a school bus, or a taxi or minibus with a passenger assistant
- a travel pass for public transport
- a travel allowance or a personal travel budget, so you can make your own arrangements
- independent travel training, to help young people learn to travel on their own

# How to apply

Apply when you apply for a school or college place, or as soon as things change. Tell us about any needs
that affect the journey. If you disagree with our decision, you can ask us to review it. Someone who was not
involved in the first decision will look at it again.

Search the Local Offer for [travel and transport services](/local-offer/search/?category=travel-and-transport).
"""

DISAGREEMENTS = """\
Most disagreements can be sorted out by talking. If you are unhappy with a decision about special
educational needs, start by talking to the school, college or your EHC plan coordinator.

# Disagreement resolution

The council pays for an **independent disagreement resolution service**. It is free and you choose whether to
use it. It can help at any time, whether or not the child or young person has an education, health and care
(EHC) plan, for example about the support a school gives. Using it does not affect your right to appeal.

# Mediation

Mediation is a meeting with an independent mediator, who does not work for the council, to try to reach an
agreement. Someone who can make decisions for the council will be there. You can bring someone to support
you.

- Before you appeal, you must contact the **mediation adviser**. Do this **within 2 months** of the date of
  the decision letter. The letter gives their details.
- Tell them whether you want mediation. If you do, it must take place within 30 days.
- If you do not want mediation, the adviser must give you a **mediation certificate** within 3 working days.
- After mediation, the mediator gives you a certificate within 3 working days.

You do not need a certificate if your appeal is only about the school or college named in the plan (section I).

# Appealing to the tribunal

You can appeal to the **First-tier Tribunal (Special Educational Needs and Disability)** about:

- a decision not to carry out an EHC needs assessment, or not to assess again
- a decision not to write an EHC plan
- what the plan says about needs (section B), support (section F) and the school or college (section I)
- a decision not to change a plan after a review
- a decision to stop the plan

The tribunal must receive your appeal within **2 months** of the date of the decision letter, **or 1 month**
from the date of the mediation certificate, whichever is later.

The [SEND Information, Advice and Support Service](/local-offer/information/sendiass/) can help you prepare.
"""

SENDIASS = """\
Exampleshire SEND Information, Advice and Support Service (SENDIASS) helps children, young people and
parents and carers with anything to do with special educational needs and disabilities.

- **Free**: there is no charge.
- **Impartial**: it is run at arm's length from the council and gives you balanced information, not the
  council's view.
- **Confidential**: it will not share what you tell it without your agreement, unless someone is at risk of
  harm.

# How it can help

- explain the law and your rights in plain English
- help you ask for an education, health and care (EHC) needs assessment
- help you read and comment on a draft EHC plan
- come with you to meetings, or help you get ready for them
- explain disagreement resolution, mediation and appeals
- help young people aged 16 to 25 speak up for themselves

# Contact

- Phone: 01632 960 123 (Monday to Friday, 9am to 5pm)
- Email: [sendiass@exampleshire.example](mailto:sendiass@exampleshire.example)

You can also ask for someone to call you back.
"""

SHORT_BREAKS = """\
Short breaks give disabled children and young people the chance to have fun, make friends and try new
things, and give their parents and carers a break from caring.

This statement says what short breaks there are in Exampleshire, who can use them and how to get them. We
review it every year with families and the parent carer forum.

# Short breaks anyone can use

Clubs, activities and holiday schemes open to all children, with extra help so that disabled children can
join in. You do not need an assessment. Search the Local Offer for
[places to go and things to do](/local-offer/search/?category=places-to-go-and-things-to-do).

# Targeted short breaks

Groups and activities for disabled children and young people, such as after-school clubs, youth groups and
holiday play schemes. You can usually ask for a place yourself.

# Specialist short breaks

Care at home, overnight stays and support from a carer, for children with the highest needs. These follow an
assessment by the children with disabilities social work team.

# How to ask

- Contact the provider directly for short breaks anyone can use, and for most targeted short breaks.
- For specialist short breaks, ask children's social care for an assessment.

If you have a personal budget or direct payments, you may be able to use them for short breaks. Read about
[personal budgets](/local-offer/information/personal-budgets/).
"""

COMPLAINTS = """\
If you are unhappy with a service, tell us. Complaining will not affect the support a child or young person
gets.

# Start with the people involved

Talk to the school, college, service or worker first. Many problems can be put right quickly.

# Making a formal complaint

- **Schools and colleges**: use the school's or college's own complaints procedure, which must be on its
  website. If the school is an academy, you can then contact the Department for Education.
- **Exampleshire Council**, including the SEND team: use the council's complaints procedure. Email
  [complaints@exampleshire.example](mailto:complaints@exampleshire.example) or phone 01632 960 000.
- **Health services**: use the NHS complaints procedure. You can then go to the Parliamentary and Health
  Service Ombudsman.
- **Children's social care**: use the council's children's social care complaints procedure.

# The Local Government and Social Care Ombudsman

If you have finished the council's complaints procedure and are still unhappy, you can ask the Local
Government and Social Care Ombudsman to look at it. It is free and independent. It often looks at delays in
writing education, health and care (EHC) plans and at support not being given. It cannot look at something
you can appeal to the First-tier Tribunal (Special Educational Needs and Disability); read about
[disagreements and appeals](/local-offer/information/disagreements-and-mediation/).

# Comments about the Local Offer

To tell us what you think of the Local Offer website, [leave a comment](/local-offer/feedback/). We publish
what you said and what we did about it on the [You said, we did](/local-offer/you-said-we-did/) page.
"""

OTHER_FORMATS = """\
Everyone should be able to use the Local Offer, including people who do not use the internet and people who
need information in a different way.

# Ask for the information another way

We can give you any part of the Local Offer:

- printed and sent to you by post
- in large print
- read to you over the phone
- in Easy Read
- translated into another language, or with an interpreter, including British Sign Language

There is no charge.

# How to ask

- Phone: 01632 960 000 (Monday to Friday, 9am to 5pm)
- Email: [localoffer@exampleshire.example](mailto:localoffer@exampleshire.example)
- Ask at any Exampleshire library, where you can also use a computer for free

Tell us what you need and how you would like to get it. We will reply within 5 working days.

# Tell us if something is hard to use

If something on the Local Offer is hard to find, read or use, [tell us](/local-offer/feedback/). We use your
comments to make it better.
"""

DEFAULT_PAGES = [
    {"slug": "ask-for-an-ehc-needs-assessment",
     "title": "How to ask for an education, health and care (EHC) needs assessment",
     "summary": "Who can ask, how to ask, and the 6-week and 20-week time limits.",
     "audience": EVERYONE, "position": 10, "body": EHC_ASSESSMENT},
    {"slug": "personal-budgets", "title": "Personal budgets",
     "summary": "Money to arrange some of the support in an EHC plan yourself, and how to ask for it.",
     "audience": EVERYONE, "position": 20, "body": PERSONAL_BUDGETS},
    {"slug": "travel-and-transport", "title": "Home-to-school and post-16 transport",
     "summary": "Help getting to school or college, who can get it and how to apply.",
     "audience": FAMILIES, "position": 30, "body": TRANSPORT},
    {"slug": "disagreements-and-mediation", "title": "Disagreements, mediation and appeals",
     "summary": "Independent disagreement resolution, mediation certificates and appealing to the tribunal.",
     "audience": EVERYONE, "position": 40, "body": DISAGREEMENTS},
    {"slug": "sendiass", "title": "SEND Information, Advice and Support Service (SENDIASS)",
     "summary": "Free, impartial and confidential help for children, young people and families.",
     "audience": EVERYONE, "position": 50, "body": SENDIASS},
    {"slug": "short-breaks", "title": "Short breaks services statement",
     "summary": "Short breaks for disabled children and young people, and breaks for their carers.",
     "audience": FAMILIES, "position": 60, "body": SHORT_BREAKS},
    {"slug": "complaints", "title": "How to complain",
     "summary": "How to complain about a school, the council, health or social care, and the Ombudsman.",
     "audience": EVERYONE, "position": 70, "body": COMPLAINTS},
    {"slug": "other-formats", "title": "Getting the Local Offer in other formats",
     "summary": "Print, large print, phone, Easy Read and translation, free on request.",
     "audience": EVERYONE, "position": 80, "body": OTHER_FORMATS},
]
