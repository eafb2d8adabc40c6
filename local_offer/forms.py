from django import forms
from django.core.exceptions import ValidationError

from send_portal.core.forms import GovukFilterForm, GovukForm
from send_portal.organisations.models import SettingPhase, SettingType

from .models import Taxonomy
from .postcodes import normalise_postcode, postcode_lookup
from .selectors import METRES_PER_MILE, SearchCriteria, terms_for

DAYS = [("", "Any day"), ("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"),
        ("FR", "Friday"), ("SA", "Saturday"), ("SU", "Sunday")]
DELIVERY = [("", "Any way"), ("in_person", "In person"), ("online", "Online"), ("phone", "By phone")]
RADIUS = [("", "Any distance"), ("1", "Within 1 mile"), ("3", "Within 3 miles"), ("5", "Within 5 miles"),
          ("10", "Within 10 miles"), ("25", "Within 25 miles")]
SORT = [("relevance", "Best match"), ("distance", "Nearest first"), ("name", "Name (A to Z)")]


def _term_choices(purpose, anything):
    choices = [("", anything)]
    for term in terms_for(purpose):
        label = f"{term.parent.name}: {term.name}" if term.parent_id else term.name
        choices.append((term.code, label))
    return choices


class ServiceSearchForm(GovukFilterForm):
    """The family search. It is a GET form, so every search is a link that can be shared or bookmarked."""

    q = forms.CharField(label="Search for", required=False, max_length=200,
                        help_text="For example, 'autism', 'speech and language' or 'holiday club'")
    postcode = forms.CharField(label="Your postcode (optional)", required=False, max_length=10,
                               help_text="To see how far away each service is",
                               error_messages={"max_length": "Enter a real postcode, like EX1 1AA"})
    radius = forms.ChoiceField(label="Distance", choices=RADIUS, required=False)
    category = forms.ChoiceField(label="Type of support", required=False)
    need = forms.ChoiceField(label="Need or disability", required=False)
    age = forms.IntegerField(label="Age of the child or young person (optional)", required=False, min_value=0,
                             max_value=25, widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                             error_messages={"invalid": "Enter an age as a number, like 7",
                                             "min_value": "Enter an age from 0 to 25",
                                             "max_value": "Enter an age from 0 to 25"})
    free = forms.BooleanField(label="Only show free services", required=False)
    day = forms.ChoiceField(label="Day", choices=DAYS, required=False)
    delivery = forms.ChoiceField(label="How it is offered", choices=DELIVERY, required=False)
    sort = forms.ChoiceField(label="Sort by", choices=SORT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _term_choices(Taxonomy.Purpose.CATEGORIES, "All types of support")
        self.fields["need"].choices = _term_choices(Taxonomy.Purpose.NEEDS, "Any need")
        self.origin = None

    def clean_postcode(self):
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        if not normalise_postcode(text):
            raise ValidationError("Enter a real postcode, like EX1 1AA")
        found = postcode_lookup(text)
        if not found:
            raise ValidationError("We could not find that postcode. Check it and try again")
        self.origin = (found.easting, found.northing)
        return found.postcode

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == "distance" and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter your postcode to sort by distance")
        if cleaned.get("radius") and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter your postcode to search within a distance")
        return cleaned

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        sort = data.get("sort") or ("distance" if self.origin and not data.get("q") else "relevance")
        return SearchCriteria(text=data.get("q", ""), category=data.get("category", ""), need=data.get("need", ""),
                              age=data.get("age"), free=bool(data.get("free")), day=data.get("day", ""),
                              delivery=data.get("delivery", ""), origin=self.origin,
                              radius_miles=float(data["radius"]) if data.get("radius") else None, sort=sort)

    def has_filters(self) -> bool:
        return any(self.cleaned_data.get(name) not in (None, "", False) for name in self.fields if name != "sort")


def miles(metres) -> str:
    return f"{metres / METRES_PER_MILE:.1f}"


class ShortlistEmailForm(GovukForm):
    email = forms.EmailField(label="Your email address", max_length=254,
                             help_text="We will only use it to send you this list",
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address in the correct format, like "
                                                        "name@example.com"})


class SettingsFilterForm(GovukFilterForm):
    q = forms.CharField(label="School or college name", required=False, max_length=100)
    phase = forms.ChoiceField(label="Phase", required=False, choices=[("", "Any phase"), *SettingPhase.choices])
    setting_type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type"), *SettingType.choices])
    where = forms.ChoiceField(label="Where", required=False, choices=[
        ("", "In and outside our area"), ("in_area", "In our area"), ("out_of_area", "Outside our area")])
    section_41 = forms.BooleanField(label="Only show schools and colleges on the section 41 list", required=False)
