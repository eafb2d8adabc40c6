"""The retention job: delete or anonymise what the schedule says has been kept long enough, except what a legal
hold keeps, remove the stored files of what is deleted, and audit each removal (security notes §1.3, C-37).

Safe to run any number of times: what has been dealt with no longer matches `selectors.due`.
"""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from . import selectors
from .models import Action, LegalHold, PendingFileDeletion, RecordType, RetentionRule
from .selectors import MARKER, NAME_MARKER

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    record_type: str
    action: str
    done: int = 0
    files: int = 0
    files_failed: int = 0  # deleting from storage failed; recorded as PendingFileDeletion for the next run
    kept: int = 0  # still referenced by a record that is not due, so not deleted this time

    def line(self, dry_run: bool) -> str:
        verb = {"delete": "deleted", "anonymise": "anonymised"}[self.action]
        text = f"{self.record_type}: {self.done} {'would be ' if dry_run else ''}{verb}"
        if self.files:
            text += f" ({self.files} stored file(s){' would go' if dry_run else ' removed'})"
        if self.files_failed:
            text += f", {self.files_failed} stored file(s) could not be removed and will be retried"
        if self.kept:
            text += f", {self.kept} kept because other records still need them"
        return text


@dataclass
class Report:
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    switched_off: list[str] = field(default_factory=list)
    retried_files: int = 0  # files left over from earlier runs, removed this time
    pending_files: int = 0  # files still waiting to be removed from storage after this run

    def __str__(self):
        head = "Retention (dry run, nothing changed)" if self.dry_run else "Retention"
        body = "; ".join(o.line(self.dry_run) for o in self.outcomes) or "no rules are switched on"
        text = f"{head}: {body}."
        if self.switched_off:
            # Said every night, so nobody mistakes a rule that is off for one that found nothing to do.
            text += f" Switched off, so nothing removed: {', '.join(self.switched_off)}."
        if self.retried_files:
            text += f" {self.retried_files} stored file(s) left by an earlier run removed."
        if self.pending_files:
            text += f" {self.pending_files} stored file(s) still to remove (retried on the next run)."
        return text


class _DryRun(Exception):
    """Raised to roll a dry run back."""


def retention_apply(*, today: dt.date | None = None, dry_run: bool = False) -> Report:
    """Apply every enabled rule. `today` runs as if it were that date.

    `dry_run` does the whole job inside a transaction and rolls it back, leaving the stored files alone, so what it
    reports is exactly what a real run would do (including records kept because something else refers to them).
    """
    today = today or timezone.localdate()
    report = Report(dry_run=dry_run)
    if not dry_run:
        report.retried_files = _retry_pending_files()
    # Cases before children: a case names its child, so the identity goes last.
    order = list(RecordType)
    rules = sorted(RetentionRule.objects.all(), key=lambda r: order.index(r.record_type))
    report.switched_off = [rule.record_type for rule in rules if not rule.enabled]
    for rule in (rule for rule in rules if rule.enabled):
        outcome = Outcome(record_type=rule.record_type, action=rule.action)
        files: list[tuple] = []
        try:
            with transaction.atomic():
                found = selectors.due(rule, today=today)
                if found.exists():
                    HANDLERS[(rule.record_type, rule.action)](rule, found, outcome, files)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        else:
            # Only once the rows are gone for good (the transaction has committed) do their files go, so a
            # failure part-way never leaves a record pointing at a missing file.
            for file_field, name in files:
                if not _delete_stored_file(file_field, name):
                    outcome.files -= 1
                    outcome.files_failed += 1
        report.outcomes.append(outcome)
    report.pending_files = PendingFileDeletion.objects.count()
    return report


def _delete_stored_file(file_field, name: str) -> bool:
    """Delete one stored file of a deleted record. A failure (storage down, a permissions error) must not stop
    the rest, and the record is gone, so nothing else would find the file again: it is logged and kept as a
    PendingFileDeletion for the next run. Stored names are random or a case reference, never a person's name."""
    try:
        file_field.storage.delete(name)
    except Exception as error:  # any storage error: the file is retried and the run carries on
        logger.warning("Retention: could not delete stored file %s (%s); the next run retries it.", name,
                       type(error).__name__)
        pending, created = PendingFileDeletion.objects.get_or_create(
            model=file_field.model._meta.label, field=file_field.name, name=name,
            defaults={"last_error": type(error).__name__})
        if not created:
            PendingFileDeletion.objects.filter(pk=pending.pk).update(
                attempts=models.F("attempts") + 1, last_failed_at=timezone.now(), last_error=type(error).__name__)
        return False
    return True


