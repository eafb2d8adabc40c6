"""The provider's listing form: groups of questions on one page (like Outpost's sections), with repeating rows
for locations, schedules, costs and contacts. It works without JavaScript: blank rows are ignored, existing
rows can be removed with a checkbox, and "Add another" buttons post the page back with one more row.

`ListingForm` turns a snapshot into initial values and a valid submission back into a snapshot in the shape
`listing_snapshot()` produces, so moderation can compare the two directly."""

import datetime as dt
import re
import uuid

from django import forms
from django.utils.datastructures import MultiValueDict

from send_portal.core.forms import GovukDateField, GovukForm, yes_no_field
from send_portal.core.templatetags.portal import error_anchor

from .models import MAX_AGE, AttendingType, Language, Location, Schedule, Service, Taxonomy
from .postcodes import normalise_postcode
from .questions import LOCAL_OFFER_QUESTIONS, SETTING_QUESTIONS
from .selectors.search import terms_for

DAYS = [("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"), ("FR", "Friday"),
        ("SA", "Saturday"), ("SU", "Sunday")]
WEEKS = [("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth"), ("-1", "Last")]
PATTERNS = [("weekly", "Every week, or every few weeks"), ("monthly", "Every month, on set weeks (for example, the "
            "first Monday)"), ("daily", "Every day"), ("yearly", "Once a year"), ("once", "On one date only")]
PATTERN_FREQ = {"weekly": "WEEKLY", "monthly": "MONTHLY", "daily": "DAILY", "yearly": "YEARLY", "once": ""}
WIDTH_3 = {"class": "govuk-input govuk-input--width-3"}
WIDTH_5 = {"class": "govuk-input govuk-input--width-5"}
BYDAY_MAX = Schedule._meta.get_field("byday").max_length
LANGUAGE_MAX = Language._meta.get_field("name").max_length
EMAIL_MAX = Service._meta.get_field("email").max_length
URL_MAX = Service._meta.get_field("url").max_length
# iCalendar days of the month, for example "1,15" or "-1" (the last day).
BYMONTHDAY = re.compile(r"^-?\d{1,2}(,-?\d{1,2})*$")
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p", "%I:%M %p", "%I %p"]


def _term_choices(purpose):
    return [(str(term.pk), term.name) for term in terms_for(purpose)]


def _date(text):
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _time(text):
    try:
        return dt.time.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _iso(value):
    return value.isoformat() if value else None


class BasicsForm(GovukForm):
    name = forms.CharField(label="Name of the service", max_length=200,
                           error_messages={"required": "Enter the name of the service"})
    description = forms.CharField(label="What the service does", widget=forms.Textarea(attrs={"rows": 5}),
                                  error_messages={"required": "Enter what the service does"},
                                  help_text="Write for parents, carers and young people. Avoid jargon.")
    url = forms.URLField(label="Website (optional)", required=False, assume_scheme="https", max_length=URL_MAX,
                         error_messages={"invalid": "Enter a website address in the correct format, like "
                                                    "https://www.example.org",
                                         "max_length": f"The website address must be {URL_MAX} characters or "
                                                       "fewer"})
    email = forms.EmailField(label="Email address (optional)", required=False, max_length=EMAIL_MAX, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.com",
        "max_length": f"The email address must be {EMAIL_MAX} characters or fewer"})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    status = forms.ChoiceField(label="Is the service running?", choices=Service.Status.choices,
                               widget=forms.RadioSelect, initial=Service.Status.ACTIVE,
                               error_messages={"required": "Select whether the service is running"})
    alert = forms.CharField(label="Short notice to show at the top of the page (optional)", max_length=300,
                            required=False, help_text="For example, 'No sessions during August'.")


