from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models


def require_known_indicator(slug: str) -> None:
    """A record that names a dashboard indicator must name one the dashboards offer."""
    from .catalogue import BY_SLUG

    if slug not in BY_SLUG:
        raise ValidationError({"indicator": "There is no indicator with this short name."})


class NationalFigure(models.Model):
    """One England figure for one indicator and calendar year, shown beside the local figure. Shipped in
    dashboards/data/england.csv (loaded by `load_national_figures`); staff add later years in the admin site."""

    indicator = models.SlugField("Indicator", max_length=80,
                                 help_text="The indicator's short name, for example ehc-20-weeks-excluding-exceptions.")
    year = models.PositiveSmallIntegerField("Calendar year")
    value = models.DecimalField(max_digits=12, decimal_places=1,
                                help_text="A percentage (for example 46.4) or a count, as the indicator measures.")
    source = models.CharField(max_length=300, help_text="Where the figure was published.")

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_national_figure_per_year")]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class StoredFigures(models.Model):
    """One indicator's figures, before suppression, for one set of councils and one set of filters, as last counted.
    At national scale counting takes seconds an indicator, so the pages read these instead: the scheduled job
    recounts the ones people read, and a page that finds none counts and stores them there and then."""

    indicator = models.SlugField(max_length=80)
    # The councils' primary keys in order, joined by commas: the same councils give the same key whoever asks.
    councils_key = models.TextField()  # a partner organisation may sit on many councils' partnerships
    # The filters as sorted JSON (see dashboards.services.filters_key), which also rebuilds them for recounting.
    filters_key = models.CharField(max_length=500)
    rows = models.JSONField()
    refreshed_at = models.DateTimeField()
    last_read_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "councils_key", "filters_key"],
                                               name="one_stored_figures_per_view")]
        indexes = [models.Index(fields=["refreshed_at"], name="stored_figures_by_age")]

    def __str__(self):
        return f"{self.indicator} for councils {self.councils_key} at {self.refreshed_at:%Y-%m-%d %H:%M}"


class PopulationEstimate(models.Model):
    """How many children and young people aged 0 to 25 live in a council's area in a year, for rates such as plans
    per 10,000. Staff keep it in the admin site from the Office for National Statistics mid-year estimates."""

    council = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                related_name="population_estimates",
                                limit_choices_to={"kind": "local_authority"})
    year = models.PositiveSmallIntegerField("Calendar year")
    aged_0_to_25 = models.PositiveIntegerField("Population aged 0 to 25")
    source = models.CharField(max_length=300, help_text="For example: ONS mid-year population estimates, mid-2024.")

    class Meta:
        ordering = ["council", "year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="one_population_estimate_per_council_year"),
            models.CheckConstraint(condition=models.Q(aged_0_to_25__gt=0), name="population_estimate_positive"),
        ]

    def __str__(self):
        return f"{self.council} {self.year}: {self.aged_0_to_25:,}"


# --- The improvement plan ------------------------------------------------------------------------------------


class RAG(models.TextChoices):
    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"
    NOT_STARTED = "not_started", "Not started"


class ImprovementPlan(models.Model):
    """A council area's improvement plan: a Written Statement of Action (WSOA) or a priority action plan after an
    inspection, or the partnership's own plan."""

    class Kind(models.TextChoices):
        WSOA = "wsoa", "Written Statement of Action (WSOA)"
        PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"
        PARTNERSHIP = "partnership", "Partnership improvement plan"

    council = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                related_name="improvement_plans", limit_choices_to={"kind": "local_authority"})
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-starts_on"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")),
                                              name="improvement_plan_ends_after_it_starts")]

    def __str__(self):
        return self.title


class Priority(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_priority_per_number")]

    def __str__(self):
        return f"Priority {self.number}: {self.title}"


class PlanAction(models.Model):
    """Something the partnership will do to meet a priority. Its owner sets its RAG status as they report
    progress; `version` stops two people overwriting each other's update."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    baseline = models.CharField(max_length=300, blank=True, help_text="Where things stood when the action began.")
    target = models.CharField(max_length=300, help_text="What done looks like.")
    due_on = models.DateField()
    rag = models.CharField("RAG status", max_length=20, choices=RAG.choices, default=RAG.NOT_STARTED)
    progress = models.TextField(blank=True, help_text="The latest progress, in plain English.")
    completed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["priority", "number"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="one_action_per_number"),
            # A completed action is on track by definition: it cannot also be red or amber.
            models.CheckConstraint(condition=models.Q(completed_on__isnull=True) | models.Q(rag="green"),
                                   name="completed_action_is_green"),
        ]

    def __str__(self):
        return f"{self.priority.number}.{self.number} {self.title}"


class KPI(models.Model):
    """A key performance indicator (KPI) for a priority. Bound to a live dashboard indicator, its value and RAG
    status come from the live figures; otherwise its owner records readings by hand."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="kpis")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    indicator = models.SlugField(max_length=80, blank=True,
                                 help_text="A dashboard indicator's short name; blank for a KPI recorded by hand.")
    higher_is_better = models.BooleanField(default=True)
    baseline = models.DecimalField(max_digits=12, decimal_places=1)
    target = models.DecimalField(max_digits=12, decimal_places=1)
    target_date = models.DateField()
    # The latest reading and the RAG status it gives, kept here so the tracker reads one row per KPI.
    value = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    measured_on = models.DateField(null=True, blank=True)
    rag = models.CharField("RAG status", max_length=20, choices=RAG.choices, default=RAG.NOT_STARTED)
    # The day the current spell of red began: one exception report is asked for per spell.
    red_since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["priority", "pk"]
        verbose_name = "KPI"
        constraints = [
            models.CheckConstraint(condition=~models.Q(target=models.F("baseline")),
                                   name="kpi_target_differs_from_baseline"),
            models.CheckConstraint(condition=models.Q(red_since__isnull=True) | models.Q(rag="red"),
                                   name="kpi_red_since_only_when_red"),
        ]

    def __str__(self):
        return self.title


