"""State changes for the approved provider list: applying, evidence, evaluation, status changes, quality visits and
the daily evidence check.

Every change of a provider's status goes through `_change_status`, which writes the history row and keeps the
Local Offer's approved-provider badge in step, so no caller can forget either.
"""

import datetime as dt
import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from ehc.uploads import inspect_upload, scan_or_refuse
from send_portal.notifications.services import notification_queue
from send_portal.organisations.models import Membership, Role

from ..models import (
    ApplicationCheck,
    ApprovedProvider,
    Criterion,
    Evidence,
    EvidenceKind,
    ProviderApplication,
    ProviderStatusChange,
    QualityVisit,
)
from ..selectors.providers import (
    EVALUATION_WORKING_DAYS,
    QA_CHECKLIST,
    application_ready,
    current_evidence,
    lapsed_kinds,
    open_application,
    working_days_after,
)

__all__ = [
    "provider_start", "provider_details_save", "provider_registration_save", "application_lots_save",
    "evidence_add", "application_submit", "application_checks_save", "application_decide", "provider_suspend",
    "provider_lift_suspension", "provider_remove", "visit_record", "evidence_check",
]

logger = logging.getLogger("portal.alt_provision")

Status = ApprovedProvider.Status
URN_PATTERN = re.compile(r"^\d{6,7}$")
REMINDER_STAGES = (7, 30)


