"""C-37: the retention job. Travel to the retention date + 1 day, run the job, and check the database, the stored
files and the audit log: nothing past retention without a hold is left, held records are untouched, no file is
orphaned, each removal is audited, and running again (or a dry run) changes nothing."""

import datetime as dt
import importlib
import io
import json
from pathlib import Path

import pytest
import time_machine
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.db.models import ProtectedError
from django.urls import reverse

from alt_provision.models import PanelReferral
from alt_provision.services import referral_submit, referral_withdraw
from ehc import services as ehc
from ehc.models import EHCCase, Stage
from local_offer.models import Feedback
from local_offer.services.feedback import feedback_submit
from send_portal.notifications.models import Notification
from send_portal.people.models import Child
from send_portal.retention.models import LegalHold, PendingFileDeletion, RetentionRule
from send_portal.retention.selectors import MARKER, NAME_MARKER, first_kept_trigger, is_due, retention_ends
from send_portal.retention.services import legal_hold_place, legal_hold_release
from send_portal.retention.tasks import apply_retention
from tests import factories
from tests.conftest import CANARY_A, CANARY_B
from tests.targets import PDF_BYTES, ap_panel, complete_referral_answers, final_plan_case, meeting_held, review_case

# Child A was born on 1 May 2018: with the shipped 31 years its EHC file is kept to 1 May 2049 and goes the day after.
RETENTION_DATE = dt.date(2049, 5, 1)
DAY_AFTER = dt.datetime(2049, 5, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("trigger", "years", "days", "today", "due"), [
    (dt.date(2018, 5, 1), 31, 0, dt.date(2049, 5, 1), False),   # the last day kept
    (dt.date(2018, 5, 1), 31, 0, dt.date(2049, 5, 2), True),    # the day after
    (dt.date(2018, 5, 1), 31, 0, dt.date(2026, 11, 23), False),
    (dt.date(2000, 2, 29), 31, 0, dt.date(2031, 2, 28), False),  # born on a leap day: kept to 28 February
    (dt.date(2000, 2, 29), 31, 0, dt.date(2031, 3, 1), True),
    (dt.date(2001, 2, 28), 31, 0, dt.date(2032, 2, 29), True),   # a leap year's 29 February is the day after
    (dt.date(2000, 2, 29), 4, 0, dt.date(2004, 2, 29), False),
    (dt.date(2000, 2, 29), 4, 0, dt.date(2004, 3, 1), True),
    (dt.date(2024, 1, 31), 0, 30, dt.date(2024, 3, 1), False),
    (dt.date(2024, 1, 31), 0, 30, dt.date(2024, 3, 2), True),
    (dt.date(2026, 11, 22), 0, 0, dt.date(2026, 11, 23), True),   # expired sessions: the day after
    (dt.date(2026, 11, 23), 0, 0, dt.date(2026, 11, 23), False),
    (dt.date(2023, 12, 31), 3, 0, dt.date(2027, 1, 1), True),
    (dt.date(2024, 1, 1), 3, 0, dt.date(2027, 1, 1), False),
])
def test_retention_date_table(trigger, years, days, today, due):
    assert is_due(trigger, years=years, days=days, today=today) is due
    assert (retention_ends(trigger, years=years, days=days) < today) is due
    # The database filter (`trigger < first kept`) agrees with the rule, leap days included.
    assert (trigger < first_kept_trigger(years=years, days=days, today=today)) is due


def test_a_rule_only_offers_the_actions_its_record_type_supports(db):
    rule = RetentionRule.objects.get(record_type="child")
    rule.action = "delete"
    with pytest.raises(ValidationError, match="anonymised"):
        rule.full_clean()
    assert set(RetentionRule.objects.values_list("record_type", flat=True)) == {
        "ehc_case", "child", "ap_referral", "local_offer_feedback", "notification", "session"}
    assert all(r.reason for r in RetentionRule.objects.all())


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field.attname


def _referenced_files() -> set[str]:
    names = set()
    for model, attname in _file_fields():
        names |= {n for n in model.objects.exclude(**{attname: ""}).values_list(attname, flat=True) if n}
    return names


def _stored_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _snapshot(objs) -> list[dict]:
    return json.loads(serializers.serialize("json", objs))


def _dump(*also_exclude) -> str:
    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", stdout=out,
                 exclude=["contenttypes", "auth.permission", *also_exclude])
    return out.getvalue()


