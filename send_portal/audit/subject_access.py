"""Subject access (UK GDPR Art 15): what the portal holds about a child or a person, and how to find it.

`HOLDINGS` names every model that holds rows about a child (people.Child) or an account (the user model), with
the lookups from a row to its subject. `EXCLUDED` names the models deliberately left out, each with the reason.
tests/unit/test_subject_access.py fails when a model linked to a child or an account is in neither, so a new
model cannot quietly drop out of subject access exports.

Models are named by label, not imported, so the audit app still depends on no other part of the portal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

CHILD = "child"
PERSON = "person"

# A finder for rows that plain lookups cannot reach (a generic relation, an email address): it is given the
# subject and the rows already found ({model label: [pk, ...]}) and returns a queryset.
Finder = Callable[[object, dict], QuerySet]


@dataclass(frozen=True)
class Holding:
    label: str
    child: tuple[str, ...] | Finder = ()  # lookups from a row to the child ("pk": the row is the child)
    person: tuple[str, ...] | Finder = ()  # lookups from a row to the account: every row that names the person
    files: tuple[str, ...] = ()  # file fields whose stored files go into the export
    omit: tuple[str, ...] = ()  # columns never exported: secrets that say nothing about anyone
    # Which of the rows naming a person are ABOUT them (their account, their family links, their own messages):
    # person lookups, a finder, or True for every row. Rows about a child the person is linked to as family
    # (a link in force) count as theirs too. Every other row only records that they created or handled it
    # (a caseworker's cases, a SENCO's requests, documents they uploaded) and is exported as a reference alone.
    own: tuple[str, ...] | Finder | bool = ()
    # Lookups from a row to the council it is held for, to limit an administrator's export to their own
    # councils. None: the child's home council, through the child lookups. (): not held for a council (the
    # person's own account, messages sent to them, the logs, which follow the rows already found, and
    # partnership-wide work such as the provider framework and the Local Offer, exported as references only).
    council: tuple[str, ...] | None = None

    @property
    def model(self):
        return apps.get_model(self.label)

    def council_match(self, councils) -> Q | None:
        """Rows held for one of `councils`; None when the holding is not held for a council."""
        lookups = self.council
        if lookups is None:
            lookups = tuple("home_local_authority" if lookup == "pk" else f"{lookup}__home_local_authority"
                            for lookup in (self.child if isinstance(self.child, tuple) else ()))
        match = Q(pk__in=[])
        for lookup in lookups:
            match |= Q(**{f"{lookup}__in": councils})
        return match if lookups else None

    def own_rows(self, user, rows: QuerySet, found: dict) -> QuerySet:
        """Those of `rows` (rows naming `user`) that are about the person themself."""
        if self.own is True:
            return rows
        if callable(self.own):
            return rows.filter(pk__in=self.own(user, found).values("pk"))
        match = Q(pk__in=[])
        for lookup in self.own:
            match |= Q(**{lookup: user.pk})
        if isinstance(self.child, tuple) and self.child:
            # Their own children's records, while they are linked as family: a parent's request, the plan.
            children = apps.get_model("people.FamilyLink").objects.filter(
                user=user, ended_at__isnull=True).values("child_id")
            for lookup in self.child:
                match |= Q(**{"pk__in" if lookup == "pk" else f"{lookup}__in": children})
        return rows.filter(match)

    def roles(self, user, rows: QuerySet) -> dict:
        """{row pk: [lookup, ...]}: which of the person lookups name `user` in each row."""
        found: dict = {}
        if callable(self.person):
            return found
        for lookup in self.person:
            for pk in rows.filter(**{lookup: user.pk}).values_list("pk", flat=True):
                found.setdefault(pk, []).append(lookup)
        return found

    def rows(self, kind: str, subject, found: dict) -> QuerySet:
        spec = self.child if kind == CHILD else self.person
        model = self.model
        if callable(spec):
            return spec(subject, found)
        if not spec:
            return model.objects.none()
        match = Q()
        for lookup in spec:
            match |= Q(**{lookup: subject.pk})
        # A subquery rather than distinct(): a row reached by two lookups is exported once, and JSON columns
        # need no equality operator.
        return model.objects.filter(pk__in=model.objects.filter(match).values("pk")).order_by("pk")


def _ids(found: dict, label: str) -> list:
    return found.get(label, [])


def _agenda_items_about_child(child, found):
    """Panel agenda items whose record (a generic relation) is one of the child's cases or panel referrals."""
    match = Q(pk__in=[])
    for label in ("ehc.EHCCase", "alt_provision.PanelReferral"):
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        match |= Q(content_type=content_type, object_id__in=_ids(found, label))
    return apps.get_model("panels.AgendaItem").objects.filter(match).order_by("pk")


