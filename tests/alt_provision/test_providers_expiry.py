"""The daily evidence check, through the management command and the Celery task: reminders 30 and 7 days before
expiry, an automatic suspension exactly once when evidence lapses, and lifting it only when it was automatic."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from alt_provision import services
from alt_provision.models import ApprovedProvider, Criterion, ProviderStatusChange
from alt_provision.tasks import check_provider_evidence
from send_portal.notifications.models import Notification
from tests.alt_provision.targets_providers import make_lots, ready_provider

pytestmark = pytest.mark.django_db

TEAM = "commissioning@council.example"


def _admitted(world, start):
    lots = make_lots()
    provider = ready_provider(world.provider_org, world.provider, today=start)
    application = services.application_submit(provider=provider, user=world.provider, today=start)
    services.application_checks_save(application=application, user=world.manager,
                                     results=dict.fromkeys(Criterion.values, (True, "")))
    services.application_decide(application=application, user=world.manager, admit=True, lots=[lots["tuition"]],
                                today=start)
    provider.refresh_from_db()
    return provider


def _insurance_expiring(world, provider, start, expires_on):
    return services.evidence_add(provider=provider, kind="insurance", summary="£10 million public liability",
                                 valid_from=start - dt.timedelta(days=300), expires_on=expires_on,
                                 user=world.provider, today=start)


def _run(day):
    out = StringIO()
    with override_settings(AP_COMMISSIONING_EMAIL=TEAM):
        call_command("check_provider_evidence", "--today", day.isoformat(), stdout=out)
    return out.getvalue()


def _reminders(evidence, stage):
    return Notification.objects.filter(template="ap_evidence_expiring",
                                       idempotency_key__startswith=f"ap-evidence-expiring:{evidence.pk}:{stage}:")


# Days before expiry the job runs, and which reminders exist for the evidence afterwards (each goes to the
# provider's member and its named contact).
REMINDER_TABLE = [
    (31, {30: 0, 7: 0}),
    (30, {30: 2, 7: 0}),
    (20, {30: 2, 7: 0}),
    (8, {30: 2, 7: 0}),
    (7, {30: 2, 7: 2}),
    (1, {30: 2, 7: 2}),
    (0, {30: 2, 7: 2}),
]


def test_reminders_30_and_7_days_before_expiry(world):
    start = dt.date(2026, 3, 2)
    provider = _admitted(world, start)
    expires_on = start + dt.timedelta(days=60)
    evidence = _insurance_expiring(world, provider, start, expires_on)
    for days_before, expected in REMINDER_TABLE:
        _run(expires_on - dt.timedelta(days=days_before))
        _run(expires_on - dt.timedelta(days=days_before))  # a second tick the same day sends nothing new
        assert {stage: _reminders(evidence, stage).count() for stage in (30, 7)} == expected, days_before
    assert set(_reminders(evidence, 30).values_list("recipient_email", flat=True)) == {
        "provider@example.test", "office@provider.example"}
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.ADMITTED


def test_evidence_added_a_week_before_expiry_gets_only_the_7_day_reminder(world):
    start = dt.date(2026, 3, 2)
    provider = _admitted(world, start)
    evidence = _insurance_expiring(world, provider, start, start + dt.timedelta(days=5))
    _run(start)
    assert (_reminders(evidence, 30).count(), _reminders(evidence, 7).count()) == (0, 2)


def test_the_expiry_job_suspends_a_lapsed_provider_exactly_once(world):
    start = dt.date(2026, 3, 2)
    provider = _admitted(world, start)
    expires_on = start + dt.timedelta(days=60)
    _insurance_expiring(world, provider, start, expires_on)
    _run(expires_on)
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.ADMITTED  # the last day of cover is still in date

    output = _run(expires_on + dt.timedelta(days=1))
    assert "Providers suspended: 1" in output
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.SUSPENDED and provider.suspended_for_lapsed_evidence
    change = provider.history.first()
    assert (change.from_status, change.to_status, change.changed_by) == ("admitted", "suspended", None)
    assert "Employer's and public liability insurance" in change.reason
    assert Notification.objects.filter(template="ap_evidence_lapsed_team", recipient_email=TEAM).count() == 1
    assert Notification.objects.filter(template="ap_evidence_lapsed").count() == 2

    history, notifications = ProviderStatusChange.objects.count(), Notification.objects.count()
    for later in (1, 1, 2, 10):
        output = _run(expires_on + dt.timedelta(days=later))
        assert "Providers suspended: 0" in output
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.SUSPENDED and provider.suspended_for_lapsed_evidence
    assert ProviderStatusChange.objects.count() == history
    assert Notification.objects.count() == notifications


def test_lapsed_evidence_of_a_provider_not_admitted_suspends_nothing(world):
    start = dt.date(2026, 3, 2)
    make_lots()
    provider = ready_provider(world.provider_org, world.provider, today=start)
    _insurance_expiring(world, provider, start, start + dt.timedelta(days=10))
    _run(start + dt.timedelta(days=11))
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.APPLYING


def _lapsed_today(world):
    """An admitted provider whose insurance expired yesterday, suspended by today's job run."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=41)
    provider = _admitted(world, start)
    _insurance_expiring(world, provider, start, today - dt.timedelta(days=1))
    _run(today)
    provider.refresh_from_db()
    assert provider.suspended_for_lapsed_evidence
    return provider, today


