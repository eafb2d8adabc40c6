import csv
import datetime as dt
import io
import json
import logging
import os
import shutil
import textwrap
import zipfile

from auditlog.models import LogEntry
from django.db import models
from django.utils import timezone

from send_portal.core.csv_safety import safe_cell

from .subject_access import ACCESS_LOG, CHILD, EXCLUDED, HOLDINGS, PERSON

logger = logging.getLogger("portal.audit")


def record_access(*, user, obj, purpose: str = "view", label: str | None = None) -> LogEntry:
    """Write an access entry for a view of a protected record (ASVS 8.3.5).

    The entry holds the object's reference (its __str__, which for records about children is never a name, or
    `label` for records whose __str__ is a name, such as an account), who looked and why, but none of the
    record's content.
    """
    extra = {"object_repr": label} if label is not None else {}
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        additional_data={"purpose": purpose},
        **extra,
    )


# --- Subject access export (UK GDPR Art 15) -------------------------------------------------------------------

ACTIONS = {LogEntry.Action.ACCESS: "Opened", LogEntry.Action.CREATE: "Created", LogEntry.Action.UPDATE: "Changed",
           LogEntry.Action.DELETE: "Deleted"}


def subject_label(kind: str, subject) -> str:
    """How the export and the audit log name the subject: the child's reference, or the account's number (an
    account's __str__ is the person's name, which stays out of logs)."""
    return subject.reference if kind == CHILD else f"account {subject.pk}"


def subject_access_export(*, kind: str, subject, exported_by, out, via: str = "page",
                          councils=None) -> dict[str, int]:
    """Write everything held about a child (kind "child", a people.Child) or a person (kind "person", an
    account) to `out` (a binary file) as a ZIP, and record the export in the audit log.

    The ZIP holds a README.txt, one CSV per model with rows about the subject (records/), the access log
    (access_log.csv), and the stored files: uploaded documents and generated plan and letter PDFs (files/).
    For a person, records they only created or handled for someone else (a caseworker's cases, documents a
    SENCO uploaded) are listed by reference alone in records/handled_by_this_person.csv, without their content
    or files: those records are about other people. With `councils` (an administrator's export), only rows held
    for one of those councils are exported; without (the operator's command), everything.
    Returns the number of rows exported per model label.
    """
    if kind not in (CHILD, PERSON):
        raise ValueError(f"kind must be {CHILD!r} or {PERSON!r}")
    found: dict[str, list] = {}  # rows about the subject, exported in full; the finders and logs follow them
    counts: dict[str, int] = {}
    handled: list[tuple] = []
    missing_files: list[str] = []
    held_back: list[str] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for holding in HOLDINGS:
            related = [field.name for field in _columns(holding) if field.many_to_one or field.one_to_one]
            matched = holding.rows(kind, subject, found)
            scope = holding.council_match(councils) if councils is not None else None
            if scope is not None:
                matched = matched.filter(scope)
            references = []
            if kind == PERSON and holding.own is not True:
                own = holding.own_rows(subject, matched, found).values("pk")
                others = matched.exclude(pk__in=own)
                references = list(others)
                if references:
                    roles = holding.roles(subject, others)
                    handled += [(holding.label, row, roles.get(row.pk, [])) for row in references]
                matched = matched.filter(pk__in=own)
            rows = list(matched.select_related(*related))
            found[holding.label] = [row.pk for row in rows]
            counts[holding.label] = len(rows) + len(references)
            if not rows:
                continue
            if holding.label == ACCESS_LOG:
                archive.writestr("access_log.csv", _access_log_csv(rows, kind, subject, found))
                continue
            archive.writestr(f"records/{holding.label}.csv", _rows_csv(holding, rows))
            for row in rows:
                for name in holding.files:
                    stored = getattr(row, name)
                    if not stored:
                        continue
                    path = _file_path(holding.label, row, stored)
                    # A document that failed its virus scan, or could not be scanned, is never handed out: the
                    # same rule as its download link (Document.downloadable).
                    if getattr(row, "downloadable", True) is False:
                        held_back.append(path)
                        continue
                    try:
                        # Copied in chunks: a scanned report can be tens of megabytes.
                        with stored.open("rb") as handle, archive.open(path, "w") as target:
                            shutil.copyfileobj(handle, target)
                    except OSError:
                        missing_files.append(path)
        if handled:
            archive.writestr(HANDLED, _handled_csv(handled))
        archive.writestr("README.txt", _readme(kind, subject, counts, missing_files, held_back, bool(handled),
                                               councils))
    record_access(user=exported_by, obj=subject, purpose=f"subject access export ({via})",
                  label=subject_label(kind, subject))
    logger.info("subject access export kind=%s subject_id=%s by=%s via=%s rows=%s", kind, subject.pk,
                getattr(exported_by, "pk", None), via, sum(counts.values()))
    return counts


