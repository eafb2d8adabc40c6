from django import template
from django.utils.html import format_html

from send_portal.core.dates import govuk_date, govuk_time
from send_portal.core.glossary import GLOSSARY

register = template.Library()


@register.simple_tag
def abbr(acronym: str):
    """<abbr> with the plain-English expansion, for acronyms in page text."""
    meaning = GLOSSARY.get(acronym)
    if not meaning:
        return acronym
    return format_html('<abbr title="{}">{}</abbr>', meaning[0], acronym)


register.filter("govuk_date", govuk_date)
register.filter("govuk_time", govuk_time)


@register.filter
def error_anchor(bound_field, field_id):
    """The id an error summary link should point at: the first option of a radio or checkbox group, or the
    first box of a date, because the group's own id is not on any element."""
    from django import forms

    if field_id != bound_field.auto_id:
        return field_id
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field_id}_1"
    if isinstance(widget, forms.MultiWidget):
        return f"{field_id}_0"
    return field_id