@pytest.fixture(autouse=True)
def shipped_schedule(request):
    """The rules the data migration ships. A test that empties the tables (any transactional test run earlier in
    the same process flushes them) would otherwise leave later tests here with no rules at all."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    importlib.import_module("send_portal.retention.migrations.0002_default_schedule").add_defaults(apps, None)


@pytest.fixture
def schedule_on(db):
    """The rules ship switched off until the council confirms them; these tests are about what they do once on."""
    RetentionRule.objects.update(enabled=True)


def _finished_case(world, child, requester):
    """A request with a document, sent and then withdrawn: finished, so the schedule applies to it."""
    case = ehc.case_start(requested_by=requester, child=child, requester_kind="parent", reason="Reading.")
    ehc.document_add(case=case, uploaded=SimpleUploadedFile("report.pdf", PDF_BYTES), uploaded_by=requester,
                     kind="evidence")
    ehc.case_submit(case=case, user=requester)
    return ehc.case_withdraw(case=case, user=requester)


def _held(case):
    return [case, case.child, *case.documents.all(), *case.plan_versions.all(), *case.letters.all(),
            *case.events.all()]


@pytest.fixture
def media(settings, tmp_path):
    """Real files on disk, so "no orphans" is checked by listing the storage itself."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def records(world, media):
    """Child A: a ceased plan (plan PDF, a document, a letter PDF), a decided AP referral. Child B: a finished
    case under a hold on the child. The young person: a finished case under a hold on the case. A child born in
    2020: a finished case not yet due. Plus Local Offer feedback, notifications and a session."""
    due_case = final_plan_case(world)
    ehc.document_add(case=due_case, uploaded=SimpleUploadedFile("evidence.pdf", PDF_BYTES),
                     uploaded_by=world.parent_a, kind="evidence")
    letter = ehc.letter_issue(case=due_case, kind="ceasing_decision", issued_on=dt.date.today(),
                              issued_by=world.manager)
    ehc.letter_render_pdf(letter=letter)
    EHCCase.objects.filter(pk=due_case.pk).update(stage=Stage.CEASED, closed_on=dt.date.today())
    ap_panel(world)
    referral = referral_submit(child=world.child_a, referrer=world.school_a, referred_by=world.senco_a,
                               **complete_referral_answers(summary=f"{CANARY_A} is struggling."))
    referral_withdraw(referral=referral, reason="Moved school.")

    held_by_child = _finished_case(world, world.child_b, world.parent_b)
    legal_hold_place(child=world.child_b, placed_by=world.admin, reason="Tribunal SE123/45")
    held_by_case = _finished_case(world, world.child_yp, world.young_person)
    legal_hold_place(case=held_by_case, placed_by=world.admin, reason="Ombudsman complaint 24 001 234")
    # A hold that was lifted keeps nothing.
    lifted = legal_hold_place(child=world.child_a, placed_by=world.admin, reason="Claim settled")
    legal_hold_release(hold=lifted, released_by=world.admin)

    young = factories.child(council=world.council, given_name="Nadia", family_name="Newer", born=dt.date(2020, 1, 1))
    not_due = _finished_case(world, young, world.parent_a)

    feedback = feedback_submit(kind="comment", page="/local-offer/", comment=f"My child {CANARY_A} waited months.",
                               reply_email="someone@example.test")
    # Sending happens once a transaction commits, which tests never do, so the record of a sent email is made here.
    sent = Notification.objects.create(idempotency_key="retention-test-1", template="case_update",
                                       recipient_email="parent.a@example.test", subject="There is an update",
                                       status=Notification.Status.SENT)
    session = SessionStore()
    session.create()
    return {"due_case": due_case, "referral": referral, "held": [held_by_child, held_by_case], "not_due": not_due,
            "feedback": feedback, "session": session.session_key, "notification": sent}


