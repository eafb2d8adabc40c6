import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from ehc import services
from ehc.models import CaseEvent, DraftComment, PlanVersion, Stage
from ehc.selectors import plan_difference, plan_problems
from tests.conftest import CANARY_A
from tests.targets import plan_case

pytestmark = pytest.mark.django_db


def test_caseworker_drafts_the_plan_through_the_forms(world, client_for, django_capture_on_commit_callbacks):
    case, need, outcome, provision = plan_case(world, how_often="Regularly")
    version = case.plan_versions.get()
    client = client_for("caseworker")
    page = client.get(reverse("ehc_plan", args=[case.pk])).content.decode()
    assert "Fix these before the draft can be sent" in page
    assert "says “Regularly” for how often" in page

    # Sending is refused while a quality check fails.
    client.post(reverse("ehc_plan_serve", args=[case.pk]))
    version.refresh_from_db()
    assert version.status == PlanVersion.Status.EDITING

    response = client.post(reverse("ehc_plan_provision", args=[case.pk, provision.pk]), {
        "revision": version.revision, "section": "F", "what": "Phonics, one to one.", "who": "A teaching assistant",
        "how_often": "3 sessions of 30 minutes a week", "how_long": "One year", "needs": [need.pk],
        "outcomes": [outcome.pk]})
    assert response.status_code == 302
    response = client.post(reverse("ehc_plan_text", args=[case.pk]), {
        "revision": version.revision + 1, "views_interests_aspirations": "Loves dinosaurs.", "personal_budget": ""})
    assert response.status_code == 302
    assert plan_problems(version) == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ehc_plan_serve", args=[case.pk]))
    version.refresh_from_db()
    case.refresh_from_db()
    assert version.status == PlanVersion.Status.SERVED and case.stage == Stage.DRAFT_SERVED
    assert (version.comments_close_on - version.served_on).days == 14
    assert "until" in mail.outbox[-1].body and CANARY_A not in mail.outbox[-1].body


def test_a_stale_edit_is_refused_not_lost(world, client_for):
    case, need, *_ = plan_case(world)
    version = case.plan_versions.get()
    stale = version.revision
    client = client_for("caseworker")
    client.post(reverse("ehc_plan_need", args=[case.pk, need.pk]), {"revision": stale, "section": "B",
                                                                  "text": "First caseworker's words."})
    response = client.post(reverse("ehc_plan_need", args=[case.pk, need.pk]), {"revision": stale, "section": "B",
                                                                             "text": "Second caseworker's words."})
    assert response.status_code == 400
    assert "Someone else changed this plan" in response.content.decode()
    need.refresh_from_db()
    assert need.text == "First caseworker's words."


def test_a_served_draft_cannot_be_changed_and_never_names_a_school(world):
    case, need, *_ = plan_case(world, serve=True)
    version = case.plan_versions.get()
    with pytest.raises(services.MoveNotAllowed):
        services.plan_save_need(version=version, expected_revision=version.revision, section="B", text="Changed")
    version.placement = world.school_a
    with pytest.raises(IntegrityError), transaction.atomic():
        version.save()


def test_family_responds_section_by_section_and_names_a_school(world, client_for):
    case, *_ = plan_case(world, serve=True)
    version = case.plan_versions.get()
    client = client_for("parent_a")
    assert "Respond to the draft plan" in client.get(reverse("ehc_plan", args=[case.pk])).content.decode()
    url = reverse("ehc_plan_respond", args=[case.pk])
    client.post(url, {"comment_F": "Please say the sessions are with a specialist.", "save": "1"})
    assert DraftComment.objects.get().text.startswith("Please say")
    response = client.post(url, {"comment_F": "Please say the sessions are with a specialist.", "wants_meeting": "on",
                                 "preferred_setting": world.school_b.pk, "wants_personal_budget": "on",
                                 "submit": "1"})
    assert response.status_code == 302
    answer = version.responses.get()
    assert answer.submitted_at and answer.wants_meeting and answer.preferred_setting == world.school_b
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.FAMILY_RESPONDED).exists()
    assert "You have sent your response" in client.get(url).content.decode()
    council_view = client_for("caseworker").get(reverse("ehc_plan", args=[case.pk])).content.decode()
    assert "Please say the sessions are with a specialist." in council_view
    assert "Beta Primary School" in council_view


def test_only_people_with_rights_can_respond(world, client_for):
    case, *_ = plan_case(world, serve=True)
    for role in ("senco_a", "parent_b", "caseworker"):
        assert client_for(role).get(reverse("ehc_plan_respond", args=[case.pk])).status_code in (403, 404)


def test_revising_makes_a_new_version_and_shows_the_difference(world, client_for):
    case, *_ = plan_case(world, revise=True)
    first, second = case.plan_versions.order_by("number")
    assert first.status == PlanVersion.Status.SUPERSEDED and second.status == PlanVersion.Status.EDITING
    need = second.needs.get()
    services.plan_save_need(version=second, expected_revision=second.revision, section="B",
                            text="Difficulty decoding and spelling words.", need=need)
    changes = plan_difference(first, second)
    assert changes[0]["section"] == "B"
    assert any("spelling" in line for line in changes[0]["added"])
    page = client_for("caseworker").get(reverse("ehc_plan_compare", args=[case.pk])).content.decode()
    assert "spelling" in page
    # The comments on version 1 stay with version 1.
    assert first.responses.count() == 0 and second.number == 2


def test_preparing_for_adulthood_outcome_needed_from_year_nine(world):
    import datetime as dt

    world.child_a.date_of_birth = dt.date.today().replace(year=dt.date.today().year - 14)
    world.child_a.save()
    case, *_ = plan_case(world)
    problems = plan_problems(case.plan_versions.get())
    assert any("preparing for adulthood" in problem for problem in problems)
