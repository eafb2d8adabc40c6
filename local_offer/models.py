"""The Local Offer directory, shaped like Open Referral UK (HSDS 3.0, UK profile) with SEND extensions.

Every record that the open API publishes has a UUID primary key, because Open Referral identifiers are UUIDs
and a feed imported from another area keeps its own. The published `Service` row is the live listing;
providers' changes wait as `ServiceProposal` snapshots until a moderator (or an automatic approval rule)
applies them.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from send_portal.organisations.models import Organisation

MAX_AGE = 25


class Taxonomy(models.Model):
    """A list of terms: the family-facing categories, SEND needs, audiences, venue accessibility, or a
    vocabulary imported with another area's feed. Staff edit the lists in the admin site."""

    class Purpose(models.TextChoices):
        CATEGORIES = "categories", "Local Offer categories"
        NEEDS = "needs", "Special educational needs and disabilities"
        AUDIENCES = "audiences", "Who a service is for"
        ACCESSIBILITY = "accessibility", "Venue accessibility"
        OTHER = "other", "Other vocabulary"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"
        constraints = [
            models.UniqueConstraint(fields=["purpose"], condition=~Q(purpose="other"),
                                    name="one_taxonomy_per_local_offer_purpose"),
        ]

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.SlugField(max_length=80, help_text="Short code used in web addresses, for example 'autism'.")
    name = models.CharField(max_length=200)
    description = models.TextField()
    term_uri = models.URLField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        ordering = ["taxonomy", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_code_unique"),
        ]

    def __str__(self):
        return self.name


class ImportSource(models.Model):
    """Another area's Open Referral UK v3 feed, imported so that out-of-area provision appears here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, help_text="The area, for example 'Northshire County Council'.")
    url = models.URLField(blank=True, help_text="The feed's base address, ending before /services.")
    last_imported_at = models.DateTimeField(null=True, blank=True)
    last_result = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DirectoryOrganisation(models.Model):
    """An organisation that runs services listed in the Local Offer (Open Referral `organization`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    portal_organisation = models.OneToOneField(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="directory_organisation",
        help_text="The portal organisation whose provider members keep these listings up to date.")
    is_approved_provider = models.BooleanField(
        "On the alternative provision approved provider list", default=False,
        help_text="Set by the alternative provision system; shown as a badge on the organisation's services.")
    source = models.ForeignKey(ImportSource, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="organisations")
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], condition=Q(source__isnull=False),
                                    name="directory_organisation_unique_per_source"),
        ]

    def __str__(self):
        return self.name