def test_retention_job_removes_what_is_due_keeps_what_is_held_and_leaves_no_orphan_files(world, records, media,
                                                                                         schedule_on):
    due_case = records["due_case"]
    due_files = {d.file.name for d in due_case.documents.all()} | {
        v.pdf.name for v in due_case.plan_versions.exclude(pdf="")} | {
        letter.pdf.name for letter in due_case.letters.exclude(pdf="")}
    assert len(due_files) == 3  # the final plan's PDF, the document and the letter's PDF
    assert due_files <= _stored_files(media)
    held_before = [_snapshot(_held(case)) for case in records["held"] + [records["not_due"]]]
    held_files = {d.file.name for case in records["held"] for d in case.documents.all()}

    # The dry run on the day after changes nothing, and says what would go.
    with time_machine.travel(DAY_AFTER, tick=False):
        before, files_before = _dump(), _stored_files(media)
        out = io.StringIO()
        call_command("apply_retention", "--dry-run", stdout=out)
        assert "dry run" in out.getvalue() and "ehc_case: 1 would be deleted" in out.getvalue()
        assert _dump() == before and _stored_files(media) == files_before

        # The day itself: the Celery beat task.
        result = apply_retention.apply().get()
        assert "ehc_case: 1 deleted" in result

    # 0 records past retention without a hold.
    assert not EHCCase.objects.filter(pk=due_case.pk).exists()
    child_a = Child.objects.get(pk=world.child_a.pk)
    assert (child_a.given_name, child_a.family_name, child_a.date_of_birth) == (NAME_MARKER, NAME_MARKER,
                                                                                dt.date(2018, 5, 1))
    assert not child_a.family_links.exists()
    referral = PanelReferral.objects.get(pk=records["referral"].pk)
    assert referral.summary == MARKER and referral.child_views == "" and referral.status == "withdrawn"
    feedback = Feedback.objects.get(pk=records["feedback"].pk)
    assert (feedback.comment, feedback.reply_email) == (MARKER, "")
    from django.contrib.sessions.models import Session
    assert not Session.objects.filter(session_key=records["session"]).exists()
    assert Notification.objects.get(pk=records["notification"].pk).recipient_email == ""
    everything = _dump()
    assert CANARY_A not in everything  # not in any record, nor in an earlier audit entry's old values

    # 100% of held (and not yet due) records intact, files included.
    assert [_snapshot(_held(EHCCase.objects.get(pk=case.pk)))
            for case in records["held"] + [records["not_due"]]] == held_before
    assert CANARY_B in everything
    assert held_files <= _stored_files(media)

    # 0 orphan files: every file in storage belongs to a record, and none of the deleted case's is left.
    assert _stored_files(media) - _referenced_files() == set()
    assert due_files & _stored_files(media) == set()

    # The deletion itself is audited: which record, how much went, no personal text.
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(EHCCase),
                                 object_pk=str(due_case.pk), action=LogEntry.Action.DELETE)
    assert entry.object_repr == due_case.reference
    assert entry.additional_data["retention_rule"] == "ehc_case"
    assert entry.additional_data["stored_files"] == len(due_files)
    assert entry.additional_data["removed"]["ehc.ehccase"] == 1
    assert entry.additional_data["removed"]["ehc.document"] == 1
    assert LogEntry.objects.filter(object_pk=str(world.child_a.pk), action=LogEntry.Action.UPDATE,
                                   additional_data__retention_rule="child").count() == 1

    # Running again, on the same day or later, changes nothing.
    with time_machine.travel(DAY_AFTER + dt.timedelta(days=1), tick=False):
        before, files_before = _dump(), _stored_files(media)
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        assert "ehc_case: 0 deleted" in out.getvalue()
        assert _dump() == before and _stored_files(media) == files_before


def test_nothing_goes_on_the_retention_date_itself(world, records, media, schedule_on):
    files = _stored_files(media)
    out = io.StringIO()
    call_command("apply_retention", f"--today={RETENTION_DATE}", stdout=out)
    assert "ehc_case: 0 deleted" in out.getvalue()
    assert EHCCase.objects.filter(pk=records["due_case"].pk).exists()
    assert Child.objects.get(pk=world.child_a.pk).given_name == CANARY_A
    assert _stored_files(media) == files


def test_a_lifted_hold_lets_the_schedule_apply_and_a_paused_rule_keeps_everything(world, records, media, schedule_on):
    held_by_child, held_by_case = records["held"]
    for hold in [*world.child_b.legal_holds.all(), *held_by_case.legal_holds.all()]:
        legal_hold_release(hold=hold, released_by=world.admin)
    RetentionRule.objects.filter(record_type="child").update(enabled=False)
    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-02", stdout=out)
    assert not EHCCase.objects.filter(pk__in=[held_by_child.pk, held_by_case.pk]).exists()
    # The identity rule is paused, so nobody's name has gone.
    assert Child.objects.get(pk=world.child_b.pk).given_name == CANARY_B
    assert _stored_files(media) - _referenced_files() == set()