def _retry_pending_files() -> int:
    """Try again to delete the files earlier runs could not. Returns how many went."""
    removed = 0
    for pending in PendingFileDeletion.objects.all():
        try:
            file_field = apps.get_model(pending.model)._meta.get_field(pending.field)
        except (LookupError, FieldDoesNotExist):
            # The model or field no longer exists: there is no way to know its storage, so say so every night.
            logger.error("Retention: stored file %s belongs to %s.%s, which no longer exists; delete it by hand.",
                         pending.name, pending.model, pending.field)
            continue
        if _delete_stored_file(file_field, pending.name):
            pending.delete()
            removed += 1
    return removed


# --- Deleting ------------------------------------------------------------------------------------------------

def _deletion_groups(rule, found):
    """Cases are deleted a child at a time, so a re-assessment and the plan it replaced go together, and a child
    whose records are still referenced elsewhere does not stop the rest."""
    if rule.record_type != RecordType.EHC_CASE:
        return [found]
    by_child = defaultdict(list)
    for pk, child_id in found.values_list("pk", "child_id"):
        by_child[child_id].append(pk)
    return [found.model.objects.filter(pk__in=pks) for pks in by_child.values()]


def _deletion_stages(records: list) -> list[list]:
    """What to delete, in an order Django's collector accepts. The collector refuses to delete a row that a
    PROTECT foreign key points at even when the row pointing at it is being deleted too, so the rows that
    protect others inside a case go first: annual reviews' outcome progress (protects the plan's
    outcomes), annual reviews (protect the plan versions they amend), then each case newest first (a
    re-assessment protects the case it replaced). Panel agenda items about a record are part of it: their
    papers describe the child, and the generic relation would otherwise leave them behind."""
    from send_portal.panels.models import AgendaItem

    if not records:
        return []
    model = records[0].__class__
    label = model._meta.label
    items = [list(AgendaItem.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                            object_id__in=[r.pk for r in records]))]
    if label == "alt_provision.PanelReferral":
        return [*items, records]
    if label != "ehc.EHCCase":
        return [records]
    from ehc.models import AnnualReview, ReviewOutcomeProgress

    # Holds are not deleted: a lifted one outlives its case (its key is cleared, its references stay), and one
    # placed since the records were chosen protects its case, so the group is kept (models.protect_if_in_force).
    return [list(ReviewOutcomeProgress.objects.filter(review__case__in=records)),
            list(AnnualReview.objects.filter(case__in=records)), *items,
            *[[case] for case in sorted(records, key=lambda case: case.pk, reverse=True)]]


def _collect(objs) -> Collector:
    """Django's deletion collector over `objs`, which may mix models (the collector takes one model a call)."""
    collector = Collector(using=router.db_for_write(objs[0].__class__) if objs else "default")
    by_model = defaultdict(list)
    for obj in objs:
        by_model[obj.__class__].append(obj)
    for same_model in by_model.values():
        collector.collect(same_model)
    return collector


def _collected(collector: Collector) -> dict[type, list]:
    """Every model and primary key the collector will delete, including the rows it deletes in bulk."""
    found = defaultdict(list)
    for model, instances in collector.data.items():
        found[model].extend(instances)
    for queryset in collector.fast_deletes:
        found[queryset.model].extend(queryset)
    return found


def _stored_files(collected: dict[type, list]) -> list[tuple]:
    files = []
    for model, instances in collected.items():
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for instance in instances:
            for file_field in file_fields:
                stored = getattr(instance, file_field.attname)
                if stored:
                    files.append((file_field, str(stored)))
    return files


def _scrub_earlier_entries(collected: dict[type, list]) -> None:
    """Earlier change entries hold the old field values (a child's name, for one). Keep that something happened,
    who did it and when, but not the values, once the record itself is gone or anonymised."""
    for model, instances in collected.items():
        content_type = ContentType.objects.get_for_model(model)
        pks = [str(i.pk) for i in instances]
        for start in range(0, len(pks), 500):
            (LogEntry.objects.filter(content_type=content_type, object_pk__in=pks[start:start + 500])
             .update(changes=None, changes_text="", serialized_data=None))


def _counts(collected: dict[type, list]) -> dict[str, int]:
    return {model._meta.label_lower: len(instances) for model, instances in sorted(
        collected.items(), key=lambda item: item[0]._meta.label_lower)}