HANDLED = "records/handled_by_this_person.csv"


def _recorded_at(row):
    """When the row was recorded: its first timestamp, preferring the one set when it was created. Only
    date-times: a date column can be a child's date of birth."""
    stamps = [field for field in row._meta.concrete_fields if isinstance(field, models.DateTimeField)]
    stamps.sort(key=lambda field: not field.auto_now_add)
    for field in stamps:
        value = getattr(row, field.attname)
        if value is not None:
            return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    return ""


def _handled_csv(handled) -> str:
    """Records that name the person only because they created or handled them: which record, the person's part
    in it and when, never its content (names, dates of birth, free text) or files, which are about other
    people."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Kind of record", "Record id", "Reference", "This person's part", "When recorded"])
    for label, row, lookups in handled:
        reference = getattr(row, "reference", "") if any(
            field.name == "reference" for field in row._meta.concrete_fields) else ""
        part = "; ".join(lookup.replace("__", " of the ").replace("_", " ") + ": this person"
                         for lookup in lookups) or "named in the record"
        writer.writerow([safe_cell(cell) for cell in (label, row.pk, reference, part, _recorded_at(row))])
    return buffer.getvalue()


def _file_path(label, row, stored) -> str:
    # Uploads are stored under a generated name; the name the person gave the file is easier to recognise.
    name = getattr(row, "original_name", "") or stored.name
    return f"files/{label}/{row.pk}/{os.path.basename(name.replace(chr(92), '/'))}"


def _columns(holding):
    return [field for field in holding.model._meta.concrete_fields if field.name not in holding.omit]


def _cell(row, field, holding):
    if isinstance(field, models.FileField):
        stored = getattr(row, field.name)
        return _file_path(holding.label, row, stored) if stored else ""
    if field.is_relation:
        related = getattr(row, field.name)
        return "" if related is None else f"{related} (id {related.pk})"
    value = getattr(row, field.attname)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if field.choices and value not in (None, ""):
        return f"{value} ({getattr(row, f'get_{field.name}_display')()})"
    return value


def _rows_csv(holding, rows) -> str:
    columns = _columns(holding)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(field.verbose_name) for field in columns])
    for row in rows:
        writer.writerow([safe_cell(_cell(row, field, holding)) for field in columns])
    return buffer.getvalue()


def _access_log_csv(entries, kind, subject, found) -> str:
    """The audit log: every view and change of the subject's records (with what changed), and for a person
    also what they opened or changed themselves. For records that are not the person's own, only which record
    and when: the content of other people's records is not theirs to receive."""
    own = {(entry_label, str(pk)) for entry_label, pks in found.items() for pk in pks}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["When", "What", "Kind of record", "Record id", "Record", "Who", "Why", "About",
                     "What changed"])
    for entry in entries:
        model = entry.content_type.model_class()
        about_subject = model is not None and (model._meta.label, entry.object_pk) in own
        refused = (entry.additional_data or {}).get("refused", False)
        changes = json.dumps(entry.changes, ensure_ascii=False, sort_keys=True) if entry.changes else ""
        writer.writerow([safe_cell(cell) for cell in (
            timezone.localtime(entry.timestamp).isoformat(),
            "Refused" if refused else ACTIONS.get(entry.action, str(entry.action)),
            entry.content_type.name, entry.object_pk, entry.object_repr,
            _who(entry.actor) if entry.actor_id else "The portal",
            (entry.additional_data or {}).get("purpose", ""),
            "Their record" if about_subject else "Asked for by them" if refused else "Opened or changed by them",
            changes if about_subject else "")])
    return buffer.getvalue()


def _who(user) -> str:
    return f"{user.full_name} ({user.email})" if user.full_name else user.email


