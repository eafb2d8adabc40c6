"""Forms for Local Offer feedback, feedback triage and the information pages."""

import re

from django import forms
from django.core.exceptions import ValidationError

from send_portal.core.forms import GovukForm, GovukModelForm, yes_no_field

from .models import Feedback, InformationPage, Service
from .services.feedback import PUBLISHABLE_THEMES

COMMENT_MAX_LENGTH = 5000
LOCAL_OFFER_ROOT = "/local-offer/"
# A path on this site under the Local Offer, and nothing that a browser could read as another site or another
# part of the portal: no scheme, no "//", no backslashes, no "..", no spaces or control characters.
_LOCAL_PAGE = re.compile(r"^/local-offer/[A-Za-z0-9\-._~/%?=&+]*$")


def local_offer_page(value: str | None) -> str | None:
    """The page address if it is a Local Offer page on this site, otherwise None."""
    value = (value or "").strip()
    if (len(value) > 300 or not _LOCAL_PAGE.match(value) or "//" in value or ".." in value):
        return None
    return value


class LocalOfferPageField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(max_length=300, error_messages={
            "required": "The page you came from is missing. Go back to the page and try again",
            "max_length": "The page you came from must be a Local Offer page",
        }, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if local_offer_page(value) is None:
            raise ValidationError("The page you came from must be a Local Offer page", code="invalid")
        return value


class _PublishedServiceField(forms.ModelChoiceField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            # A malformed identifier is the same to the visitor as a service that is not there.
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from error


def _service_field():
    return _PublishedServiceField(
        queryset=Service.objects.filter(visibility=Service.Visibility.PUBLISHED), required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "The service you came from could not be found. Go back and try again"})


class _HiddenFieldErrorsMixin:
    """Errors in hidden fields (the page and service the visitor came from) are shown in the error summary, which
    only lists visible fields, so they are moved to the whole form."""

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.HiddenInput) and name in self._errors:
                for error in self._errors.pop(name):
                    self.add_error(None, error)
        return data


class VoteForm(_HiddenFieldErrorsMixin, GovukForm):
    kind = forms.ChoiceField(
        label="Was this page useful?", widget=forms.HiddenInput,
        choices=[(Feedback.Kind.USEFUL, "Yes"), (Feedback.Kind.NOT_USEFUL, "No")],
        error_messages={"required": "Choose yes or no", "invalid_choice": "Choose yes or no"})
    page = LocalOfferPageField()
    service = _service_field()


class WrittenFeedbackForm(_HiddenFieldErrorsMixin, GovukForm):
    comment_label = "Your comment"
    comment_help = ""
    comment_required = "Enter your comment"

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=COMMENT_MAX_LENGTH)
    reply_email = forms.EmailField(
        label="Email address (optional)", required=False,
        help_text="Only if you would like a reply. We will never publish it or pass it on.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"})
    page = LocalOfferPageField()
    service = _service_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.label = self.comment_label
        field.help_text = self.comment_help
        field.error_messages["required"] = self.comment_required
        field.error_messages["max_length"] = f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise ValidationError(self.comment_required, code="required")
        return comment


class ProblemForm(WrittenFeedbackForm):
    comment_label = "What is wrong with this page?"
    comment_help = ("For example, information that is out of date, a link that does not work, or something that is "
                    "hard to read. If this is about a service, we will send what you write to the organisation that "
                    "runs it. Do not include names or details about anyone's health or needs.")
    comment_required = "Enter what is wrong with the page"


class CommentForm(WrittenFeedbackForm):
    comment_label = "Your comment"
    comment_help = "Do not include names or details about anyone's health or needs. We publish comments anonymously."
    comment_required = "Enter your comment"


TRIAGE_THEMES = [(value, label) for value, label in Feedback.Theme.choices if value]


class TriageForm(GovukForm):
    theme = forms.ChoiceField(label="What is this comment about?", choices=TRIAGE_THEMES, widget=forms.RadioSelect,
                              error_messages={"required": "Choose what the comment is about"})
    published_comment = forms.CharField(
        label="You said (optional unless publishing)", required=False, max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The comment as it will be published. Remove names, places, dates or anything else that could "
                  "identify someone.")
    response = forms.CharField(label="What we said (optional unless publishing)", required=False,
                               max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
    action = forms.CharField(label="What we did or will do (optional)", required=False,
                             max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))
    send_to_provider = forms.BooleanField(
        label="Send this problem report to the organisation that runs the service", required=False,
        help_text="Only for a report about a listing's content. The sender's email address is never passed on.")
    provider_text = forms.CharField(
        label="What to send the organisation (optional)", required=False, max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave blank to send the report as written. Remove anything about a child or family first.")
    publish = yes_no_field("Publish on the \"You said, we did\" page?", error="Choose whether to publish it",
                           help_text="Only comments about content, accessibility or how the Local Offer was "
                                     "developed can be published.")

    def __init__(self, *args, feedback=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not (feedback and feedback.service_id and feedback.service.organisation.email) \
                or feedback.sent_to_provider_at:
            del self.fields["send_to_provider"]
            del self.fields["provider_text"]

    def clean(self):
        data = super().clean()
        if data.get("send_to_provider") and data.get("theme") != Feedback.Theme.CONTENT:
            self.add_error("send_to_provider", "Only a report about what a listing says can be sent to its "
                                               "organisation. Choose content, or untick this box")
        if data.get("publish") and data.get("theme"):
            if data["theme"] not in PUBLISHABLE_THEMES:
                self.add_error("publish", "Comments about an individual case, or vexatious comments, cannot be "
                                          "published. Choose no")
            else:
                if not data.get("published_comment", "").strip():
                    self.add_error("published_comment", "Enter the comment as it will be published")
                if not data.get("response", "").strip():
                    self.add_error("response", "Enter what we said in response")
        return data


class InformationPageForm(GovukModelForm):
    class Meta:
        model = InformationPage
        fields = ["title", "slug", "summary", "audience", "body", "position", "is_published"]
        labels = {
            "slug": "Web address",
            "summary": "Summary",
            "audience": "Who is this page for?",
            "body": "Page content",
            "position": "Order in lists",
            "is_published": "Published",
        }
        help_texts = {
            "slug": "Lower case letters, numbers and hyphens, for example 'personal-budgets'. The page will be at "
                    "/local-offer/information/ followed by this.",
            "summary": "One sentence shown in lists of pages.",
            "body": "Markdown. Use # for headings, - for lists and [words](address) for links. Anything else, such "
                    "as images or scripts, is removed.",
        }
        widgets = {"audience": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 20})}
        error_messages = {
            "title": {"required": "Enter a title"},
            "slug": {"required": "Enter a web address", "invalid": "The web address can only contain lower case "
                                                                   "letters, numbers and hyphens",
                     "unique": "Another page already has this web address"},
            "summary": {"required": "Enter a summary"},
            "body": {"required": "Enter the page content"},
            "position": {"required": "Enter a number for the order in lists",
                         "invalid": "The order in lists must be a whole number"},
            "audience": {"required": "Choose who the page is for"},
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug != slug.lower():
            raise ValidationError("The web address can only contain lower case letters, numbers and hyphens")
        return slug