def _delete(rule, found, outcome: Outcome, files: list) -> None:
    for group in _deletion_groups(rule, found):
        pairs = []
        # A savepoint per group: if something outside the group still refers to it, that group is kept whole
        # (and reported) and the rest still goes.
        try:
            with transaction.atomic():
                # Lock the rows so two overlapping runs cannot both delete (and both audit) the same record.
                records = list(group.select_for_update(of=("self",)))
                pairs = [(record, record.pk, str(record)) for record in records]
                everything = defaultdict(list)
                group_files = []
                for stage in _deletion_stages(records):
                    if not stage:
                        continue
                    collector = _collect(stage)
                    collected = _collected(collector)
                    group_files += _stored_files(collected)
                    _scrub_earlier_entries(collected)
                    for model, instances in collected.items():
                        everything[model] += instances
                    # Django's own deletion, so every cascade is followed; auditlog's per-row entries would copy
                    # each row's values into the log, so they are off and one entry per record is written.
                    with disable_auditlog():
                        collector.delete()
                if pairs:
                    _audit_removal(rule, pairs, everything, files=len(group_files))
        except (ProtectedError, RestrictedError):
            outcome.kept += len(pairs)
            continue
        files += group_files
        outcome.done += len(pairs)
        outcome.files += len(group_files)


def _audit_removal(rule, records, collected, *, files: int) -> None:
    """One entry per record for cases, children and referrals (so "what happened to EHC-000123?" has an answer),
    one per run for the high-volume types. `records` holds (record, pk, reference) taken before any deletion.
    Ids and counts only: no names or free text."""
    counts = _counts(collected)
    data = {"retention_rule": rule.record_type, "action": rule.action, "removed": counts, "stored_files": files}
    if rule.record_type in (RecordType.EHC_CASE, RecordType.AP_REFERRAL, RecordType.CHILD):
        for record, pk, reference in records:
            # Django clears the pk of a deleted instance and auditlog prints the instance, so the pk taken before
            # deletion is put back on this throwaway copy. Each of these types prints its reference, not a name.
            record.pk = pk
            LogEntry.objects.log_create(
                record, force_log=True, action=_log_action(rule), actor=None, serialized_data=None, changes=None,
                object_pk=str(pk), object_id=pk, object_repr=reference, additional_data=data)
        return
    ids = [str(pk) for _record, pk, _reference in records]
    LogEntry.objects.log_create(
        rule, force_log=True, action=_log_action(rule), actor=None, serialized_data=None, changes=None,
        object_repr=f"Retention: {len(records)} {rule.get_record_type_display().lower()}",
        additional_data={**data, "ids": ids})


def _log_action(rule):
    return LogEntry.Action.DELETE if rule.action == Action.DELETE else LogEntry.Action.UPDATE


def _delete_in_bulk(rule, found, outcome: Outcome, files: list) -> None:
    """Records with no files and nothing hanging off them: one statement, one audit entry."""
    with transaction.atomic():
        records = list(found.select_for_update(of=("self",)))
        if not records:
            return
        collector = _collect(records)
        collected = _collected(collector)
        pairs = [(record, record.pk, str(record)) for record in records]
        _scrub_earlier_entries(collected)
        with disable_auditlog():
            collector.delete()
        _audit_removal(rule, pairs, collected, files=0)
    outcome.done += len(records)


def _delete_sessions(rule, found, outcome: Outcome, files: list) -> None:
    """Expired sessions: the keys are secrets, so the audit entry has the count only."""
    with transaction.atomic():
        count, _by_model = found.delete()
        LogEntry.objects.log_create(
            rule, force_log=True, action=LogEntry.Action.DELETE, actor=None, serialized_data=None, changes=None,
            object_repr=f"Retention: {count} expired sign-in session(s)",
            additional_data={"retention_rule": rule.record_type, "action": rule.action, "removed": count})
    outcome.done += count


# --- Anonymising ---------------------------------------------------------------------------------------------

def _anonymise_children(rule, found, outcome: Outcome, files: list) -> None:
    """Keep the row (and its reference, sex, council, and month and year of birth) so counts and other records
    still work; remove the name, contact details, UPN, and the family's links to it."""
    from send_portal.invitations.models import Invitation
    from send_portal.people.models import CapacityDecision, Child, FamilyLink

    with transaction.atomic():
        children = list(found.select_for_update(of=("self",)))
        if not children:
            return
        attached = [*FamilyLink.objects.filter(child__in=children),
                    *CapacityDecision.objects.filter(child__in=children),
                    *Invitation.objects.filter(child__in=children)]
        collected = defaultdict(list, {Child: children})
        if attached:
            collector = _collect(attached)
            collected.update(_collected(collector))
            collected[Child] = children
        _scrub_earlier_entries(collected)
        with disable_auditlog():
            if attached:
                collector.delete()
            for child in children:
                # `update` sends no signals, so the old name is not copied into a change entry.
                Child.objects.filter(pk=child.pk).update(
                    given_name=NAME_MARKER, family_name=NAME_MARKER, preferred_name="", upn=None, postcode="",
                    own_email="", date_of_birth=child.date_of_birth.replace(day=1), updated_at=timezone.now())
        _audit_removal(rule, [(c, c.pk, str(c)) for c in children], collected, files=0)
    outcome.done += len(children)


