import datetime as dt

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError


def _layout_item(name, field):
    widget = field.widget
    if isinstance(widget, forms.HiddenInput):
        return Field(name)
    if isinstance(field, DateInputField):
        return Field(name, context={"legend_size": Size.for_legend(Size.SMALL)})
    if isinstance(widget, forms.RadioSelect):
        return Field.radios(name, legend_size=Size.SMALL)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return Field.checkboxes(name, legend_size=Size.SMALL)
    if isinstance(widget, forms.CheckboxInput):
        return Field.checkbox(name)
    if isinstance(widget, forms.Select):
        return Field.select(name)
    if isinstance(widget, forms.Textarea):
        return Field.textarea(name)
    return Field.text(name)


class GovukFormMixin:
    """Lays out every field with the GOV.UK Design System pattern that fits its widget."""

    @property
    def helper(self):
        # Built when rendered, so forms that drop or add fields in __init__ lay out what they really have.
        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(*(_layout_item(name, field) for name, field in self.fields.items()))
        return helper


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukFilterForm(GovukForm):
    """A GET form (search and filters): no CSRF token, which would otherwise end up in every shared link."""

    @property
    def helper(self):
        helper = super().helper
        helper.disable_csrf = True
        return helper


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class GovukDateField(DateInputField):
    """A date as three fields (day, month, year), with GOV.UK error messages."""

    def __init__(self, *, label, help_text="For example, 27 3 2015", **kwargs):
        super().__init__(label=label, help_text=help_text, require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter the {label.lower()}"
        self.error_messages["incomplete"] = f"The {label.lower()} must include a day, month and year"
        self.error_messages["invalid"] = f"The {label.lower()} must be a real date"
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.error_messages["incomplete"] = f"The {label.lower()} must include a {name}"
            part.error_messages["required"] = f"The {label.lower()} must include a {name}"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            if int(year) < 1000:
                raise ValueError("two-digit year")
            return dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class InviteeForm(GovukForm):
    """Who an invitation goes to; each invitation form adds what it grants."""

    email_label = "Their email address"
    full_name = forms.CharField(label="Their full name", max_length=150,
                                error_messages={"required": "Enter the full name of the person you are inviting"})
    email = forms.EmailField(error_messages={
        "required": "Enter the email address to send the invitation to",
        "invalid": "Enter an email address in the correct format, like name@example.com",
    })

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = self.email_label


YES_NO = [(True, "Yes"), (False, "No")]


def yes_no_field(label, *, error, help_text=""):
    return forms.TypedChoiceField(
        label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect,
        coerce=lambda value: value in (True, "True"), error_messages={"required": error},
    )