def test_a_plan_with_reviewed_outcomes_and_an_amendment_is_deleted_whole(world, media, schedule_on):
    """Annual reviews protect the plan versions they amend and the outcomes they report on: the case still goes,
    with everything hanging off it."""
    case, review = review_case(world)
    review = meeting_held(review, days_ago=7)
    outcomes = {o.pk: ("some", "") for o in case.plan_versions.get(status="final").outcomes.all()}
    ehc.review_record_meeting(review=review, user=world.senco_a, expected_version=review.version,
                              child_views="Happy", family_views="", preparing_for_adulthood="", disagreements="",
                              progress=outcomes, recommendations={"F": "More therapy"}, submit=True)
    ehc.review_start_amendment(review=review, user=world.caseworker)
    EHCCase.objects.filter(pk=case.pk).update(stage=Stage.CEASED, closed_on=dt.date.today())
    assert _stored_files(media)

    out = io.StringIO()
    call_command("apply_retention", f"--today={RETENTION_DATE + dt.timedelta(days=1)}", stdout=out)
    assert "ehc_case: 1 deleted" in out.getvalue() and "kept" not in out.getvalue()
    assert not EHCCase.objects.filter(pk=case.pk).exists()
    assert _stored_files(media) == set()
    removed = LogEntry.objects.get(object_pk=str(case.pk), action=LogEntry.Action.DELETE,
                                   additional_data__retention_rule="ehc_case").additional_data["removed"]
    assert removed["ehc.annualreview"] == 1 and removed["ehc.reviewoutcomeprogress"] >= 1


def test_the_privacy_notice_states_the_schedule_in_force(client, db):
    RetentionRule.objects.filter(record_type__in=["ehc_case", "local_offer_feedback"]).update(enabled=True)
    page = client.get(reverse("privacy")).content.decode()
    assert "until the young person&#x27;s 31st birthday, then deleted" in page
    assert "Comments and problem reports about the Local Offer" in page and "for 3 years after we receive them" in page
    RetentionRule.objects.filter(record_type="ehc_case").update(keep_years=45)
    page = client.get(reverse("privacy")).content.decode()
    assert "until the young person&#x27;s 45th birthday, then deleted" in page


def test_administrators_edit_the_schedule_and_place_holds_in_the_admin_site(world, client_for):
    client = client_for("admin")
    rule = RetentionRule.objects.get(record_type="ehc_case")
    page = client.get(reverse("admin:retention_retentionrule_change", args=[rule.pk]))
    assert page.status_code == 200 and "Counted from" in page.content.decode()
    response = client.post(reverse("admin:retention_legalhold_add"),
                           {"child": world.child_b.pk, "reason": "Tribunal SE123/45"})
    assert response.status_code == 302
    hold = world.child_b.legal_holds.get()
    assert hold.placed_by == world.admin and hold.in_force
    # A lifted hold stays on record, who lifted it and when.
    client.post(reverse("admin:retention_legalhold_changelist"),
                {"action": "release", "_selected_action": [hold.pk]})
    hold.refresh_from_db()
    assert hold.released_by == world.admin and not hold.in_force
    assert client.post(reverse("admin:retention_legalhold_delete", args=[hold.pk]), {"post": "yes"}).status_code == 403


def test_types_set_to_delete_are_deleted_and_audited_by_id(world, records, media, schedule_on):
    RetentionRule.objects.filter(record_type__in=["ap_referral", "local_offer_feedback", "notification"]).update(
        action="delete")
    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-02", stdout=out)
    assert "ap_referral: 1 deleted" in out.getvalue() and "local_offer_feedback: 1 deleted" in out.getvalue()
    assert not PanelReferral.objects.filter(pk=records["referral"].pk).exists()
    assert not Feedback.objects.filter(pk=records["feedback"].pk).exists()
    assert not Notification.objects.filter(pk=records["notification"].pk).exists()
    entry = LogEntry.objects.get(object_pk=str(records["referral"].pk), action=LogEntry.Action.DELETE,
                                 additional_data__retention_rule="ap_referral")
    assert entry.object_repr == records["referral"].reference
    feedback_entry = LogEntry.objects.get(additional_data__retention_rule="local_offer_feedback")
    assert feedback_entry.additional_data["ids"] == [str(records["feedback"].pk)]
    assert CANARY_A not in _dump()
    assert _stored_files(media) - _referenced_files() == set()


def test_a_child_with_a_case_still_open_keeps_their_identity(world, media, schedule_on):
    open_case = ehc.case_start(requested_by=world.parent_a, child=world.child_other, requester_kind="parent",
                               reason="Reading.")
    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-02", stdout=out)
    assert "ehc_case: 0 deleted" in out.getvalue()
    assert EHCCase.objects.filter(pk=open_case.pk).exists()
    assert Child.objects.get(pk=world.child_other.pk).given_name == "Otto"
    # The other children, with nothing open and no hold, are anonymised.
    assert Child.objects.get(pk=world.child_a.pk).given_name == NAME_MARKER


