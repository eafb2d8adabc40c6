from django import forms
from django.utils import timezone

from ehc.models import PrimaryNeed
from send_portal.core.forms import GovukFilterForm

from . import periods, selectors
from .selectors import Filters


class DashboardFilterForm(GovukFilterForm):
    """The dashboard filters, in the query string so a filtered view can be shared. Leaving the period empty means
    the current one of the chosen type. A period of another type (left over after changing the type) also means
    the current one; anything that is not a period at all is an error."""

    period_type = forms.ChoiceField(label="Type of period", required=False, choices=periods.PERIOD_TYPES,
                                    help_text="An academic year runs from September to August. England figures "
                                              "are for calendar years.",
                                    error_messages={"invalid_choice": "Select a type of period from the list"})
    period = forms.CharField(label="Period", required=False, widget=forms.Select(choices=[]))
    district = forms.ModelChoiceField(label="District", required=False, queryset=None, empty_label="All districts",
                                      help_text="The district of the child's current school or setting.",
                                      error_messages={"invalid_choice": "Select a district from the list"})
    primary_need = forms.ChoiceField(label="Primary need", required=False,
                                     choices=[("", "All needs"), *PrimaryNeed.choices],
                                     error_messages={"invalid_choice": "Select a primary need from the list"})
    setting = forms.ChoiceField(
        label="Type of setting", required=False, choices=[("", "All settings"), *selectors.SETTING_KINDS],
        help_text="The type of the child's current school or setting.",
        error_messages={"invalid_choice": "Select a type of setting from the list"})
    team = forms.ModelChoiceField(label="Team", required=False, queryset=None, empty_label="All teams",
                                  help_text="The council team of the case's caseworker. Alternative provision and "
                                            "the Local Offer have no caseworker, so their figures are not filtered.",
                                  error_messages={"invalid_choice": "Select a team from the list"})
    age_group = forms.ChoiceField(
        label="Age group", required=False, help_text="Age in years at the end of the period.",
        choices=[("", "All ages"), *((key, label) for key, label, _, _ in periods.AGE_GROUPS)],
        error_messages={"invalid_choice": "Select an age group from the list"})

    def __init__(self, *args, councils, offer_team=True, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        if offer_team:
            self.fields["team"].queryset = selectors.teams(councils)
        else:
            # Only for people who see every count: a team can be one caseworker, and a team's figure taken from
            # the council's would give away counts that suppression hides in each on its own.
            del self.fields["team"]
        self.fields["district"].queryset = selectors.districts()
        self.fields["district"].to_field_name = "code"
        kind = self._kind()
        self.fields["period"].widget.choices = [("", "The latest"), *periods.choices(kind, self.today)]

    def _kind(self) -> str:
        kind = self.data.get("period_type", "") if self.is_bound else ""
        return kind if kind in dict(periods.PERIOD_TYPES) else periods.DEFAULT_TYPE

    def clean_period_type(self):
        return self.cleaned_data["period_type"] or periods.DEFAULT_TYPE

    def clean_period(self):
        key = self.cleaned_data["period"].strip()
        kind = self._kind()
        if not key:
            return None
        period = periods.parse(kind, key)
        if period is None:
            if any(periods.parse(other, key) for other, _ in periods.PERIOD_TYPES):
                return None  # a period of the type chosen before: use the latest of the new type
            raise forms.ValidationError("Select a period from the list")
        # A rolling window is named by its last month, so it is in the future when that month is. Any other period
        # is in the future when it starts after today: the one running now is offered, and counts to today.
        if period.start > self.today or (kind == periods.ROLLING_12 and period.end.replace(day=1) > self.today):
            raise forms.ValidationError("The period must not be in the future")
        if period.end < periods.EARLIEST:
            raise forms.ValidationError(f"The period must be in {periods.EARLIEST.year} or later")
        return period

    def filters(self) -> Filters:
        """The filters to apply; call after is_valid() returned True (an unbound form gives the defaults)."""
        data = self.cleaned_data if self.is_bound else {}
        kind = data.get("period_type") or periods.DEFAULT_TYPE
        period = data.get("period") or periods.current(kind, self.today)
        return Filters(period=period, district=data.get("district"), primary_need=data.get("primary_need", ""),
                       age_group=data.get("age_group", ""), setting=data.get("setting", ""),
                       team=data.get("team"))
