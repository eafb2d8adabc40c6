"""Referrals to the alternative provision panel, through the pages: a school refers a pupil, is told what is
missing and by when, answers, and the referral reaches the panel's clerk, who never sees the pupil's name; the
clerk puts it on the agenda; the panel's approval leads to a placement requirement linked to the referral. Bad
input gets a 400 and saves nothing, and nobody reaches a referral that is not theirs."""

import datetime as dt
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alt_provision import services
from alt_provision.models import PanelReferral, PlacementRequirement
from alt_provision.selectors import working_days_after
from send_portal.core.dates import govuk_date
from send_portal.panels import services as panels
from send_portal.panels.models import AgendaItem, Meeting
from tests import factories
from tests.alt_provision.targets_commissioning import NEEDS, commissioning_lot
from tests.conftest import CANARY_A
from tests.targets import ap_panel, complete_referral_answers

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    if day is None:
        return {f"{prefix}_0": "", f"{prefix}_1": "", f"{prefix}_2": ""}
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _referral_post(child=None, **overrides):
    answers = complete_referral_answers(**overrides)
    data = {name: value for name, value in answers.items() if not name.endswith("_on")}
    data.update(_date("parent_consent_signed_on", answers["parent_consent_signed_on"]))
    data.update(_date("risk_assessment_on", answers["risk_assessment_on"]))
    if child is not None:
        data["child"] = str(child.pk)
    return data


def _text(response):
    return html.unescape(response.content.decode())


def _refer(world, **overrides):
    return services.referral_submit(child=world.child_a, referrer=world.school_a, referred_by=world.senco_a,
                                    **complete_referral_answers(**overrides))


def _identity(world):
    child = world.child_a
    return [CANARY_A, child.family_name, child.reference, govuk_date(child.date_of_birth)]


