"""The GOV.UK question-then-check-your-answers pattern, shared by every form that creates something.

The answers are validated, kept in the session and shown back on a check-your-answers page. Confirming
validates them again and only then calls the service, so nothing half-saved reaches the database.
"""

import uuid

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import resolve
from django.utils.datastructures import MultiValueDict
from django.views import View

from .dates import govuk_date
from .templatetags.portal import error_anchor


def display_value(field, value):
    """An answer as words for a summary list: choice labels, GOV.UK dates, and "Not given" for blanks."""
    if value is None or isinstance(value, str | list | tuple) and not value:
        return "Not given"
    if hasattr(value, "isoformat"):
        return govuk_date(value)
    if hasattr(field, "choices") and not hasattr(value, "pk"):
        labels = {str(key): label for key, label in field.choices}
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(str(item), item)) for item in value)
        return labels.get(str(value), value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


def answer_rows(form) -> list[dict]:
    return [{"name": name, "label": field.label, "value": display_value(field, form.cleaned_data.get(name)),
             "anchor": error_anchor(form[name], form[name].auto_id)} for name, field in form.fields.items()]


def action_form_page(request, form, *, title, caption, submit_text, save, success, done_url, hint="",
                     back_url=None):
    """The shape of a one-page action on a record: a GOV.UK form page; on a valid POST the service call, then a
    message and back to the record; if the service refuses, its reason on the form and a 400. `done_url` may be
    a function of what the service returned, for an action that creates the record to go to."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(done_url(result) if callable(done_url) else done_url)
    return render(request, "core/form_page.html", {
        "form": form, "page_title": title, "caption": caption, "submit_text": submit_text, "hint": hint,
        "back_url": back_url or done_url,
    }, status=400 if request.method == "POST" else 200)


class QuestionsThenCheckView(View):
    form_class = None
    template_name = "core/form_page.html"
    check_template_name = "core/check_answers.html"
    page_title = ""
    check_title = "Check your answers"
    confirm_text = "Confirm and send"
    caption = ""

    def session_key(self) -> str:
        # From the path rather than request.resolver_match: allauth replays a confirmation that needed the password
        # again inside the re-authentication page's request, whose resolver_match is that page's.
        view_name = resolve(self.request.path_info).view_name
        return f"answers:{view_name}:{':'.join(map(str, self.kwargs.values()))}"

    def get_form_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **context) -> dict:
        return {"page_title": self.page_title, "caption": self.caption, **context}

    def done(self, form):
        """Call the service and return a redirect, or add the service's errors to the form and return None."""
        raise NotImplementedError

    def _bound_form(self, data):
        return self.form_class(data=data, **self.get_form_kwargs())

    def get(self, request, *args, **kwargs):
        saved = request.session.get(self.session_key())
        form = (self._bound_form(MultiValueDict(saved["answers"])) if saved
                else self.form_class(**self.get_form_kwargs()))
        return render(request, self.template_name, self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self._confirm(request, *args, **kwargs)
        form = self._bound_form(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.get_context_data(form=form), status=400)
        submission = uuid.uuid4().hex
        request.session[self.session_key()] = {"answers": _own_answers(form, request.POST), "submission": submission}
        return render(request, self.check_template_name, self.get_context_data(
            form=form, rows=answer_rows(form), page_title=self.check_title, confirm_text=self.confirm_text,
            # A query string makes "Change" a real request: a link to this same URL with only a #fragment would
            # just scroll the check-your-answers page, as that is the URL it was posted to.
            change_url=f"{request.path}?change", submission=submission,
        ))

    def _confirm(self, request, *args, **kwargs):
        saved = request.session.get(self.session_key())
        submission = request.POST.get("submission", "")
        if not saved or saved["submission"] != submission:
            return self._already_submitted(request, submission) or self.get(request, *args, **kwargs)
        # The claim is a row in the shared database cache, so a double click or a second tab confirming the
        # same answers finds it taken and is sent to the first result instead of creating a second record.
        if not cache.add(f"submission:{submission}", "", timeout=24 * 60 * 60):
            return self._already_submitted(request, submission) or self.get(request, *args, **kwargs)
        form = self._bound_form(MultiValueDict(saved["answers"]))
        if form.is_valid():
            response = self.done(form)
            if response is not None:
                request.session.pop(self.session_key(), None)
                cache.set(f"submission:{submission}", response.url, timeout=24 * 60 * 60)
                return response
        cache.delete(f"submission:{submission}")
        return render(request, self.template_name, self.get_context_data(form=form), status=400)

    @staticmethod
    def _already_submitted(request, submission):
        result = cache.get(f"submission:{submission}") if submission else None
        return redirect(result) if result else None


def _own_answers(form, data) -> dict:
    """Only the form's own fields go into the session, not whatever else was posted."""
    names = set()
    for name, field in form.fields.items():
        widget = field.widget
        subwidgets = getattr(widget, "widgets", None)
        if subwidgets:
            names.update(f"{form.add_prefix(name)}_{index}" for index in range(len(subwidgets)))
        else:
            names.add(form.add_prefix(name))
    return {key: data.getlist(key) for key in names if key in data}