class WhoForm(GovukForm):
    minimum_age = forms.IntegerField(label="Youngest age", min_value=0, max_value=MAX_AGE, initial=0,
                                     widget=forms.NumberInput(attrs=WIDTH_3),
                                     error_messages={"required": "Enter the youngest age",
                                                     "min_value": "The youngest age must be 0 or more",
                                                     "max_value": f"The youngest age must be {MAX_AGE} or less",
                                                     "invalid": "The youngest age must be a whole number"})
    maximum_age = forms.IntegerField(label="Oldest age", min_value=0, max_value=MAX_AGE, initial=MAX_AGE,
                                     widget=forms.NumberInput(attrs=WIDTH_3),
                                     help_text=f"The Local Offer covers ages 0 to {MAX_AGE}.",
                                     error_messages={"required": "Enter the oldest age",
                                                     "min_value": "The oldest age must be 0 or more",
                                                     "max_value": f"The oldest age must be {MAX_AGE} or less",
                                                     "invalid": "The oldest age must be a whole number"})
    categories = forms.MultipleChoiceField(label="Which categories is it in?", widget=forms.CheckboxSelectMultiple,
                                           help_text="Select all that apply.",
                                           error_messages={"required": "Select at least one category"})
    needs = forms.MultipleChoiceField(label="Which needs does it support? (optional)", required=False,
                                      widget=forms.CheckboxSelectMultiple)
    audiences = forms.MultipleChoiceField(label="Who is it for? (optional)", required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = _term_choices(Taxonomy.Purpose.CATEGORIES)
        self.fields["needs"].choices = _term_choices(Taxonomy.Purpose.NEEDS)
        self.fields["audiences"].choices = _term_choices(Taxonomy.Purpose.AUDIENCES)

    def clean(self):
        data = super().clean()
        youngest, oldest = data.get("minimum_age"), data.get("maximum_age")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        return data


class CostForm(GovukForm):
    is_free = yes_no_field("Is the service free?", error="Select whether the service is free")
    fees_description = forms.CharField(label="Fees (optional)", required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       help_text="For example, whether funding or discounts are available.")


class HowForm(GovukForm):
    offers_in_person = forms.BooleanField(label="In person", required=False, initial=True)
    offers_online = forms.BooleanField(label="Online", required=False)
    offers_phone = forms.BooleanField(label="By phone", required=False)
    application_process = forms.CharField(label="How to start (optional)", required=False,
                                          widget=forms.Textarea(attrs={"rows": 3}),
                                          help_text="What someone does to begin using the service.")
    referral_needed = yes_no_field("Does someone need a referral?", error="Select whether a referral is needed")
    eligibility_description = forms.CharField(label="Who can use it (optional)", required=False,
                                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if not (data.get("offers_in_person") or data.get("offers_online") or data.get("offers_phone")):
            self.add_error("offers_in_person", "Select at least one way the service is delivered")
        return data


class QuestionsForm(GovukForm):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in questions:
            self.fields[key] = forms.CharField(label=f"{label} (optional)", required=False,
                                               widget=forms.Textarea(attrs={"rows": 3}))


class LanguagesForm(GovukForm):
    languages = forms.CharField(label="Languages the service is offered in, other than English (optional)",
                                required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text="One per line, for example 'Polish' or 'British Sign Language'.")

    def clean_languages(self):
        text = self.cleaned_data.get("languages") or ""
        for line in text.replace(",", "\n").splitlines():
            if len(line.strip()) > LANGUAGE_MAX:
                raise forms.ValidationError(f"Each language must be {LANGUAGE_MAX} characters or fewer. Put each "
                                            "language on its own line.")
        return text


class LocationForm(GovukForm):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="Name of the place", max_length=200,
                           error_messages={"required": "Enter the name of the place"})
    location_type = forms.ChoiceField(label="Kind of place", choices=Location.Kind.choices,
                                      initial=Location.Kind.PHYSICAL, widget=forms.RadioSelect)
    address_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    address_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    city = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10",
                                                             "autocomplete": "postal-code"}))
    description = forms.CharField(label="About the place (optional)", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    accessibility = forms.MultipleChoiceField(label="Accessibility features (optional)", required=False,
                                              widget=forms.CheckboxSelectMultiple)
    accessibility_description = forms.CharField(label="More about accessibility (optional)", required=False,
                                                widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, known_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_ids = set(known_ids)
        self.fields["accessibility"].choices = _term_choices(Taxonomy.Purpose.ACCESSIBILITY)

    def clean_id(self):
        # The hidden id only says which existing location this row edits. Anything that is not one of the
        # listing's own locations is dropped, so the row becomes a new location.
        value = (self.cleaned_data.get("id") or "").strip()
        try:
            value = str(uuid.UUID(value))
        except ValueError:
            return ""
        return value if value in self.known_ids else ""

    def clean_postcode(self):
        text = self.cleaned_data.get("postcode", "").strip()
        if not text:
            return ""
        postcode = normalise_postcode(text)
        if postcode is None:
            raise forms.ValidationError("Enter a full UK postcode, like SW1A 1AA")
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("location_type") == Location.Kind.PHYSICAL:
            if not data.get("address_1"):
                self.add_error("address_1", "Enter the first line of the address")
            if "postcode" in data and not data["postcode"]:
                self.add_error("postcode", "Enter the postcode")
        return data


class ScheduleForm(GovukForm):
    where = forms.ChoiceField(label="Where does this happen?", initial="service", widget=forms.RadioSelect,
                              error_messages={"required": "Select where this happens"})
    pattern = forms.ChoiceField(label="How often?", choices=PATTERNS, widget=forms.RadioSelect, initial="weekly",
                                error_messages={"required": "Select how often it happens"})
    interval = forms.IntegerField(label="Every how many weeks, months or years?", min_value=1, max_value=52,
                                  initial=1, widget=forms.NumberInput(attrs=WIDTH_3),
                                  help_text="1 means every week (or month); 2 means every other one.",
                                  error_messages={"min_value": "Enter 1 or more for how often",
                                                  "invalid": "Enter a whole number for how often",
                                                  "required": "Enter how often it happens, for example 1"})
    weeks = forms.MultipleChoiceField(label="Which weeks of the month? (monthly only)", choices=WEEKS,
                                      required=False, widget=forms.CheckboxSelectMultiple)
    days = forms.MultipleChoiceField(label="Which days?", choices=DAYS, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    dtstart = GovukDateField(label="Date (for one date only), or first date", required=False)
    until = GovukDateField(label="Last date (optional)", required=False)
    opens_at = forms.TimeField(label="Starts at (optional)", required=False, input_formats=TIME_FORMATS,
                               help_text="For example, 09:30 or 15:00",
                               widget=forms.TimeInput(format="%H:%M", attrs=WIDTH_5),
                               error_messages={"invalid": "Enter a start time like 09:30"})
    closes_at = forms.TimeField(label="Ends at (optional)", required=False, input_formats=TIME_FORMATS,
                                help_text="For example, 11:30 or 17:00",
                                widget=forms.TimeInput(format="%H:%M", attrs=WIDTH_5),
                                error_messages={"invalid": "Enter an end time like 17:00"})
    attending_type = forms.ChoiceField(label="How people take part", choices=AttendingType.choices,
                                       initial=AttendingType.IN_PERSON, widget=forms.RadioSelect)
    description = forms.CharField(label="In your own words (optional)", required=False, max_length=500,
                                  help_text="For example, 'Term time only'.")
    # Kept as they came (often from an imported feed) because the form does not ask about them.
    bymonthday = forms.CharField(required=False, widget=forms.HiddenInput)
    valid_from = forms.CharField(required=False, widget=forms.HiddenInput)
    valid_to = forms.CharField(required=False, widget=forms.HiddenInput)
    notes = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, where_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where"].choices = list(where_choices)

    def clean(self):
        data = super().clean()
        pattern = data.get("pattern")
        if pattern == "once" and not data.get("dtstart"):
            self.add_error("dtstart", "Enter the date")
        if pattern == "weekly" and not data.get("days"):
            self.add_error("days", "Select at least one day")
        if pattern == "monthly" and not data.get("bymonthday"):
            if not data.get("weeks"):
                self.add_error("weeks", "Select which weeks of the month, for example 'First'")
            if not data.get("days"):
                self.add_error("days", "Select at least one day")
        if data.get("dtstart") and data.get("until") and data["until"] < data["dtstart"]:
            self.add_error("until", "The last date must be the same as or after the first date")
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "The end time must be after the start time")
        if data.get("closes_at") and not data.get("opens_at"):
            self.add_error("opens_at", "Enter the start time as well as the end time")
        monthday = (data.get("bymonthday") or "").replace(" ", "")
        if pattern == "monthly" and monthday and (len(monthday) > Schedule._meta.get_field("bymonthday").max_length
                         or not BYMONTHDAY.match(monthday)):
            # Not asked on the form (it comes with imported listings), so the error goes on the question above it.
            self.add_error("pattern", "The days of the month for this time cannot be used. Choose which weeks and "
                                      "days instead")
        else:
            data["bymonthday"] = monthday
        if pattern in PATTERN_FREQ and "days" not in self.errors and len(self._byday(pattern, data)) > BYDAY_MAX:
            self.add_error("days", "Too many weeks and days are selected together. Choose fewer, or choose "
                                   "'Every week' if it happens every week")
        return data

    @staticmethod
    def _byday(pattern, data) -> str:
        days = [code for code, _ in DAYS if code in (data.get("days") or [])]
        if pattern == "monthly":
            return ",".join(f"{week}{day}" for week in (data.get("weeks") or []) for day in days)
        if pattern == "weekly":
            return ",".join(days)
        return ""

    def snapshot(self) -> dict:
        data = self.cleaned_data
        pattern = data["pattern"]
        return {
            "freq": PATTERN_FREQ[pattern], "interval": data.get("interval") or 1, "byday": self._byday(pattern, data),
            "bymonthday": (data.get("bymonthday") or "") if pattern == "monthly" else "",
            "dtstart": _iso(data.get("dtstart")), "until": _iso(data.get("until")) if pattern != "once" else None,
            "valid_from": data["valid_from"] if _date(data.get("valid_from")) else None,
            "valid_to": data["valid_to"] if _date(data.get("valid_to")) else None,
            "opens_at": _iso(data.get("opens_at")), "closes_at": _iso(data.get("closes_at")),
            "attending_type": data.get("attending_type") or AttendingType.IN_PERSON,
            "description": data.get("description") or "", "notes": data.get("notes") or "",
        }


def schedule_initial(schedule: dict, where: str) -> dict:
    freq = schedule.get("freq") or ""
    pattern = {value: key for key, value in PATTERN_FREQ.items()}.get(freq, "weekly")
    weeks, days = [], []
    for code in (schedule.get("byday") or "").split(","):
        code = code.strip().upper()
        if len(code) < 2:
            continue
        if code[:-2] and code[:-2] not in weeks:
            weeks.append(code[:-2])
        if code[-2:] not in days:
            days.append(code[-2:])
    return {"where": where, "pattern": pattern, "interval": schedule.get("interval") or 1, "weeks": weeks,
            "days": days, "dtstart": _date(schedule.get("dtstart")), "until": _date(schedule.get("until")),
            "opens_at": _time(schedule.get("opens_at")), "closes_at": _time(schedule.get("closes_at")),
            "attending_type": schedule.get("attending_type") or AttendingType.IN_PERSON,
            "description": schedule.get("description") or "", "bymonthday": schedule.get("bymonthday") or "",
            "valid_from": schedule.get("valid_from") or "", "valid_to": schedule.get("valid_to") or "",
            "notes": schedule.get("notes") or ""}


class CostOptionForm(GovukForm):
    option = forms.CharField(label="What the cost is for", max_length=200,
                             help_text="For example, 'Per session'.",
                             error_messages={"required": "Enter what the cost is for"})
    amount = forms.DecimalField(label="Amount in pounds (optional)", required=False, min_value=0, max_digits=8,
                                decimal_places=2, widget=forms.TextInput(attrs=WIDTH_5),
                                error_messages={"invalid": "Enter the amount as a number, like 12.50",
                                                "min_value": "The amount must be 0 or more"})
    amount_description = forms.CharField(label="More about the cost (optional)", max_length=300, required=False)


class ContactForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the contact's name"})
    title = forms.CharField(label="Job title (optional)", max_length=200, required=False)
    email = forms.EmailField(label="Email address (optional)", required=False, max_length=EMAIL_MAX, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.com",
        "max_length": f"The email address must be {EMAIL_MAX} characters or fewer"})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)