def _anonymise_referrals(rule, found, outcome: Outcome, files: list) -> None:
    """Keep the reason, tier, status and dates the panel's figures count; remove what describes the pupil and
    family, and the panel papers about the referral."""
    from alt_provision.models import PanelReferral
    from send_portal.panels.models import AgendaItem

    with transaction.atomic():
        referrals = list(found.select_for_update(of=("self",)))
        if not referrals:
            return
        pks = [r.pk for r in referrals]
        PanelReferral.objects.filter(pk__in=pks).update(
            summary=MARKER, child_views="", parent_views="", risk_assessment_summary="", interventions="",
            parent_consent_signed_by="", lead_professional="", lead_professional_contact="", returned_note="")
        # A signposted referral must say where (a database constraint); the place is kept as the marker.
        PanelReferral.objects.filter(pk__in=pks).exclude(signposted_to="").update(signposted_to=MARKER)
        items = AgendaItem.objects.filter(content_type=ContentType.objects.get_for_model(PanelReferral),
                                          object_id__in=pks)
        items.exclude(reasons="").update(reasons=MARKER)
        items.update(papers=MARKER)
        _scrub_earlier_entries({PanelReferral: referrals, AgendaItem: list(items)})
        _audit_removal(rule, [(r, r.pk, str(r)) for r in referrals], {PanelReferral: referrals}, files=0)
    outcome.done += len(referrals)


def _anonymise_feedback(rule, found, outcome: Outcome, files: list) -> None:
    """Keep the kind, theme, page, dates and what was published (already stripped of anything identifying),
    which the regulation 56 report counts; remove the comment as written and the reply address."""
    with transaction.atomic():
        records = list(found.select_for_update(of=("self",)))
        if not records:
            return
        pks = [r.pk for r in records]
        found.model.objects.filter(pk__in=pks).exclude(comment="").update(comment=MARKER)
        found.model.objects.filter(pk__in=pks).update(reply_email="")
        _audit_removal(rule, [(r, r.pk, str(r)) for r in records], {}, files=0)
    outcome.done += len(records)


def _anonymise_notifications(rule, found, outcome: Outcome, files: list) -> None:
    """Keep the row and its idempotency key, so a job that runs again can never send the same message twice;
    remove the address it went to."""
    with transaction.atomic():
        records = list(found.select_for_update(of=("self",)))
        if not records:
            return
        blank = {"recipient_email": ""}
        # The rendered body, where the model stores one, can greet the person by name.
        if any(f.name == "body" for f in found.model._meta.concrete_fields):
            blank["body"] = ""
        found.model.objects.filter(pk__in=[r.pk for r in records]).update(**blank)
        _audit_removal(rule, [(r, r.pk, str(r)) for r in records], {}, files=0)
    outcome.done += len(records)


HANDLERS = {
    (RecordType.EHC_CASE, Action.DELETE): _delete,
    (RecordType.CHILD, Action.ANONYMISE): _anonymise_children,
    (RecordType.AP_REFERRAL, Action.ANONYMISE): _anonymise_referrals,
    (RecordType.AP_REFERRAL, Action.DELETE): _delete,
    (RecordType.LOCAL_OFFER_FEEDBACK, Action.ANONYMISE): _anonymise_feedback,
    (RecordType.LOCAL_OFFER_FEEDBACK, Action.DELETE): _delete_in_bulk,
    (RecordType.NOTIFICATION, Action.ANONYMISE): _anonymise_notifications,
    (RecordType.NOTIFICATION, Action.DELETE): _delete_in_bulk,
    (RecordType.SESSION, Action.DELETE): _delete_sessions,
}


# --- Legal holds ---------------------------------------------------------------------------------------------

def legal_hold_place(*, placed_by, reason: str, child=None, case=None) -> LegalHold:
    hold = LegalHold(child=child, case=case, reason=reason, placed_by=placed_by)
    hold.full_clean()
    hold.save()
    return hold


def legal_hold_release(*, hold: LegalHold, released_by) -> LegalHold:
    if hold.released_at is None:
        hold.released_at = timezone.now()
        hold.released_by = released_by
        hold.save(update_fields=["released_at", "released_by"])
    return hold