def _about_agenda_items(label):
    def finder(child, found):
        return apps.get_model(label).objects.filter(item_id__in=_ids(found, "panels.AgendaItem")).order_by("pk")
    return finder


def _meetings_about_child(child, found):
    AgendaItem = apps.get_model("panels.AgendaItem")
    meeting_ids = AgendaItem.objects.filter(pk__in=_ids(found, "panels.AgendaItem")).values("meeting_id")
    return apps.get_model("panels.Meeting").objects.filter(pk__in=meeting_ids).order_by("pk")


def _family_addresses(child) -> set[str]:
    """The addresses of everyone linked to the child now (parents, carers, the young person's own account) and
    the young person's own address.

    Links that have ended are left out. Messages are stored by address with their full text, not against a
    record, so nothing says which of the messages sent to a former carer were about this child: after the link
    ended that address receives messages about the adult's own affairs or other children. A former carer's
    messages are theirs, in an export of that person."""
    FamilyLink = apps.get_model("people.FamilyLink")
    addresses = {email.lower() for email in FamilyLink.objects.filter(
        child=child, ended_at__isnull=True).values_list("user__email", flat=True)}
    if child.own_email:
        addresses.add(child.own_email.lower())
    return addresses


def _person_addresses(user) -> set[str]:
    EmailAddress = apps.get_model("account.EmailAddress")
    addresses = {user.email.lower()}
    addresses |= {email.lower() for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return addresses


def _messages_to(addresses: set[str]):
    match = Q(pk__in=[])
    for address in addresses:
        match |= Q(recipient_email__iexact=address)
    return apps.get_model("notifications.Notification").objects.filter(match).order_by("created_at", "pk")


def _about_rows(found: dict) -> Q:
    """Log entries about any row already found, as (content type, object id) pairs."""
    match = Q(pk__in=[])
    for label, pks in found.items():
        if pks:
            content_type = ContentType.objects.get_for_model(apps.get_model(label))
            match |= Q(content_type=content_type, object_pk__in=[str(pk) for pk in pks])
    return match


def access_log_about(subject, found):
    """Every change and view recorded against the subject's records."""
    return apps.get_model("auditlog.LogEntry").objects.filter(_about_rows(found)).order_by("timestamp", "pk")


def access_log_for_person(user, found):
    """Every change and view of the person's own records, and everything the person opened or changed."""
    return apps.get_model("auditlog.LogEntry").objects.filter(
        _about_rows(found) | Q(actor=user)).order_by("timestamp", "pk")


def _admin_log_about(subject, found):
    match = Q(pk__in=[])
    for label, pks in found.items():
        if pks:
            content_type = ContentType.objects.get_for_model(apps.get_model(label))
            match |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    return apps.get_model("admin.LogEntry").objects.filter(match).order_by("action_time", "pk")


# The order matters only for finders that use rows found earlier: the panel models come after cases and
# referrals, and the two logs come last.
HOLDINGS: tuple[Holding, ...] = (
    # Accounts and sign-in
    Holding("accounts.User", person=("pk",), omit=("password",), own=True, council=()),
    Holding("account.EmailAddress", person=("user",), own=True, council=()),
    # mfa data: the TOTP secret and recovery codes
    Holding("mfa.Authenticator", person=("user",), omit=("data",), own=True, council=()),
    Holding("usersessions.UserSession", person=("user",), omit=("session_key", "data"), own=True,
            council=()),
    Holding("guardian.UserObjectPermission", person=("user",), own=True, council=()),
    Holding("organisations.Membership", person=("user", "created_by"), own=("user",),
            council=("organisation", "organisation__parent")),
    # The child's record
    Holding("people.Child", child=("pk",), person=("created_by",)),
    Holding("people.FamilyLink", child=("child",), person=("user", "created_by"), own=("user",)),
    Holding("people.CapacityDecision", child=("child",), person=("representative", "recorded_by")),
    Holding("people.ChildUserObjectPermission", child=("content_object",), person=("user",), own=("user",)),
    Holding("people.ChildGroupObjectPermission", child=("content_object",)),
    Holding("invitations.Invitation", child=("child",), person=("created_by", "accepted_by"), omit=("token_hash",),
            own=("accepted_by",), council=("child__home_local_authority", "organisation", "organisation__parent")),
    Holding("retention.LegalHold", child=("child", "case__child"), person=("placed_by", "released_by")),
    # EHC needs assessments and plans
    Holding("ehc.EHCCase", child=("child",),
            person=("requested_by", "caseworker", "decision_to_assess_by", "decision_to_issue_by")),
    Holding("ehc.CaseEvent", child=("case__child",), person=("actor",)),
    Holding("ehc.StatutoryNotice", child=("case__child",), person=("recorded_by",)),
    Holding("ehc.TimeLimitException", child=("case__child",), person=("recorded_by",)),
    Holding("ehc.EHCCaseUserObjectPermission", child=("content_object__child",), person=("user",), own=("user",)),
    Holding("ehc.EHCCaseGroupObjectPermission", child=("content_object__child",)),
    Holding("ehc.AdviceRequest", child=("case__child",), person=("written_by", "requested_by")),
    Holding("ehc.AdviceRequestUserObjectPermission", child=("content_object__case__child",), person=("user",),
            own=("user",)),
    Holding("ehc.AdviceRequestGroupObjectPermission", child=("content_object__case__child",)),
    Holding("ehc.PlanVersion", child=("case__child",), person=("created_by",), files=("pdf",)),
    Holding("ehc.PlanNeed", child=("version__case__child",), person=("version__created_by",)),
    Holding("ehc.PlanOutcome", child=("version__case__child",), person=("version__created_by",)),
    Holding("ehc.PlanProvision", child=("version__case__child",), person=("version__created_by",)),
    Holding("ehc.DraftResponse", child=("version__case__child",), person=("author",)),
    Holding("ehc.DraftComment", child=("response__version__case__child",), person=("response__author",)),
    Holding("ehc.Consultation", child=("case__child",), person=("answered_by", "sent_by")),
    Holding("ehc.ConsultationUserObjectPermission", child=("content_object__case__child",), person=("user",),
            own=("user",)),
    Holding("ehc.ConsultationGroupObjectPermission", child=("content_object__case__child",)),
    Holding("ehc.Disagreement", child=("case__child",), person=("recorded_by",)),
    Holding("ehc.Document", child=("case__child",), person=("uploaded_by",), files=("file",)),
    Holding("ehc.AnnualReview", child=("case__child",), person=("arranged_by", "report_submitted_by", "decided_by")),
    Holding("ehc.AnnualReviewUserObjectPermission", child=("content_object__case__child",), person=("user",),
            own=("user",)),
    Holding("ehc.AnnualReviewGroupObjectPermission", child=("content_object__case__child",)),
    Holding("ehc.ReviewContribution", child=("review__case__child",), person=("submitted_by",)),
    Holding("ehc.ReviewContributionUserObjectPermission", child=("content_object__review__case__child",),
            person=("user",), own=("user",)),
    Holding("ehc.ReviewContributionGroupObjectPermission", child=("content_object__review__case__child",)),
    Holding("ehc.ReviewOutcomeProgress", child=("review__case__child",),
            person=("review__arranged_by", "review__report_submitted_by", "review__decided_by")),
    Holding("ehc.ReviewRecommendation", child=("review__case__child",),
            person=("review__arranged_by", "review__report_submitted_by", "review__decided_by")),
    Holding("ehc.CeasingProposal", child=("case__child",), person=("proposed_by", "decided_by")),
    Holding("ehc.PersonalBudgetRequest", child=("case__child",), person=("requested_by", "decided_by")),
    Holding("ehc.PlanTransfer", child=("case__child", "received_case__child"), person=("recorded_by",)),
    Holding("ehc.ReassessmentRequest", child=("case__child",), person=("requested_by", "decided_by")),
    Holding("ehc.Letter", child=("case__child",), person=("issued_by",), files=("pdf",)),
    # Alternative provision
    Holding("alt_provision.Exclusion", child=("child",), person=("recorded_by",)),
    Holding("alt_provision.HealthAbsence", child=("child",), person=("recorded_by",)),
    Holding("alt_provision.HealthNeedsReferral", child=("child",), person=("acknowledged_by",)),
    Holding("alt_provision.PlacementRequirement", child=("child",), person=("created_by",)),
    Holding("alt_provision.CallOffInvitation", child=("requirement__child",), person=("requirement__created_by",)),
    Holding("alt_provision.Offer", child=("requirement__child",), person=("submitted_by",)),
    Holding("alt_provision.Placement", child=("child",), person=("created_by",)),
    Holding("alt_provision.AttendanceMark", child=("placement__child",), person=("recorded_by",)),
    Holding("alt_provision.PlacementReview", child=("placement__child",), person=("recorded_by",)),
    Holding("alt_provision.PanelReferral", child=("child",), person=("referred_by",)),
    # Staff work that names the person but no child: providers' applications and evidence, Local Offer
    # moderation, the improvement plan
    Holding("alt_provision.ProviderApplication", person=("submitted_by", "decided_by"), council=()),
    Holding("alt_provision.ApplicationCheck", person=("checked_by",), council=()),
    Holding("alt_provision.Evidence", person=("uploaded_by",), files=("document",), council=()),
    Holding("alt_provision.QualityVisit", person=("visited_by",), council=()),
    Holding("alt_provision.ProviderStatusChange", person=("changed_by",), council=()),
    Holding("local_offer.AutoApprovalRule", person=("created_by",), council=()),
    Holding("local_offer.ServiceProposal", person=("proposed_by", "decided_by"), council=()),
    Holding("local_offer.Feedback", person=("triaged_by",), council=()),
    Holding("local_offer.InformationPage", person=("updated_by",), council=()),
    Holding("dashboards.Priority", person=("owner",), council=("plan__council",)),
    Holding("dashboards.PlanAction", person=("owner",), council=("priority__plan__council",)),
    Holding("dashboards.KPI", person=("owner",), council=("priority__plan__council",)),
    Holding("dashboards.KPIReading", person=("recorded_by",), council=("kpi__priority__plan__council",)),
    Holding("dashboards.ExceptionReport", person=("submitted_by",), council=("kpi__priority__plan__council",)),
    # The board pack PDF holds council-wide figures, nothing about the person who asked for it.
    Holding("dashboards.BoardPack", person=("requested_by",), council=("plan__council",)),
    # Panels: items about the child's cases and referrals (a generic relation), and the meetings that heard them.
    # The minutes PDF covers every item in a meeting, so other children's, and is left out: the item rows carry
    # the child's own question, recommendation and decision.
    Holding("panels.PanelMember", person=("user",), own=("user",), council=("panel__local_authority",)),
    Holding("panels.AgendaItem", child=_agenda_items_about_child, person=("recorded_by", "added_by"),
            council=("meeting__panel__local_authority",)),
    Holding("panels.ConflictDeclaration", child=_about_agenda_items("panels.ConflictDeclaration"),
            person=("member__user",), own=("member__user",), council=("item__meeting__panel__local_authority",)),
    Holding("panels.Action", child=_about_agenda_items("panels.Action"), person=("owner", "created_by"),
            council=("item__meeting__panel__local_authority",)),
    Holding("panels.Meeting", child=_meetings_about_child, person=("present__user",),
            council=("panel__local_authority",)),
    Holding("panels.MeetingUserObjectPermission", person=("user",), own=("user",),
            council=("content_object__panel__local_authority",)),
    # Messages: stored by address, not linked to a record. A child's are those sent to the family's addresses,
    # so they may also mention a brother's or sister's case by reference (messages carry a reference and a link,
    # never the detail).
    Holding("notifications.Notification", child=lambda child, found: _messages_to(_family_addresses(child)),
            person=lambda user, found: _messages_to(_person_addresses(user)), own=True, council=()),
    # The logs come last: they are about the rows found above.
    Holding("admin.LogEntry", child=_admin_log_about,
            person=lambda user, found: _admin_log_about(user, found) | apps.get_model("admin.LogEntry").objects
            .filter(user=user), own=_admin_log_about, council=()),
    Holding("auditlog.LogEntry", child=access_log_about, person=access_log_for_person, own=True, council=()),
)

EXCLUDED: dict[str, str] = {
    "account.EmailConfirmation": (
        "Short-lived confirmation keys sent to prove an email address: secrets, not information about anyone. "
        "The addresses themselves, and whether each is verified, are in account.EmailAddress."),
    "sessions.Session": (
        "A signed-in session holds only an encoded account id and short-lived security state. "
        "usersessions.UserSession lists each session's device, network address and times."),
}

ACCESS_LOG = "auditlog.LogEntry"


def holding_for(label: str) -> Holding | None:
    return next((holding for holding in HOLDINGS if holding.label == label), None)