class AutoApprovalRule(models.Model):
    """A trusted organisation whose changes are published without waiting for a moderator."""

    class Scope(models.TextChoices):
        EDITS = "edits", "Changes to services already published"
        EDITS_AND_NEW = "edits_and_new", "Changes and new services"

    organisation = models.OneToOneField(DirectoryOrganisation, on_delete=models.CASCADE,
                                        related_name="auto_approval")
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.EDITS)
    reason = models.TextField(help_text="Why this organisation is trusted, for the record.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.organisation}: {self.get_scope_display()}"


class Service(models.Model):
    """A published Local Offer listing (Open Referral `service`)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Running"
        INACTIVE = "inactive", "Temporarily closed"
        DEFUNCT = "defunct", "Closed"

    class Visibility(models.TextChoices):
        DRAFT = "draft", "Not yet published"
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden: not reviewed in time"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(DirectoryOrganisation, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField()
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    visibility = models.CharField(max_length=20, choices=Visibility.choices, default=Visibility.DRAFT)
    is_free = models.BooleanField(default=False)
    fees_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(MAX_AGE)])
    maximum_age = models.PositiveSmallIntegerField(default=MAX_AGE, validators=[MaxValueValidator(MAX_AGE)])
    eligibility_description = models.TextField(blank=True)
    application_process = models.TextField("How to start", blank=True)
    referral_needed = models.BooleanField(default=False)
    alert = models.CharField(max_length=300, blank=True, help_text="A short notice shown at the top of the page.")
    offers_in_person = models.BooleanField(default=True)
    offers_online = models.BooleanField(default=False)
    offers_phone = models.BooleanField(default=False)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services",
                                   help_text="Categories, needs, audiences and other classifications.")
    local_offer_answers = models.JSONField(
        default=dict, blank=True, help_text="Answers to the Local Offer questions, keyed as in local_offer.questions.")
    setting = models.OneToOneField(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="local_offer_service",
        limit_choices_to={"kind": "school"},
        help_text="For a school or college: the setting this listing describes.")
    setting_information = models.JSONField(
        default=dict, blank=True,
        help_text="For a school or college: the Schedule 2 paragraph 5 information, keyed as in local_offer.questions.")
    last_reviewed_on = models.DateField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    review_flagged_on = models.DateField(null=True, blank=True)
    hidden_on = models.DateField(null=True, blank=True)
    is_out_of_area = models.BooleanField(default=False)
    source = models.ForeignKey(ImportSource, null=True, blank=True, on_delete=models.CASCADE, related_name="services")
    external_id = models.CharField(max_length=100, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="service_search_gin"),
            GinIndex(fields=["name"], name="service_name_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["visibility", "minimum_age", "maximum_age"], name="service_visible_ages"),
            models.Index(fields=["visibility", "review_due_on"], name="service_review_due"),
        ]
        constraints = [
            models.CheckConstraint(name="service_ages_in_order", condition=Q(minimum_age__lte=models.F("maximum_age"))),
            models.CheckConstraint(name="service_ages_up_to_25", condition=Q(maximum_age__lte=MAX_AGE)),
            models.UniqueConstraint(fields=["source", "external_id"], condition=Q(source__isnull=False),
                                    name="service_unique_per_source"),
        ]

    def __str__(self):
        return self.name


class Location(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", "A place people visit"
        VIRTUAL = "virtual", "Online"
        POSTAL = "postal", "Postal address only"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(DirectoryOrganisation, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="locations")
    location_type = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    address_1 = models.CharField("Address line 1", max_length=200, blank=True)
    address_2 = models.CharField("Address line 2", max_length=200, blank=True)
    city = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True, help_text="British National Grid, metres.")
    northing = models.PositiveIntegerField(null=True, blank=True, help_text="British National Grid, metres.")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="locations",
                                           help_text="Venue accessibility features.")
    accessibility_description = models.TextField(blank=True)
    source = models.ForeignKey(ImportSource, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="locations")
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["easting", "northing"], name="location_grid")]
        constraints = [
            models.CheckConstraint(name="location_grid_reference_whole",
                                   condition=Q(easting__isnull=True, northing__isnull=True)
                                   | Q(easting__isnull=False, northing__isnull=False)),
            models.UniqueConstraint(fields=["source", "external_id"], condition=Q(source__isnull=False),
                                    name="location_unique_per_source"),
        ]

    def __str__(self):
        return self.name


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique"),
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"


class AttendingType(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"


class Schedule(models.Model):
    """When a service runs, in iCalendar terms (RFC 5545 recurrence), for the whole service or one location.

    `byday` holds iCalendar day codes with an optional ordinal, so "1MO" is the first Monday of the month and
    "-1FR" the last Friday. A one-off date has no `freq` and `dtstart` set to the day.
    """

    class Frequency(models.TextChoices):
        DAILY = "DAILY", "Every day"
        WEEKLY = "WEEKLY", "Every week"
        MONTHLY = "MONTHLY", "Every month"
        YEARLY = "YEARLY", "Every year"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE,
                                            related_name="schedules")
    freq = models.CharField("Frequency", max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    byday = models.CharField("Days", max_length=60, blank=True,
                             help_text="iCalendar day codes, for example 'MO,WE' or '1MO' (first Monday).")
    bymonthday = models.CharField("Days of the month", max_length=60, blank=True)
    dtstart = models.DateField("First date", null=True, blank=True)
    until = models.DateField("Last date", null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    attending_type = models.CharField(max_length=20, choices=AttendingType.choices, default=AttendingType.IN_PERSON)
    description = models.TextField(blank=True, help_text="The schedule in words, for example 'Term time only'.")
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="schedule_for_service_or_location",
                                   condition=Q(service__isnull=False, service_at_location__isnull=True)
                                   | Q(service__isnull=True, service_at_location__isnull=False)),
            models.CheckConstraint(name="schedule_closes_after_opening",
                                   condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True)
                                   | Q(closes_at__gt=models.F("opens_at"))),
            models.CheckConstraint(name="schedule_one_off_has_date",
                                   condition=~Q(freq="") | Q(dtstart__isnull=False)),
        ]

    def __str__(self):
        return self.description or f"{self.freq} {self.byday}".strip()


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200, help_text="What the cost is for, for example 'Per session'.")
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    amount_description = models.CharField(max_length=300, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.option


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.name


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=10, blank=True, help_text="ISO 639 code, for example 'pl'.")

    def __str__(self):
        return self.name


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=30, blank=True)
    uri = models.URLField(blank=True)

    def __str__(self):
        return self.name


class Postcode(models.Model):
    """One row of the ONS Postcode Directory, loaded offline by `manage.py load_postcodes`."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Upper case with one space: 'SW1A 1AA'.")
    lad_code = models.CharField("Local authority district code", max_length=9, blank=True)
    easting = models.PositiveIntegerField()
    northing = models.PositiveIntegerField()

    def __str__(self):
        return self.postcode