class RowFormSet(forms.BaseFormSet):
    """Existing rows can be removed; blank new rows are ignored."""

    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this"

    def kept_forms(self):
        return [form for index, form in enumerate(self.forms)
                if (index < self.initial_form_count() or form.has_changed())
                and not self._should_delete_form(form) and form.is_valid()]


def _formset(form_class):
    return forms.formset_factory(form_class, formset=RowFormSet, extra=1, can_delete=True, max_num=50,
                                 validate_max=True)


LocationFormSet = _formset(LocationForm)
ScheduleFormSet = _formset(ScheduleForm)
CostOptionFormSet = _formset(CostOptionForm)
ContactFormSet = _formset(ContactForm)

GROUPS = [
    ("basics", "About the service"), ("who", "Who it is for"), ("cost", "Cost"), ("how", "How to start"),
    ("questions", "The Local Offer questions"), ("setting", "For schools and colleges: your special educational "
                                                             "needs information"),
    ("languages", "Languages"),
]
ROWS = [("locations", "Where it happens", "location"), ("schedules", "When it happens", "time"),
        ("cost_options", "Costs", "cost"), ("contacts", "Contacts", "contact")]


class ListingForm:
    """All the groups and repeating rows of one listing, validated together."""

    def __init__(self, data=None, *, snapshot: dict | None = None, is_school: bool = False, add: str = ""):
        snapshot = snapshot or {}
        self.base = snapshot
        self.is_school = is_school
        if data is not None and add:
            data = _with_extra_row(data, add)
        self.bound = data is not None
        terms = set(snapshot.get("terms") or [])
        initial = {
            "basics": {name: snapshot.get(name) for name in BasicsForm.base_fields if name in snapshot},
            "who": {"minimum_age": snapshot.get("minimum_age", 0), "maximum_age": snapshot.get("maximum_age", MAX_AGE),
                    **{field: [pk for pk, _ in _term_choices(purpose) if pk in terms]
                       for field, purpose in (("categories", Taxonomy.Purpose.CATEGORIES),
                                              ("needs", Taxonomy.Purpose.NEEDS),
                                              ("audiences", Taxonomy.Purpose.AUDIENCES))}},
            "cost": {name: snapshot.get(name) for name in CostForm.base_fields if name in snapshot},
            "how": {name: snapshot.get(name) for name in HowForm.base_fields if name in snapshot},
            "questions": dict(snapshot.get("local_offer_answers") or {}),
            "setting": dict(snapshot.get("setting_information") or {}),
            "languages": {"languages": "\n".join(row.get("name", "") for row in snapshot.get("languages") or [])},
        }
        self.groups = {
            "basics": BasicsForm(data, prefix="basics", initial=initial["basics"]),
            "who": WhoForm(data, prefix="who", initial=initial["who"]),
            "cost": CostForm(data, prefix="cost", initial=initial["cost"]),
            "how": HowForm(data, prefix="how", initial=initial["how"]),
            "questions": QuestionsForm(data, prefix="questions", questions=LOCAL_OFFER_QUESTIONS,
                                       initial=initial["questions"]),
            "languages": LanguagesForm(data, prefix="languages", initial=initial["languages"]),
        }
        if is_school:
            self.groups["setting"] = QuestionsForm(data, prefix="setting", questions=SETTING_QUESTIONS,
                                                   initial=initial["setting"])
        locations = snapshot.get("locations") or []
        schedule_rows = [schedule_initial(s, "service") for s in snapshot.get("schedules") or []]
        for index, location in enumerate(locations):
            schedule_rows += [schedule_initial(s, f"location-{index}") for s in location.get("schedules") or []]
        known_ids = [str(location["id"]) for location in locations if location.get("id")]
        self.locations = LocationFormSet(data, prefix="locations", form_kwargs={"known_ids": known_ids}, initial=[
            {**{name: location.get(name) or "" for name in LocationForm.base_fields},
             "accessibility": list(location.get("accessibility") or [])} for location in locations])
        where = [("service", "The whole service, wherever it happens")] + [
            (f"location-{index}", self._location_label(index)) for index in range(len(self.locations.forms))]
        self.schedules = ScheduleFormSet(data, prefix="schedules", initial=schedule_rows,
                                         form_kwargs={"where_choices": where})
        self.cost_options = CostOptionFormSet(data, prefix="cost_options", initial=[
            {name: row.get(name) for name in CostOptionForm.base_fields} for row in snapshot.get("cost_options") or []])
        self.contacts = ContactFormSet(data, prefix="contacts", initial=[
            {name: row.get(name) or "" for name in ContactForm.base_fields} for row in snapshot.get("contacts") or []])
        self.formsets = {"locations": self.locations, "schedules": self.schedules,
                         "cost_options": self.cost_options, "contacts": self.contacts}

    def _location_label(self, index):
        form = self.locations.forms[index]
        name = (form.data.get(form.add_prefix("name")) if form.is_bound else form.initial.get("name")) or ""
        return f"Location {index + 1}: {name}" if name else f"Location {index + 1} (when you have filled it in)"

    def group_list(self):
        return [(key, title, self.groups[key]) for key, title in GROUPS if key in self.groups]

    def row_list(self):
        return [(key, title, noun, self.formsets[key]) for key, title, noun in ROWS]

    def is_valid(self) -> bool:
        valid = all(form.is_valid() for form in self.groups.values())
        valid = all(formset.is_valid() for formset in self.formsets.values()) and valid
        if valid:
            kept = self.locations.kept_forms()
            removed = {f"location-{index}" for index, form in enumerate(self.locations.forms) if form not in kept}
            for form in self.schedules.kept_forms():
                if form.cleaned_data.get("where") in removed:
                    form.add_error("where", "That location is being removed or is empty. Choose another place.")
                    valid = False
        return valid

    def errors(self) -> list[dict]:
        """Every error with the id of the field it belongs to, for the GOV.UK error summary."""
        found = []
        forms_ = list(self.groups.values())
        for formset in self.formsets.values():
            found += [{"text": error, "anchor": formset.prefix} for error in formset.non_form_errors()]
            forms_ += [form for form in formset.forms if not formset._should_delete_form(form)]
        for form in forms_:
            if not form.is_bound:
                continue
            for name, messages in form.errors.items():
                field_name = name if name in form.fields else next(iter(form.fields))
                if name == "__all__":
                    field_name = next(name for name, field in form.fields.items()
                                      if not isinstance(field.widget, forms.HiddenInput))
                bound = form[field_name]
                for message in messages:
                    found.append({"text": message, "anchor": error_anchor(bound, bound.auto_id)})
        return found

    def snapshot(self) -> dict:
        """The listing as the provider wants it, in `listing_snapshot()`'s shape. Things the form does not ask
        about (areas covered, classifications from other vocabularies) are carried over from the base."""
        base = self.base
        basics, who, cost, how = (self.groups[key].cleaned_data for key in ("basics", "who", "cost", "how"))
        data = {
            "name": basics["name"].strip(), "description": basics["description"].strip(), "url": basics["url"],
            "email": basics["email"], "phone": basics["phone"].strip(), "status": basics["status"],
            "alert": basics["alert"].strip(),
            "is_free": cost["is_free"], "fees_description": cost["fees_description"].strip(),
            "minimum_age": who["minimum_age"], "maximum_age": who["maximum_age"],
            "eligibility_description": how["eligibility_description"].strip(),
            "application_process": how["application_process"].strip(), "referral_needed": how["referral_needed"],
            "offers_in_person": how["offers_in_person"], "offers_online": how["offers_online"],
            "offers_phone": how["offers_phone"],
        }
        offered = {pk for field in ("categories", "needs", "audiences") for pk, _ in self.groups["who"].fields[
            field].choices}
        kept = {pk for pk in base.get("terms") or [] if pk not in offered}
        data["terms"] = sorted(kept | set(who["categories"]) | set(who["needs"]) | set(who["audiences"]))
        data["local_offer_answers"] = {key: value.strip() for key, value in
                                       self.groups["questions"].cleaned_data.items() if value.strip()}
        if "setting" in self.groups:
            data["setting_information"] = {key: value.strip() for key, value in
                                           self.groups["setting"].cleaned_data.items() if value.strip()}
        else:
            data["setting_information"] = dict(base.get("setting_information") or {})
        schedules = [(form.cleaned_data["where"], form.snapshot()) for form in self.schedules.kept_forms()]
        data["schedules"] = [s for where, s in schedules if where == "service"]
        data["locations"] = []
        kept_locations = self.locations.kept_forms()
        for index, form in enumerate(self.locations.forms):
            if form not in kept_locations:
                continue
            values = form.cleaned_data
            location = {name: (values.get(name) or "") for name in
                        ("name", "description", "location_type", "address_1", "address_2", "city", "postcode",
                         "accessibility_description")}
            if values.get("id"):
                location["id"] = values["id"]
            location["accessibility"] = sorted(values.get("accessibility") or [])
            location["schedules"] = [s for where, s in schedules if where == f"location-{index}"]
            data["locations"].append(location)
        data["locations"].sort(key=lambda loc: loc["name"])
        data["cost_options"] = [{"option": f.cleaned_data["option"], "amount": (
            f"{f.cleaned_data['amount']:.2f}" if f.cleaned_data.get("amount") is not None else None),
            "amount_description": f.cleaned_data.get("amount_description") or "", "valid_from": None,
            "valid_to": None} for f in self.cost_options.kept_forms()]
        data["contacts"] = [{name: f.cleaned_data.get(name) or "" for name in ("name", "title", "email", "phone")}
                            for f in self.contacts.kept_forms()]
        codes = {row.get("name", "").casefold(): row.get("code", "") for row in base.get("languages") or []}
        names = [line.strip() for line in self.groups["languages"].cleaned_data["languages"].replace(",", "\n")
                 .splitlines() if line.strip()]
        data["languages"] = [{"name": name, "code": codes.get(name.casefold(), "")} for name in dict.fromkeys(names)]
        data["service_areas"] = list(base.get("service_areas") or [])
        return data


def _with_extra_row(data, prefix: str):
    """The posted answers with one more blank row in a repeating part, for the "Add another" buttons."""
    key = f"{prefix}-TOTAL_FORMS"
    if prefix not in {name for name, *_ in ROWS} or not str(data.get(key, "")).isdigit():
        return data
    data = data.copy() if hasattr(data, "copy") else MultiValueDict(data)
    data[key] = str(min(int(data[key]) + 1, 50))
    return data

