"""The retention schedule (one rule per record type) and legal holds (UK GDPR Art 5(1)(e); security notes §1.3, C-37).

Periods differ between councils, so they are rows an administrator edits in the admin site, not constants. What
each record type means, which date starts its clock and which actions are possible are fixed in `RECORD_TYPES`,
because the job's code has to match them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError, Q
from django.utils import timezone


class RecordType(models.TextChoices):
    EHC_CASE = "ehc_case", "Finished EHC case, with its plans, documents and letters"
    CHILD = "child", "Child or young person's identity on the shared register"
    AP_REFERRAL = "ap_referral", "Alternative provision panel referral"
    LOCAL_OFFER_FEEDBACK = "local_offer_feedback", "Local Offer feedback"
    NOTIFICATION = "notification", "Record of an email sent"
    SESSION = "session", "Expired sign-in session"


class Action(models.TextChoices):
    DELETE = "delete", "Delete"
    ANONYMISE = "anonymise", "Anonymise (keep the record for counting, remove names and free text)"


@dataclass(frozen=True)
class RecordTypeInfo:
    trigger: str
    actions: tuple[str, ...]
    # For the privacy notice: what the records are, and "birth" or the event the period counts from.
    public_name: str
    counted_from: str


RECORD_TYPES = {
    RecordType.EHC_CASE: RecordTypeInfo(
        "The child's date of birth (only cases that have finished: plan ceased, replaced or transferred, or no plan "
        "made)", (Action.DELETE,),
        "Education, health and care (EHC) requests and plans that have finished, with their documents and letters",
        "birth"),
    # Other records (exclusions, placements, statistics) point at the child and must keep counting, so the
    # identity is removed rather than the row.
    RecordType.CHILD: RecordTypeInfo(
        "The child's date of birth", (Action.ANONYMISE,),
        "A child or young person's name, contact details and family links", "birth"),
    RecordType.AP_REFERRAL: RecordTypeInfo(
        "The child's date of birth (only referrals that have been decided or withdrawn)",
        (Action.ANONYMISE, Action.DELETE), "Referrals to the alternative provision panel", "birth"),
    RecordType.LOCAL_OFFER_FEEDBACK: RecordTypeInfo(
        "The date the feedback was received", (Action.ANONYMISE, Action.DELETE),
        "Comments and problem reports about the Local Offer", "we receive them"),
    RecordType.NOTIFICATION: RecordTypeInfo(
        "The date the email was queued (only emails no longer waiting to send)", (Action.ANONYMISE, Action.DELETE),
        "Records of the emails the service sends", "they are sent"),
    RecordType.SESSION: RecordTypeInfo(
        "The date the session expired", (Action.DELETE,), "Sign-in sessions", "they expire"),
}


class RetentionRule(models.Model):
    """How long one type of record is kept after its trigger date, and what happens then."""

    record_type = models.CharField(max_length=30, choices=RecordType.choices, unique=True)
    keep_years = models.PositiveSmallIntegerField(default=0)
    keep_days = models.PositiveIntegerField(default=0, help_text="Added to the years, for short periods.")
    action = models.CharField(max_length=10, choices=Action.choices)
    # Off until an administrator switches it on: the shipped periods are defaults for the council's DPO to
    # confirm, and the daily job must not delete anything on the night after the portal is installed.
    enabled = models.BooleanField(default=False, help_text="Tick once the council has confirmed this period; "
                                                           "nothing of this type is removed while it is off.")
    reason = models.TextField(help_text="Why this period: the law, guidance or local policy it follows.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["record_type"]

    def __str__(self):
        return self.get_record_type_display()

    @property
    def trigger(self) -> str:
        return RECORD_TYPES[self.record_type].trigger

    def clean(self):
        allowed = RECORD_TYPES[self.record_type].actions if self.record_type in RECORD_TYPES else ()
        if self.action and self.action not in allowed:
            names = " or ".join(Action(a).label.split(" (")[0].lower() for a in allowed)
            raise ValidationError({"action": f"This type of record can only be {names}d."})


class LegalHoldQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(released_at__isnull=True)


def protect_if_in_force(collector, field, sub_objs, using):
    """`on_delete` for a hold's case: a hold in force refuses the deletion (like PROTECT, whatever code asks); a
    lifted hold outlives the case with its key cleared, so the record that it was in place survives (its
    references are kept in text)."""
    in_force = list(sub_objs.filter(released_at__isnull=True))
    if in_force:
        raise ProtectedError(
            f"Cannot delete a {field.remote_field.model.__name__} that is under a legal hold.", in_force)
    models.SET_NULL(collector, field, sub_objs, using)


class LegalHold(models.Model):
    """Keeps a child's records, or one case, whatever the schedule says: for litigation, a tribunal, a complaint
    to the Ombudsman, a subject access request being answered, or an inquiry."""

    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="legal_holds", help_text="Hold everything about this child.")
    # A hold in force stops its child or case being deleted whatever code asks. Children are anonymised, never
    # deleted, so PROTECT always applies to them; a finished case can be deleted once its hold is lifted, and the
    # hold stays on record with the references below.
    case = models.ForeignKey("ehc.EHCCase", null=True, blank=True, on_delete=protect_if_in_force,
                             related_name="legal_holds", help_text="Hold this EHC case (and the child's identity).")
    # Filled in when the hold is saved, so the hold still says what it covered after the case is deleted.
    # References only, never names.
    case_reference = models.CharField(max_length=12, blank=True, editable=False)
    child_reference = models.CharField(max_length=12, blank=True, editable=False)
    reason = models.TextField(help_text="Why the records must be kept, for example the tribunal or claim reference.")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    released_at = models.DateTimeField(null=True, blank=True, help_text="Set when the hold is lifted; the schedule "
                                                                        "applies again from the next run.")

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.CheckConstraint(
                name="legal_hold_on_child_or_case",
                # A lifted hold on a case that has since been deleted has neither key, only the case reference.
                condition=(Q(child__isnull=False, case__isnull=True)
                           | (Q(child__isnull=True) & (Q(case__isnull=False) | ~Q(case_reference="")))),
            ),
        ]

    def __str__(self):
        if self.child_id or self.case_id:
            return f"Hold on {self.child or self.case}"
        return f"Hold on {self.case_reference} (case since deleted)"

    def save(self, *args, **kwargs):
        # Here rather than in the service, because administrators place holds through the admin site too.
        if self.case_id and not self.case_reference:
            self.case_reference = self.case.reference
        if not self.child_reference and (self.child_id or self.case_id):
            self.child_reference = (self.child or self.case.child).reference
        super().save(*args, **kwargs)

    @property
    def in_force(self) -> bool:
        return self.released_at is None


class PendingFileDeletion(models.Model):
    """A stored file whose record the retention job deleted but whose deletion from storage failed. Its record is
    gone, so nothing else would ever find it again: the next run retries it until it goes."""

    # Which field's storage the file is in ("ehc.Document" and "file"), so the retry uses the same storage.
    model = models.CharField(max_length=100)
    field = models.CharField(max_length=100)
    # Stored names are random or the case reference (see each model's upload_to), never a person's name.
    name = models.CharField(max_length=500)
    attempts = models.PositiveIntegerField(default=1)
    first_failed_at = models.DateTimeField(default=timezone.now)
    last_failed_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=100, blank=True, help_text="The kind of error only.")

    class Meta:
        ordering = ["first_failed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["model", "field", "name"], name="pending_file_deletion_once")]

    def __str__(self):
        return self.name
