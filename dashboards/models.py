from django.db import models


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