def test_renewal_lifts_an_automatic_suspension(world, client_for):
    provider, today = _lapsed_today(world)
    response = client_for("provider").post(reverse("ap_provider_evidence", args=[provider.pk, "insurance"]), {
        "summary": "Renewed cover", "valid_from_0": str(today.day), "valid_from_1": str(today.month),
        "valid_from_2": str(today.year), "expires_on_0": str(today.day), "expires_on_1": str(today.month),
        "expires_on_2": str(today.year + 1)})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.ADMITTED and not provider.suspended_for_lapsed_evidence
    change = provider.history.first()
    assert (change.from_status, change.to_status, change.changed_by) == ("suspended", "admitted", None)
    assert "renewed" in change.reason
    history = ProviderStatusChange.objects.count()
    _run(today)
    assert ProviderStatusChange.objects.count() == history


def test_an_officers_suspension_is_never_lifted_automatically(world):
    today = timezone.localdate()
    start = today - dt.timedelta(days=41)
    provider = _admitted(world, start)
    services.provider_suspend(provider=provider, user=world.manager, reason="Safeguarding concern.")
    _insurance_expiring(world, provider, start, today - dt.timedelta(days=1))
    _run(today)
    services.evidence_add(provider=provider, kind="insurance", summary="Renewed", valid_from=today,
                          expires_on=today + dt.timedelta(days=365), user=world.provider, today=today)
    _run(today)
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.SUSPENDED and not provider.suspended_for_lapsed_evidence
    assert provider.history.first().reason == "Safeguarding concern."


def test_an_officer_can_take_over_an_automatic_suspension(world):
    provider, today = _lapsed_today(world)
    services.provider_suspend(provider=provider, user=world.caseworker, reason="Also a complaint to look into.")
    services.evidence_add(provider=provider, kind="insurance", summary="Renewed", valid_from=today,
                          expires_on=today + dt.timedelta(days=365), user=world.provider, today=today)
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.SUSPENDED and not provider.suspended_for_lapsed_evidence


def test_suspension_cannot_be_lifted_by_an_officer_while_evidence_is_lapsed(world, client_for):
    provider, _ = _lapsed_today(world)
    response = client_for("manager").post(reverse("ap_provider_lift", args=[provider.pk]), {"reason": ""})
    assert response.status_code == 400 and "must renew it" in response.content.decode()
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.SUSPENDED


def test_the_daily_task_runs_the_check(world):
    provider, _ = _lapsed_today(world)
    assert check_provider_evidence() == {"reminders": 0, "suspended": 0, "lifted": 0}
    provider.refresh_from_db()
    assert provider.status == ApprovedProvider.Status.SUSPENDED


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("check_provider_evidence", "--today", "31/03/2026")