def test_a_school_refers_is_told_what_is_missing_answers_and_the_clerk_puts_it_on_the_agenda(world, client_for):
    ap_panel(world)
    today = timezone.localdate()
    client = client_for("senco_a")
    listing = client.get(reverse("ap_referrals"))
    assert listing.status_code == 200 and reverse("ap_referral_new") in _text(listing)
    form = client.get(reverse("ap_referral_new"))
    assert form.status_code == 200 and CANARY_A in _text(form)  # the referrer chooses the pupil by name

    # Sent with the interventions and the lead professional's contact left blank.
    response = client.post(reverse("ap_referral_new"), _referral_post(world.child_a, interventions="",
                                                                      lead_professional_contact=""), follow=True)
    referral = PanelReferral.objects.get()
    assert response.redirect_chain[-1][0] == reverse("ap_referral", args=[referral.pk])
    assert referral.status == PanelReferral.Status.INCOMPLETE and referral.referrer == world.school_a
    respond_by = govuk_date(working_days_after(today, 5))
    page = _text(response)
    assert "it is missing evidence of the interventions tried and their impact; a named lead professional" in page
    assert f"You have until {respond_by} to add them" in page
    assert "Evidence of the interventions tried and their impact" in page  # the list on the referral itself
    assert "sent to the panel" not in page

    listing = _text(client.get(reverse("ap_referrals")))
    assert referral.reference in listing and respond_by in listing and CANARY_A in listing

    # The clerk has nothing to triage yet.
    clerk = client_for("panel")
    queue = _text(clerk.get(reverse("ap_referral_queue")))
    assert "Nothing is waiting for you" in queue

    client = client_for("senco_a")
    edit = client.get(reverse("ap_referral_edit", args=[referral.pk]))
    assert edit.status_code == 200 and "Evidence of the interventions tried" in _text(edit)
    response = client.post(reverse("ap_referral_edit", args=[referral.pk]), _referral_post(), follow=True)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.SUBMITTED and referral.missing == []
    assert f"Referral {referral.reference} has been sent to the panel's clerk" in _text(response)

    clerk = client_for("panel")
    queue = clerk.get(reverse("ap_referral_queue"))
    triage = clerk.get(reverse("ap_referral_triage", args=[referral.pk]))
    assert queue.status_code == 200 and triage.status_code == 200
    for page in (_text(queue), _text(triage)):
        assert referral.reference in page and world.school_a.name in page
        assert world.child_a.nc_year_label in page
        for identity in _identity(world):
            assert identity not in page
    assert "Mentor twice a week" in _text(triage)  # the papers

    response = clerk.post(reverse("ap_referral_triage", args=[referral.pk]), {"outcome": "agenda"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("ap_referral_queue")
    item = AgendaItem.objects.get(object_id=referral.pk)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.ON_AGENDA
    assert f"on the agenda for the panel meeting on {govuk_date(item.meeting.date)}" in _text(response)
    assert world.child_a.given_name not in _text(response)

    # The referrer sees the meeting; it can no longer be changed.
    client = client_for("senco_a")
    detail = _text(client.get(reverse("ap_referral", args=[referral.pk])))
    assert govuk_date(item.meeting.date) in detail and reverse("ap_referral_edit", args=[referral.pk]) not in detail
    response = client.get(reverse("ap_referral_edit", args=[referral.pk]), follow=True)
    assert response.status_code == 200 and "can no longer be changed" in _text(response)


def test_the_clerk_returns_a_referral_with_the_failed_checks_and_signposts_another(world, client_for):
    ap_panel(world)
    referral = _refer(world)
    clerk = client_for("panel")
    url = reverse("ap_referral_triage", args=[referral.pk])
    response = clerk.post(url, {"outcome": "return"})
    assert response.status_code == 400 and "govuk-error-summary" in _text(response)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.SUBMITTED

    response = clerk.post(url, {"outcome": "return", "missing": ["consent"], "note": "The form is not signed."},
                          follow=True)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.RETURNED and referral.missing == ["consent"]
    assert f"They have until {govuk_date(referral.respond_by)}" in _text(response)
    detail = _text(client_for("senco_a").get(reverse("ap_referral", args=[referral.pk])))
    assert "The form is not signed." in detail and "Signed consent from the parent" in detail

    # Already triaged: the clerk's form is gone, and a repeated POST changes nothing.
    clerk = client_for("panel")
    page = clerk.get(url)
    assert page.status_code == 200 and 'name="outcome"' not in _text(page)
    clerk.post(url, {"outcome": "agenda"})
    assert not AgendaItem.objects.exists()

    other = services.referral_submit(child=world.child_b, referrer=world.school_b, referred_by=world.senco_b,
                                     **complete_referral_answers())
    response = clerk.post(reverse("ap_referral_triage", args=[other.pk]), {"outcome": "signpost"})
    assert response.status_code == 400
    clerk.post(reverse("ap_referral_triage", args=[other.pk]),
               {"outcome": "signpost", "signposted_to": "The early help team"})
    other.refresh_from_db()
    assert other.status == PanelReferral.Status.SIGNPOSTED and other.signposted_to == "The early help team"


def test_bad_input_is_a_400_with_an_error_summary_and_saves_nothing(world, client_for):
    ap_panel(world)
    client = client_for("senco_a")
    today = timezone.localdate()
    for data in ({}, _referral_post(world.child_a, summary=""), _referral_post(world.child_b),
                 _referral_post(world.child_a, parent_consent_signed_on=today + dt.timedelta(days=1)),
                 {**_referral_post(world.child_a), "risk_assessment_on_1": "13"}):
        response = client.post(reverse("ap_referral_new"), data)
        assert response.status_code == 400, data
        page = _text(response)
        assert "govuk-error-summary" in page and "<title>Error:" in page
    assert not PanelReferral.objects.exists()

    response = client.post(reverse("ap_referral_new"),
                           _referral_post(world.child_a, parent_consent_signed_on=today + dt.timedelta(days=1)))
    assert "The date consent was signed must be today or in the past" in _text(response)
    assert not PanelReferral.objects.exists()

    referral = _refer(world)
    before = PanelReferral.objects.filter(pk=referral.pk).values().get()
    response = client.post(reverse("ap_referral_edit", args=[referral.pk]), _referral_post(summary=" "))
    assert response.status_code == 400 and "govuk-error-summary" in _text(response)
    assert PanelReferral.objects.filter(pk=referral.pk).values().get() == before


def test_no_panel_is_a_clear_error(world, client_for):
    response = client_for("senco_a").post(reverse("ap_referral_new"), _referral_post(world.child_a))
    assert response.status_code == 400 and "no alternative provision panel" in _text(response)
    assert not PanelReferral.objects.exists()


def test_nobody_else_reaches_a_referral(world, client_for):
    ap_panel(world)
    referral = _refer(world)
    for name in ("ap_referral", "ap_referral_edit", "ap_referral_withdraw"):
        assert client_for("senco_b").get(reverse(name, args=[referral.pk])).status_code == 404
        assert client_for("senco_b").post(reverse(name, args=[referral.pk]), {"reason": "x"}).status_code == 404
    assert CANARY_A not in _text(client_for("senco_b").get(reverse("ap_referrals")))
    # The chair and a council officer who are not the clerk do not triage.
    for name in ("manager", "caseworker"):
        client = client_for(name)
        assert client.get(reverse("ap_referral_triage", args=[referral.pk])).status_code == 404
        assert client.post(reverse("ap_referral_triage", args=[referral.pk]),
                           {"outcome": "agenda"}).status_code == 404
        assert referral.reference not in _text(client.get(reverse("ap_referral_queue")))
    assert client_for("senco_b").get(reverse("ap_requirement_new") + f"?referral={referral.pk}").status_code == 404
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.SUBMITTED


def test_withdrawing_a_referral(world, client_for):
    ap_panel(world)
    referral = _refer(world)
    client = client_for("senco_a")
    url = reverse("ap_referral_withdraw", args=[referral.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": " "})
    assert response.status_code == 400 and "Say why the referral is being withdrawn" in _text(response)
    response = client.post(url, {"reason": "The pupil has moved school."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("ap_referral", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.WITHDRAWN
    assert "has been withdrawn" in _text(response) and "The pupil has moved school." in _text(response)
    response = client.get(url, follow=True)
    assert response.redirect_chain and "can no longer be changed or withdrawn" in _text(response)
    clerk_page = _text(client_for("panel").get(reverse("ap_referral_triage", args=[referral.pk])))
    assert "The referrer withdrew this referral" in clerk_page and 'name="outcome"' not in clerk_page


def _approved(world, client_for):
    ap_panel(world)
    referral = _refer(world)
    client_for("panel").post(reverse("ap_referral_triage", args=[referral.pk]), {"outcome": "agenda"})
    item = AgendaItem.objects.get(object_id=referral.pk)
    Meeting.objects.filter(pk=item.meeting_id).update(date=timezone.localdate())  # the meeting day arrives
    item.refresh_from_db()
    panels.recommendation_record(item=item, recommendation="yes:2", reasons="Needs a fresh start.",
                                 recorded_by=world.manager)
    referral.refresh_from_db()
    assert referral.status == PanelReferral.Status.APPROVED
    return referral


def _requirement_post(world, lot, child=None):
    start = timezone.localdate() + dt.timedelta(days=21)
    return {"child": str((child or world.child_a).pk), "lot": str(lot.pk), "needs_summary": NEEDS,
            "has_ehc_plan": "False", "is_looked_after": "False", "area": "Testtown", **_date("start_on", start),
            "hours_per_week": "15", "days": ["MO", "TU"], "objectives": "Attend every session.", "tier": "2",
            "reintegration_aim": "Back at school full time by summer.", "budget": "500"}


def test_an_approved_referral_leads_to_a_linked_placement_requirement(world, client_for):
    referral = _approved(world, client_for)
    lot = commissioning_lot()
    other_child = factories.child(council=world.council, setting=world.school_a, given_name="Otherpupil",
                                  family_name="Same-School", born=dt.date(2014, 2, 2))
    # Another referral on the same agenda: its papers never reach this referral's page.
    other = services.referral_submit(child=world.child_b, referrer=world.school_b, referred_by=world.senco_b,
                                     **complete_referral_answers(summary="Quite different: OTHERPAPERS."))
    services.referral_triage(referral=other, clerk=world.panel, outcome="agenda")
    client = client_for("senco_a")
    detail = _text(client.get(reverse("ap_referral", args=[referral.pk])))
    assert "OTHERPAPERS" not in detail
    commission = reverse("ap_requirement_new") + f"?referral={referral.pk}"
    assert commission in detail and "Needs a fresh start." in detail
    assert "Approve a placement. Tier 2: time-limited placement" in detail
    assert govuk_date(referral.follow_up_on) in detail

    form = client.get(commission)
    page = _text(form)
    assert form.status_code == 200 and referral.reference in page
    # The tier comes from the panel; the referral's own words are not copied into what providers read.
    assert re.search(r'value="2"[^>]*checked', page) and referral.summary not in page
    wrong_tier = client.post(commission, {**_requirement_post(world, lot), "tier": "3"})
    assert wrong_tier.status_code == 400 and "The panel approved tier 2" in _text(wrong_tier)
    assert not PlacementRequirement.objects.exists()
    assert re.search(rf'<option value="{world.child_a.pk}"[^>]*selected', page)

    # A requirement for another pupil cannot be linked to the referral: nothing is saved.
    response = client.post(commission, _requirement_post(world, lot, child=other_child))
    assert response.status_code == 400 and "The requirement must be for the referred pupil" in _text(response)
    assert not PlacementRequirement.objects.exists()

    response = client.post(commission, _requirement_post(world, lot))
    requirement = PlacementRequirement.objects.get()
    assert response.status_code == 302 and response.url == reverse("ap_requirement", args=[requirement.pk])
    referral.refresh_from_db()
    assert referral.requirement == requirement
    detail = _text(client.get(reverse("ap_referral", args=[referral.pk])))
    assert reverse("ap_requirement", args=[requirement.pk]) in detail and commission not in detail
    # Coming back to the link goes to the requirement already written.
    assert client.get(commission).url == reverse("ap_requirement", args=[requirement.pk])


def test_only_an_approved_referral_can_be_commissioned(world, client_for):
    ap_panel(world)
    referral = _refer(world)
    client = client_for("senco_a")
    response = client.get(reverse("ap_requirement_new") + f"?referral={referral.pk}")
    assert response.status_code == 302 and response.url == reverse("ap_referral", args=[referral.pk])
    assert client.get(reverse("ap_requirement_new") + "?referral=nonsense").status_code == 404
    assert client.get(reverse("ap_requirement_new") + f"?referral={referral.pk + 100}").status_code == 404


def test_an_answer_past_its_date_is_flagged_overdue_to_the_referrer_and_the_clerk(world, client_for):
    ap_panel(world)
    referral = _refer(world, interventions="")
    PanelReferral.objects.filter(pk=referral.pk).update(respond_by=timezone.localdate() - dt.timedelta(days=1))
    listing = _text(client_for("senco_a").get(reverse("ap_referrals")))
    detail = _text(client_for("senco_a").get(reverse("ap_referral", args=[referral.pk])))
    assert "Answer overdue" in listing and "Answer overdue" in detail and "that date has passed" in detail
    queue = _text(client_for("panel").get(reverse("ap_referral_queue")))
    assert "Sent back to the referrer" in queue and "Answer overdue" in queue and CANARY_A not in queue


def test_a_conflicted_clerk_or_officer_sees_no_papers_and_other_councils_get_404(world, client_for):
    referral = _approved(world, client_for)
    item = AgendaItem.objects.get(object_id=referral.pk)
    triage = _text(client_for("panel").get(reverse("ap_referral_triage", args=[referral.pk])))
    assert "Mentor twice a week" not in triage  # triaged: the papers follow the panel's rules now
    panels.panel_member_add(panel=item.meeting.panel, user=world.caseworker, role="member")
    officer_view = _text(client_for("caseworker").get(reverse("ap_referral", args=[referral.pk])))
    assert "Mentor twice a week" in officer_view
    PanelReferral.objects.filter(pk=referral.pk).update(status=PanelReferral.Status.ON_AGENDA)
    AgendaItem.objects.filter(pk=item.pk).update(recommendation="", reasons="")
    item.refresh_from_db()
    panels.conflict_declare(item=item, user=world.caseworker, nature="I know the family.")
    hidden = _text(client_for("caseworker").get(reverse("ap_referral", args=[referral.pk])))
    assert "declared a conflict of interest" in hidden and "Mentor twice a week" not in hidden
    for url in (reverse("ap_referral", args=[referral.pk]), reverse("ap_referral_triage", args=[referral.pk]),
                reverse("ap_requirement_new") + f"?referral={referral.pk}"):
        assert client_for("other_caseworker").get(url).status_code == 404


def test_a_second_open_referral_for_the_same_pupil_is_refused(world, client_for):
    ap_panel(world)
    first = _refer(world)
    with pytest.raises(ValidationError, match=first.reference):
        _refer(world)
    assert PanelReferral.objects.count() == 1


def test_the_clerks_queue_makes_the_same_queries_however_many_referrals_are_with_the_panel(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ap_panel(world)
    first = _refer(world)
    services.referral_triage(referral=first, clerk=world.panel, outcome="agenda")
    clerk = client_for("panel")
    with CaptureQueriesContext(connection) as one:
        clerk.get(reverse("ap_referral_queue"))
    second = services.referral_submit(child=world.child_b, referrer=world.school_b, referred_by=world.senco_b,
                                      **complete_referral_answers())
    services.referral_triage(referral=second, clerk=world.panel, outcome="agenda")
    with CaptureQueriesContext(connection) as two:
        response = clerk.get(reverse("ap_referral_queue"))
    assert response.status_code == 200 and second.reference in response.content.decode()
    assert len(two) == len(one)
