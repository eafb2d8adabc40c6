from django import forms
from django.contrib import admin

from .models import NationalFigure, PopulationEstimate, PublishedIndicator


@admin.register(NationalFigure)
class NationalFigureAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "value", "source")
    list_filter = ("indicator",)
    ordering = ("indicator", "-year")


@admin.register(PopulationEstimate)
class PopulationEstimateAdmin(admin.ModelAdmin):
    list_display = ("council", "year", "aged_0_to_25", "source")
    list_filter = ("council",)
    ordering = ("council", "-year")


class PublishedIndicatorForm(forms.ModelForm):
    class Meta:
        model = PublishedIndicator
        fields = ["council", "indicator", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .catalogue import INDICATORS

        self.fields["indicator"] = forms.ChoiceField(
            label="Indicator", choices=[(item.slug, item.title) for item in INDICATORS])


@admin.register(PublishedIndicator)
class PublishedIndicatorAdmin(admin.ModelAdmin):
    form = PublishedIndicatorForm
    list_display = ("council", "indicator", "position")
    list_filter = ("council",)