def _link(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _commissioning_email() -> str:
    return getattr(settings, "AP_COMMISSIONING_EMAIL", "") or ""


def _provider_recipients(provider) -> list[str]:
    """The provider's active members and its named contact, once each."""
    emails = list(Membership.objects.filter(organisation=provider.organisation, role=Role.PROVIDER,
                                            ended_at__isnull=True, user__is_active=True)
                  .order_by("pk").values_list("user__email", flat=True))
    if provider.contact_email:
        emails.append(provider.contact_email)
    seen, unique = set(), []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def _tell_provider(provider, *, template: str, key: str, context: dict):
    context = {"provider": provider, "link": _link("ap_provider_application", provider.pk), **context}
    for email in _provider_recipients(provider):
        notification_queue(template=template, to=email, context=context, idempotency_key=f"{key}:{email.lower()}")


def _tell_commissioners(*, template: str, key: str, context: dict):
    email = _commissioning_email()
    if email:
        notification_queue(template=template, to=email, context=context, idempotency_key=key)


def _set_badge(provider, approved: bool):
    # Imported here: the Local Offer is another product app, and only this one call crosses to it.
    from local_offer.services import directory_organisation_for

    directory = directory_organisation_for(provider.organisation)
    if directory.is_approved_provider != approved:
        directory.is_approved_provider = approved
        directory.save(update_fields=["is_approved_provider"])


def _change_status(provider, to_status, *, reason: str, user=None, lapsed: bool = False,
                   force_history: bool = False) -> ProviderStatusChange | None:
    from_status = provider.status
    if from_status == to_status and not force_history and provider.suspended_for_lapsed_evidence == lapsed:
        return None
    provider.status = to_status
    provider.suspended_for_lapsed_evidence = lapsed and to_status == Status.SUSPENDED
    provider.save(update_fields=["status", "suspended_for_lapsed_evidence"])
    change = ProviderStatusChange.objects.create(provider=provider, from_status=from_status, to_status=to_status,
                                                 reason=reason, changed_by=user)
    if (from_status == Status.ADMITTED) != (to_status == Status.ADMITTED):
        _set_badge(provider, to_status == Status.ADMITTED)
    return change


def _locked(provider) -> ApprovedProvider:
    return ApprovedProvider.objects.select_for_update().select_related("organisation").get(pk=provider.pk)


@transaction.atomic
def provider_start(*, organisation, user) -> ApprovedProvider:
    """The provider's record on the list, made the first time anyone from the organisation starts applying."""
    if organisation.kind != "provider":
        raise ValidationError("Only provider organisations can apply to the approved provider list.")
    provider, created = ApprovedProvider.objects.get_or_create(
        organisation=organisation,
        defaults={"contact_email": organisation.email or "", "contact_phone": organisation.phone or "",
                  "contact_name": user.get_full_name() if hasattr(user, "get_full_name") else ""})
    if created:
        ProviderStatusChange.objects.create(provider=provider, from_status="", to_status=Status.APPLYING,
                                            reason="Started an application to join the approved provider list.",
                                            changed_by=user)
    return provider


@transaction.atomic
def provider_details_save(*, provider, contact_name: str, contact_email: str, contact_phone: str) -> ApprovedProvider:
    provider = _locked(provider)
    if not (contact_name.strip() and contact_email.strip() and contact_phone.strip()):
        raise ValidationError("Enter a contact name, email address and phone number.")
    provider.contact_name, provider.contact_email, provider.contact_phone = (
        contact_name.strip(), contact_email.strip(), contact_phone.strip())
    provider.save(update_fields=["contact_name", "contact_email", "contact_phone"])
    return provider


def _registration_words(registration: str, urn: str) -> str:
    if not registration:
        return "not given"
    words = ApprovedProvider.Registration(registration).label
    return f"{words}, URN {urn}" if urn else words


def _has_been_admitted(provider) -> bool:
    return provider.status in (Status.ADMITTED, Status.SUSPENDED, Status.REMOVED) \
        or provider.history.filter(to_status=Status.ADMITTED).exists()


@transaction.atomic
def provider_registration_save(*, provider, registration: str, urn: str = "", user=None) -> ApprovedProvider:
    """Save whether the provider is a registered school. Once it has been admitted to the list, every change is
    written to its history (who, when, from what to what), because commissioners rely on it for lots for registered
    schools only and for the registration threshold."""
    provider = _locked(provider)
    if registration not in ApprovedProvider.Registration.values:
        raise ValidationError("Select whether your organisation is a registered school.")
    urn = (urn or "").strip()
    if registration == ApprovedProvider.Registration.REGISTERED_SCHOOL:
        if not URN_PATTERN.match(urn):
            raise ValidationError({"urn": "Enter a unique reference number (URN) of 6 or 7 digits, like 123456."})
    else:
        urn = ""
    if (provider.registration, provider.urn) == (registration, urn):
        return provider
    admitted = _has_been_admitted(provider)
    if admitted and registration == ApprovedProvider.Registration.UNREGISTERED:
        schools_only = [lot.name for lot in provider.lots.filter(registered_schools_only=True)]
        if schools_only:
            raise ValidationError(f"Your organisation is on lots for registered schools only "
                                  f"({', '.join(schools_only)}), so this change cannot be made here. Contact the "
                                  "council's commissioning team.")
    before = _registration_words(provider.registration, provider.urn)
    provider.registration, provider.urn = registration, urn
    provider.save(update_fields=["registration", "urn"])
    if admitted:
        ProviderStatusChange.objects.create(
            provider=provider, from_status=provider.status, to_status=provider.status, changed_by=user,
            reason=f"Registration status changed from {before} to {_registration_words(registration, urn)}.")
    return provider


def _check_lots_allowed(provider, lots):
    closed = [lot.name for lot in lots if not lot.is_open]
    if closed:
        raise ValidationError({"lots": f"{', '.join(closed)} is not open to applications."})
    if provider.registration == ApprovedProvider.Registration.UNREGISTERED:
        schools_only = [lot.name for lot in lots if lot.registered_schools_only]
        if schools_only:
            raise ValidationError({"lots": f"Only registered schools can join {', '.join(schools_only)}. Your "
                                           "organisation is not registered as a school, so choose other lots."})


@transaction.atomic
def application_lots_save(*, provider, lots, user) -> ProviderApplication:
    """Choose the lots on the draft application, starting the draft if there is none."""
    provider = _locked(provider)
    lots = list(lots)
    if not lots:
        raise ValidationError({"lots": "Select at least one lot to apply for."})
    _check_lots_allowed(provider, lots)
    application = open_application(provider)
    if application is not None and application.status == ProviderApplication.Status.SUBMITTED:
        raise ValidationError("Your application is waiting for a decision, so its lots cannot be changed.")
    if application is None:
        application = ProviderApplication.objects.create(provider=provider)
    application.lots.set(lots)
    return application


def _lift_if_renewed(provider, *, today: dt.date, user=None) -> bool:
    if provider.suspended_for_lapsed_evidence and not lapsed_kinds(provider, today):
        change = _change_status(provider, Status.ADMITTED, user=user,
                                reason="Suspension lifted automatically: the expired evidence has been renewed.")
        _tell_provider(provider, template="ap_provider_status_changed", key=f"ap-status:{change.pk}",
                       context={"status": provider.get_status_display(), "reason": "Your evidence has been renewed."})
        return True
    return False


@transaction.atomic
def evidence_add(*, provider, kind: str, summary: str, valid_from: dt.date, expires_on: dt.date, user,
                 upload=None, today: dt.date | None = None) -> Evidence:
    """Add evidence of one kind. Any earlier evidence of that kind is kept and marked as replaced."""
    today = today or timezone.localdate()
    provider = _locked(provider)
    if kind not in EvidenceKind.values:
        raise ValidationError("Choose a kind of evidence.")
    if not summary.strip():
        raise ValidationError({"summary": "Enter a summary of the evidence."})
    if expires_on <= valid_from:
        raise ValidationError({"expires_on": "The expiry date must be after the date it is valid from."})
    evidence = Evidence(provider=provider, kind=kind, summary=summary.strip(), valid_from=valid_from,
                        expires_on=expires_on, uploaded_by=user)
    if upload is not None:
        upload.seek(0)
        try:
            content_type, extension, data = inspect_upload(upload)
            # No held-back state for evidence: a file not known to be clean is refused and nothing is stored.
            scan_or_refuse(data)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from None
        stem = re.sub(r"[^A-Za-z0-9 ._-]", "", (upload.name or "").rsplit(".", 1)[0])[:150].strip() or "evidence"
        evidence.document_name = f"{stem}.{extension}"
        evidence.document_type = content_type
        evidence.document.save("evidence", ContentFile(data), save=False)
    evidence.save()
    previous = provider.evidence.filter(kind=kind, superseded_by__isnull=True).exclude(pk=evidence.pk)
    for old in previous:
        old.superseded_by = evidence
        old.save(update_fields=["superseded_by"])
    _lift_if_renewed(provider, today=today, user=None)
    return evidence


@transaction.atomic
def application_submit(*, provider, user, today: dt.date | None = None) -> ProviderApplication:
    today = today or timezone.localdate()
    provider = _locked(provider)
    application = open_application(provider)
    if application is not None and application.status == ProviderApplication.Status.SUBMITTED:
        raise ValidationError("Your application has already been sent and is waiting for a decision.")
    problems = application_ready(provider, application, today)
    if problems:
        raise ValidationError(problems)
    application.status = ProviderApplication.Status.SUBMITTED
    application.submitted_by = user
    application.submitted_on = today
    application.decision_due_on = working_days_after(today, EVALUATION_WORKING_DAYS)
    application.save(update_fields=["status", "submitted_by", "submitted_on", "decision_due_on"])
    if provider.status in (Status.REFUSED, Status.REMOVED):
        _change_status(provider, Status.APPLYING, user=user, reason="Applied again to join the approved provider list.")
    _tell_commissioners(template="ap_provider_application_received", key=f"ap-application-received:{application.pk}",
                        context={"provider": provider, "application": application, "lots": list(application.lots.all()),
                                 "link": _link("ap_provider_detail", provider.pk)})
    return application


def _locked_submitted(application) -> ProviderApplication:
    application = ProviderApplication.objects.select_for_update().select_related("provider__organisation") \
        .get(pk=application.pk)
    if application.status != ProviderApplication.Status.SUBMITTED:
        raise ValidationError("This application is not waiting for a decision.")
    return application


@transaction.atomic
def application_checks_save(*, application, user, results: dict) -> list[ApplicationCheck]:
    """Record each criterion as met or not met. `results` maps a criterion to (met, note)."""
    application = _locked_submitted(application)
    errors = {}
    for criterion in Criterion.values:
        if criterion not in results:
            errors[criterion] = "Select whether this criterion is met."
        elif not results[criterion][0] and not (results[criterion][1] or "").strip():
            errors[f"{criterion}_note"] = "Explain why this criterion is not met."
    if errors:
        raise ValidationError(errors)
    checks = []
    for criterion in Criterion.values:
        met, note = results[criterion]
        check, _ = ApplicationCheck.objects.update_or_create(
            application=application, criterion=criterion,
            defaults={"met": bool(met), "note": (note or "").strip(), "checked_by": user})
        checks.append(check)
    return checks


@transaction.atomic
def application_decide(*, application, user, admit: bool, reasons: str = "", lots=(),
                       today: dt.date | None = None) -> ProviderApplication:
    today = today or timezone.localdate()
    application = _locked_submitted(application)
    provider = _locked(application.provider)
    reasons = (reasons or "").strip()
    if admit:
        lots = list(lots)
        applied = set(application.lots.values_list("pk", flat=True))
        if not lots:
            raise ValidationError({"lots": "Select the lots to admit the provider to."})
        if any(lot.pk not in applied for lot in lots):
            raise ValidationError({"lots": "A provider can only be admitted to lots it applied for."})
        met = set(application.checks.filter(met=True).values_list("criterion", flat=True))
        if met != set(Criterion.values):
            raise ValidationError("Record every criterion as met before admitting the provider. If any is not "
                                  "met, refuse the application with reasons.")
        reasons = reasons or "The application meets every criterion for the lots chosen."
        application.status = ProviderApplication.Status.ADMITTED
    else:
        if not reasons:
            raise ValidationError({"reasons": "Enter the reasons for refusing the application."})
        application.status = ProviderApplication.Status.REFUSED
    application.decided_by, application.decided_on, application.decision_reasons = user, today, reasons
    application.save(update_fields=["status", "decided_by", "decided_on", "decision_reasons"])
    if admit:
        provider.lots.add(*lots)
        if provider.status in (Status.APPLYING, Status.REFUSED, Status.REMOVED):
            _change_status(provider, Status.ADMITTED, user=user,
                           reason=f"Admitted to {', '.join(lot.name for lot in lots)}.")
    elif provider.status == Status.APPLYING:
        _change_status(provider, Status.REFUSED, user=user, reason=reasons)
    _tell_provider(provider, template="ap_provider_decision", key=f"ap-application-decided:{application.pk}",
                   context={"application": application, "admitted": admit, "reasons": reasons,
                            "lots": lots if admit else []})
    return application


def _officer_change(provider, to_status, *, user, reason: str, today: dt.date):
    change = _change_status(provider, to_status, user=user, reason=reason, force_history=True)
    _tell_provider(provider, template="ap_provider_status_changed", key=f"ap-status:{change.pk}",
                   context={"status": provider.get_status_display(), "reason": reason})
    return provider


@transaction.atomic
def provider_suspend(*, provider, user, reason: str, today: dt.date | None = None) -> ApprovedProvider:
    """An officer's suspension. It replaces an automatic one, so renewing evidence will not lift it."""
    provider = _locked(provider)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for suspending the provider."})
    if not (provider.status == Status.ADMITTED or provider.suspended_for_lapsed_evidence):
        raise ValidationError("Only an approved provider can be suspended.")
    return _officer_change(provider, Status.SUSPENDED, user=user, reason=reason, today=today)


@transaction.atomic
def provider_lift_suspension(*, provider, user, reason: str = "", today: dt.date | None = None) -> ApprovedProvider:
    today = today or timezone.localdate()
    provider = _locked(provider)
    if provider.status != Status.SUSPENDED:
        raise ValidationError("This provider is not suspended.")
    lapsed = lapsed_kinds(provider, today)
    if lapsed:
        raise ValidationError("The suspension cannot be lifted while evidence has expired: "
                              f"{', '.join(EvidenceKind(kind).label for kind in lapsed)}. The provider must renew it.")
    reason = (reason or "").strip() or "Suspension lifted by a commissioning officer."
    return _officer_change(provider, Status.ADMITTED, user=user, reason=reason, today=today)


@transaction.atomic
def provider_remove(*, provider, user, reason: str, today: dt.date | None = None) -> ApprovedProvider:
    provider = _locked(provider)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for removing the provider."})
    if provider.status not in (Status.ADMITTED, Status.SUSPENDED):
        raise ValidationError("Only an approved or suspended provider can be removed from the list.")
    return _officer_change(provider, Status.REMOVED, user=user, reason=reason, today=today)


@transaction.atomic
def visit_record(*, provider, user, visited_on: dt.date, checklist: dict, findings: str, actions: str,
                 outcome: str) -> QualityVisit:
    codes = {code for code, _ in QA_CHECKLIST}
    if set(checklist) - codes:
        raise ValidationError("The checklist has an item this portal does not know.")
    if not (findings or "").strip():
        raise ValidationError({"findings": "Enter what the visit found."})
    if outcome not in QualityVisit.Outcome.values:
        raise ValidationError({"outcome": "Select the outcome of the visit."})
    if outcome == QualityVisit.Outcome.ACTIONS and not (actions or "").strip():
        raise ValidationError({"actions": "Enter the actions the provider must take."})
    return QualityVisit.objects.create(
        provider=provider, visited_on=visited_on, visited_by=user, findings=findings.strip(),
        actions=(actions or "").strip(), outcome=outcome,
        checklist={code: bool(checklist.get(code)) for code, _ in QA_CHECKLIST})


def evidence_check(today: dt.date | None = None) -> dict:
    """The daily evidence check: reminders 30 and 7 days before expiry, an automatic suspension when evidence has
    lapsed, and lifting it once renewed. Running it again the same day (or any later day) repeats nothing."""
    today = today or timezone.localdate()
    counts = {"reminders": 0, "suspended": 0, "lifted": 0}
    active = [Status.APPLYING, Status.ADMITTED, Status.SUSPENDED]
    for pk in ApprovedProvider.objects.filter(status__in=active).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                provider = ApprovedProvider.objects.select_for_update().select_related("organisation").get(pk=pk)
                counts["reminders"] += _remind(provider, today)
                lapsed = lapsed_kinds(provider, today)
                if lapsed and provider.status == Status.ADMITTED:
                    _suspend_for_lapse(provider, lapsed, today)
                    counts["suspended"] += 1
                elif _lift_if_renewed(provider, today=today):
                    counts["lifted"] += 1
        except DatabaseError:
            # One provider's bad data must not stop every provider after it being checked; it is retried tomorrow.
            logger.exception("evidence check failed for provider %s", pk)
    logger.info("evidence check %s: %s", today, counts)
    return counts


def _remind(provider, today: dt.date) -> int:
    sent = 0
    for evidence in current_evidence(provider).values():
        days_left = (evidence.expires_on - today).days
        stage = next((stage for stage in REMINDER_STAGES if 0 <= days_left <= stage), None)
        if stage is None:
            continue
        for email in _provider_recipients(provider):
            if notification_queue(
                    template="ap_evidence_expiring", to=email,
                    context={"provider": provider, "evidence": evidence, "kind": evidence.get_kind_display(),
                             "days_left": days_left, "link": _link("ap_provider_application", provider.pk)},
                    idempotency_key=f"ap-evidence-expiring:{evidence.pk}:{stage}:{email.lower()}"):
                sent += 1
    return sent


def _suspend_for_lapse(provider, lapsed: list[str], today: dt.date):
    names = [EvidenceKind(kind).label for kind in lapsed]
    reason = f"Suspended automatically because this evidence expired: {'; '.join(names)}."
    change = _change_status(provider, Status.SUSPENDED, reason=reason, lapsed=True)
    context = {"provider": provider, "names": names, "link": _link("ap_provider_detail", provider.pk)}
    _tell_commissioners(template="ap_evidence_lapsed_team", key=f"ap-evidence-lapsed-team:{change.pk}",
                        context=context)
    _tell_provider(provider, template="ap_evidence_lapsed", key=f"ap-evidence-lapsed:{change.pk}",
                   context={"names": names})