class ServiceProposal(models.Model):
    """A provider's proposed new listing or change, waiting for moderation.

    `data` is the whole listing as the provider wants it; `base` is the published listing when the proposal
    was made, so the moderator sees exactly what would change.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Not published"
        WITHDRAWN = "withdrawn", "Withdrawn by the provider"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(DirectoryOrganisation, on_delete=models.CASCADE, related_name="proposals")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals",
                                help_text="Empty for a proposed new service.")
    data = models.JSONField()
    base = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    approved_automatically = models.BooleanField(default=False)

    class Meta:
        ordering = ["proposed_at"]
        constraints = [
            models.UniqueConstraint(fields=["service"], condition=Q(status="pending", service__isnull=False),
                                    name="one_pending_proposal_per_service"),
            models.CheckConstraint(name="rejected_proposal_has_reason",
                                   condition=~Q(status="rejected") | ~Q(decision_reason="")),
        ]

    def __str__(self):
        return f"Proposal for {self.data.get('name', 'a service')}"


class Feedback(models.Model):
    """A comment on the Local Offer: "Was this useful?", "Report a problem", or a general comment.

    Regulation 56 asks for comments on content, accessibility and how the Local Offer was developed; comments
    about an individual case go to complaints and vexatious ones are not published.
    """

    class Kind(models.TextChoices):
        USEFUL = "useful", "Found this useful"
        NOT_USEFUL = "not_useful", "Did not find this useful"
        PROBLEM = "problem", "Reported a problem"
        COMMENT = "comment", "Comment on the Local Offer"

    class Theme(models.TextChoices):
        UNTRIAGED = "", "Not sorted yet"
        CONTENT = "content", "What the Local Offer includes, and gaps"
        ACCESSIBILITY = "accessibility", "How easy the information is to find and use"
        DEVELOPMENT = "development", "How the Local Offer was developed and reviewed"
        INDIVIDUAL = "individual", "About an individual case: sent on to complaints"
        VEXATIOUS = "vexatious", "Vexatious: not published"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    page = models.CharField(max_length=300, help_text="The address of the page the comment was left on.")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    comment = models.TextField(blank=True)
    reply_email = models.EmailField(blank=True, help_text="Only used to reply; never published.")
    received_at = models.DateTimeField(auto_now_add=True)
    theme = models.CharField(max_length=20, choices=Theme.choices, blank=True, default="")
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    triaged_at = models.DateTimeField(null=True, blank=True)
    published_comment = models.TextField(blank=True, help_text="The comment as published, with anything that "
                                                               "could identify someone removed.")
    response = models.TextField("What we said", blank=True)
    action = models.TextField("What we did or will do", blank=True)
    is_published = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    sent_to_provider_at = models.DateTimeField(null=True, blank=True,
                                               help_text="When a problem report was passed to the service's provider.")
    sent_to_complaints_at = models.DateTimeField(null=True, blank=True,
                                                 help_text="When a comment about an individual case was passed to the "
                                                           "complaints team.")

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["kind", "theme"], name="feedback_kind_theme")]
        constraints = [
            models.CheckConstraint(name="published_feedback_is_answered_and_publishable",
                                   condition=Q(is_published=False)
                                   | (Q(theme__in=["content", "accessibility", "development"])
                                      & ~Q(published_comment="") & ~Q(response=""))),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.page}"


class UnansweredSearch(models.Model):
    """Searches that found nothing, by day: the query text only, nothing about who searched."""

    query = models.CharField(max_length=200)
    searched_on = models.DateField()
    times = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-searched_on", "query"]
        constraints = [
            models.UniqueConstraint(fields=["query", "searched_on"], name="unanswered_search_per_day"),
        ]

    def __str__(self):
        return self.query


class InformationPage(models.Model):
    """A plain information page staff keep up to date, written in Markdown (sanitised when shown)."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        FAMILIES = "families", "Parents and carers"
        YOUNG_PEOPLE = "young_people", "Young people"
        PRACTITIONERS = "practitioners", "Practitioners"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    body = models.TextField(help_text="Markdown. Headings, lists and links are kept; anything else is removed.")
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    position = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title
