"""The schedule the portal ships with. Every period is a default for the council's records manager and DPO to
confirm or change in the admin site (Retention rules); councils differ (security notes §1.3).

So every rule that deletes or anonymises a person's records ships switched off: the daily job removes none of them
until an administrator, having confirmed the period, switches the rule on. Only expired sign-in sessions are
removed from the start: there is no period to confirm (an expired session can never be used again, and Django's
own `clearsessions` does the same), and keeping them would only keep old session data about."""

from django.db import migrations

DEFAULTS = [
    ("ehc_case", 31, 0, "delete",
     "IRMS Information Management Toolkit (schools and local authorities): SEN and EHC files are kept until the "
     "young person's date of birth + 31 years, that is 25 (the oldest a plan can run to) + 6 years (the Limitation "
     "Act 1980 period for a claim). Some councils keep longer (Lancashire: to age 45, or 75 for a child who was "
     "looked after); change the years here if yours does. Only finished cases go; nothing is removed from an open "
     "case."),
    ("child", 31, 0, "anonymise",
     "The same date of birth + 31 years as the EHC file, so the identity goes with (not before) the case it "
     "belongs to. Anonymised rather than deleted: exclusions, placements and the statistical returns still point "
     "at the record and must keep counting. The name, contact details, UPN, family links and capacity decisions "
     "are removed; the reference, sex, council and month and year of birth stay."),
    ("ap_referral", 25, 0, "anonymise",
     "IRMS toolkit: a pupil's educational record is kept until date of birth + 25 years, and an alternative "
     "provision referral is part of it. Anonymised so the panel's figures (reasons, tiers, outcomes) still count."),
    ("local_offer_feedback", 3, 0, "anonymise",
     "SEND Regulations 2014 reg 56: comments are summarised and published with the council's response each year. "
     "Three years after receipt covers the year it is reported in and the next year's comparison; then the comment "
     "as written and the reply address go, and the published version and the counts stay."),
    ("notification", 2, 0, "anonymise",
     "Kept two years as evidence that a statutory notice or reminder was sent, for complaints and the Ombudsman. "
     "Anonymised rather than deleted: the row's unique key stops any job ever sending the same message twice."),
    ("session", 0, 0, "delete",
     "A session is of no use once it has expired (30 minutes idle for staff, 60 for families). Deleted the day "
     "after expiry."),
]

ON_FROM_THE_START = {"session"}


def add_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for record_type, years, days, action, reason in DEFAULTS:
        # Never overwrite a council's own choice if the migration is re-applied.
        RetentionRule.objects.get_or_create(record_type=record_type, defaults={
            "keep_years": years, "keep_days": days, "action": action, "reason": reason,
            "enabled": record_type in ON_FROM_THE_START})


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