def _readme(kind, subject, counts, missing_files, held_back=(), handled=False, councils=None) -> str:
    who = f"the child or young person with reference {subject.reference}" if kind == CHILD \
        else f"the person with account number {subject.pk}"
    lines = [
        "Subject access export",
        "=====================",
        "",
        f"Everything the portal holds about {who}, exported on "
        f"{timezone.localtime().strftime('%d %B %Y at %H:%M')} (UK GDPR Article 15).",
        "",
        "Before you send it: check it for information about other people (other family members, other",
        "children named in shared records, free text written by professionals) and redact what the law says",
        "you must. This export is for the data protection officer; do not send it as it is.",
        "",
        "What is in this file",
        "--------------------",
        "README.txt        this explanation",
        "records/          one CSV file per kind of record, named after the model that holds it",
        "                  (for example records/ehc.EHCCase.csv for EHC needs assessments and plans).",
        "                  Each row is one record; a linked record is shown by its reference and id.",
        "access_log.csv    the audit log: who opened or changed each of these records, when and why,",
    ]
    if kind == PERSON:
        lines += ["                  and every record this person opened or changed themselves (for records",
                  "                  that are not theirs, only which record and when)."]
    else:
        lines += ["                  with what changed."]
    lines += [
        "files/            the stored files: documents uploaded to a case, and the PDFs the portal made of",
        "                  plans and letters, in files/<model>/<record id>/.",
        "",
    ]
    if handled:
        lines += [
            f"{HANDLED}",
            "                  records this person created or handled for someone else (for example cases",
            "                  they worked on or documents they uploaded): which record, their part in it and",
            "                  when. Not the content or files: those records are about other people.",
            "",
        ]
    if councils is not None:
        lines += ["Only records held for the exporting administrator's council"
                  f" ({', '.join(sorted(str(council) for council in councils))}) are included; another",
                  "council holds its own records about this subject.", ""]
    lines += [
        "Messages: records/notifications.Notification.csv lists each email the portal sent"
        + (" to the addresses of the family linked to the child now (not to adults whose link has ended)"
           if kind == CHILD else " to this person's addresses")
        + ", with its subject line, its text where the portal keeps it, and when it was sent. Messages say "
        "that something has happened and link to the portal, without personal detail.",
        "",
    ]
    if kind == CHILD:
        lines += ["A parent's own account, and what the parent did in the portal, are in a separate export",
                  "of that person (manage.py subject_access_export --person <email>).", ""]
    else:
        lines += ["Records about a child are in a separate export of the child (manage.py",
                  "subject_access_export --child <reference>); this export holds the records about this",
                  "person (their account, family links and messages, and their own children's records while",
                  "they are linked to them) in full, and lists the records they only created or handled.", ""]
    lines += ["Rows exported, per kind of record", "---------------------------------"]
    lines += [f"{label:50} {count}" for label, count in counts.items() if count]
    lines += ["", "Kinds of record searched and not found: "
              + (", ".join(label for label, count in counts.items() if not count) or "none"), ""]
    lines += ["Left out on purpose", "-------------------"]
    lines += [f"{label}: {reason}" for label, reason in EXCLUDED.items()]
    lines += ["Columns left out: " + "; ".join(f"{holding.label} {', '.join(holding.omit)}"
                                                 for holding in HOLDINGS if holding.omit)
              + " (passwords, keys and secrets, which say nothing about anyone).",
              "Panel meeting minutes (PDF) are left out: they cover every child discussed at the meeting. The",
              "rows in records/panels.AgendaItem.csv hold the question, recommendation and decision about",
              "this subject.", ""]
    if held_back:
        lines += ["Files held back pending a virus check",
                  "-------------------------------------",
                  "These documents failed their virus check or could not be checked, so they are not in",
                  "this file. Ask for them again once they have been checked.", *held_back, ""]
    if missing_files:
        lines += ["Files the records name but storage no longer holds",
                  "--------------------------------------------------", *missing_files, ""]
    return "\n".join(textwrap.fill(line, 100) if len(line) > 100 else line for line in lines)



def record_denial(*, user, model, purpose: str = "view") -> LogEntry:
    """Write an access entry for a refused lookup of a protected record (ASVS 16.3.2: failed authorisation).

    It says who asked, for which kind of record, why and when, and nothing else: no id and no text from the
    record, because "missing" and "not yours" must stay indistinguishable and the log must hold no personal
    content. `model` is the model class that was asked for.
    """
    from django.contrib.contenttypes.models import ContentType

    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="",
        object_repr="",
        action=LogEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        additional_data={"purpose": purpose, "refused": True},
    )