class KPIReading(models.Model):
    """One measurement of a KPI, kept so the board pack can show the trend."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="readings")
    measured_on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=1)
    # For a reading from an indicator, the counts behind a percentage, so small counts can be suppressed.
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    # Whether the indicator's suppression rule hid this figure: it rests on 1 to 4 children somewhere (including
    # children left out of it, such as plans with an exception), so people who see aggregates only see it hidden.
    rests_on_small_counts = models.BooleanField(default=False)
    rag = models.CharField("RAG status", max_length=20, choices=RAG.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="Empty when the reading came from a live indicator.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kpi", "measured_on"]
        constraints = [models.UniqueConstraint(fields=["kpi", "measured_on"], name="one_kpi_reading_per_day")]

    def __str__(self):
        return f"{self.kpi} on {self.measured_on}: {self.value}"


class ExceptionReport(models.Model):
    """When a KPI turns red its owner is asked, once, to explain why and how it will recover. The report goes in
    the board pack."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="exception_reports")
    red_since = models.DateField(help_text="The day the KPI turned red.")
    requested_at = models.DateTimeField(auto_now_add=True)
    commentary = models.TextField(blank=True, help_text="Why the KPI is off track.")
    recovery_action = models.TextField(blank=True, help_text="What will be done to bring it back on track.")
    recovery_by = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-red_since"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "red_since"], name="one_exception_report_per_red_spell"),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True)
                | (~models.Q(commentary="") & ~models.Q(recovery_action="") & models.Q(recovery_by__isnull=False)),
                name="submitted_exception_report_is_complete"),
        ]

    def __str__(self):
        return f"Exception report: {self.kpi}, red since {self.red_since}"


class BoardPack(models.Model):
    """The quarterly pack for the partnership board, rendered to PDF by a worker. Producing it again for the same
    quarter replaces the file."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="board_packs")
    quarter = models.CharField(max_length=7, help_text="For example 2026-Q3.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    pdf = models.FileField(upload_to="dashboards/board-packs/", blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["plan", "quarter"], name="one_board_pack_per_quarter")]

    def __str__(self):
        return f"{self.plan} board pack {self.quarter}"


class PublishedIndicator(models.Model):
    """An indicator the council shows the public on its "How we are doing" page, beside the Local Offer. Figures
    there are rounded and small counts hidden, so no child can be identified."""

    council = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                related_name="published_indicators", limit_choices_to={"kind": "local_authority"})
    indicator = models.SlugField(max_length=80, help_text="The indicator's short name, as in its dashboard address.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["council", "position", "indicator"]
        constraints = [models.UniqueConstraint(fields=["council", "indicator"], name="one_publication_per_indicator")]

    def __str__(self):
        return f"{self.council}: {self.indicator}"

    def clean(self):
        require_known_indicator(self.indicator)


# --- Statistical neighbours ----------------------------------------------------------------------------------


class AreaFigure(models.Model):
    """One published figure for one local authority area, indicator and calendar year: the figures a council's
    statistical neighbours are compared by. Staff import them in the admin site from the Department for Education
    (DfE) local authority tables."""

    area_code = models.CharField("DfE local authority code", max_length=3,
                                 validators=[RegexValidator(r"^\d{3}$", "A DfE local authority code is 3 digits.")],
                                 help_text="The Department for Education's three-digit code, for example 878.")
    area_name = models.CharField("Local authority area", max_length=100)
    indicator = models.SlugField("Indicator", max_length=80,
                                 help_text="The indicator's short name, for example ehc-20-weeks-excluding-exceptions.")
    year = models.PositiveSmallIntegerField("Calendar year")
    value = models.DecimalField(max_digits=12, decimal_places=1,
                                help_text="A percentage (for example 46.4) or a count, as the indicator measures.")
    source = models.CharField(max_length=300, help_text="Where the figure was published.")

    class Meta:
        ordering = ["indicator", "area_code", "year"]
        constraints = [models.UniqueConstraint(fields=["area_code", "indicator", "year"],
                                               name="one_area_figure_per_year")]
        # neighbour_averages reads one indicator's years for a handful of areas.
        indexes = [models.Index(fields=["indicator", "year", "area_code"], name="area_figures_by_indicator")]

    def __str__(self):
        return f"{self.area_name} ({self.area_code}) {self.indicator} {self.year}: {self.value}"

    def clean(self):
        require_known_indicator(self.indicator)


class StatisticalNeighbour(models.Model):
    """One of a council's ten statistical neighbours: the local authorities most like it, in the order of the DfE
    children's services statistical neighbour benchmarking tool (1 is the closest)."""

    council = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                related_name="statistical_neighbours", limit_choices_to={"kind": "local_authority"})
    area_code = models.CharField("Neighbour's DfE local authority code", max_length=3,
                                 validators=[RegexValidator(r"^\d{3}$", "A DfE local authority code is 3 digits.")])
    area_name = models.CharField("Neighbour's local authority area", max_length=100)
    rank = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="1 for the closest neighbour, up to 10, as in the DfE benchmarking tool.")

    class Meta:
        ordering = ["council", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["council", "area_code"], name="one_neighbour_entry_per_area"),
            models.UniqueConstraint(fields=["council", "rank"], name="one_neighbour_per_rank"),
            models.CheckConstraint(condition=models.Q(rank__gte=1, rank__lte=10), name="neighbour_rank_1_to_10"),
        ]

    def __str__(self):
        return f"{self.council}: {self.rank}. {self.area_name} ({self.area_code})"