def test_a_fresh_install_removes_nothing_until_an_administrator_switches_a_rule_on(world, records, media,
                                                                                    client_for, client):
    # As shipped, only expired sessions go: every period about a person waits for the council to confirm it.
    assert set(RetentionRule.objects.filter(enabled=True).values_list("record_type", flat=True)) == {"session"}
    before, files = _dump("sessions", "auditlog"), _stored_files(media)
    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-02", stdout=out)
    assert ("Switched off, so nothing removed: ehc_case, child, ap_referral, local_offer_feedback, notification."
            in out.getvalue())
    assert _dump("sessions", "auditlog") == before and _stored_files(media) == files
    assert set(LogEntry.objects.filter(additional_data__retention_rule__isnull=False)
               .values_list("additional_data__retention_rule", flat=True)) == {"session"}
    # The privacy notice does not promise a period nobody applies.
    page = client.get(reverse("privacy")).content.decode()
    assert "31st birthday" not in page and "nothing is removed automatically" in page

    # An administrator confirms the EHC case period in the admin site; the next run applies it, and only it.
    rule = RetentionRule.objects.get(record_type="ehc_case")
    response = client_for("admin").post(reverse("admin:retention_retentionrule_change", args=[rule.pk]), {
        "keep_years": 31, "keep_days": 0, "action": "delete", "enabled": "on", "reason": rule.reason})
    assert response.status_code == 302
    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-02", stdout=out)
    assert "ehc_case: 1 deleted" in out.getvalue()
    assert not EHCCase.objects.filter(pk=records["due_case"].pk).exists()
    assert Child.objects.get(pk=world.child_a.pk).given_name == CANARY_A  # the identity rule is still off


def test_a_lifted_hold_stays_on_record_after_its_case_is_deleted(world, records, media, schedule_on):
    held_by_child, held_by_case = records["held"]
    hold = held_by_case.legal_holds.get()
    # In force, it stops the case being deleted whatever code asks.
    with pytest.raises(ProtectedError) as refused:
        EHCCase.objects.get(pk=held_by_case.pk).delete()
    assert hold in set(refused.value.protected_objects)
    legal_hold_release(hold=hold, released_by=world.admin)
    call_command("apply_retention", "--today=2049-05-02", stdout=io.StringIO())
    assert not EHCCase.objects.filter(pk=held_by_case.pk).exists()
    hold = LegalHold.objects.get(pk=hold.pk)
    assert hold.case is None and hold.case_reference == held_by_case.reference
    assert hold.child_reference == world.child_yp.reference
    assert (hold.reason, hold.placed_by, hold.released_by) == ("Ombudsman complaint 24 001 234", world.admin,
                                                               world.admin)
    assert str(hold) == f"Hold on {held_by_case.reference} (case since deleted)"
    # The lifted hold on child A, whose case went too, is also still there.
    assert LegalHold.objects.filter(child=world.child_a, reason="Claim settled").exists()


def test_a_file_storage_will_not_delete_is_retried_by_the_next_run_and_the_rest_still_go(
        world, records, media, schedule_on, monkeypatch, caplog):
    due_case = records["due_case"]
    due_files = {d.file.name for d in due_case.documents.all()} | {
        v.pdf.name for v in due_case.plan_versions.exclude(pdf="")} | {
        letter.pdf.name for letter in due_case.letters.exclude(pdf="")}
    real_delete, refused = FileSystemStorage.delete, []

    def delete_failing_once(storage, name):
        if not refused:
            refused.append(name)
            raise OSError("storage unavailable")
        return real_delete(storage, name)

    monkeypatch.setattr(FileSystemStorage, "delete", delete_failing_once)
    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-02", stdout=out)
    assert "ehc_case: 1 deleted (2 stored file(s) removed), 1 stored file(s) could not be removed" in out.getvalue()
    # The failure stopped nothing else: the case's other files are gone, and only the refused one is left.
    assert due_files & _stored_files(media) == set(refused)
    pending = PendingFileDeletion.objects.get()
    assert (pending.name, pending.last_error) == (refused[0], "OSError")
    assert refused[0] in caplog.text and CANARY_A not in caplog.text

    out = io.StringIO()
    call_command("apply_retention", "--today=2049-05-03", stdout=out)
    assert "1 stored file(s) left by an earlier run removed" in out.getvalue()
    assert not PendingFileDeletion.objects.exists()
    assert due_files & _stored_files(media) == set()
    assert _stored_files(media) - _referenced_files() == set()
