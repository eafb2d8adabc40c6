"""Pages for the Local Offer team to import other areas' Open Referral UK feeds, and the public downloads of
every published service."""

import io
import math
import uuid

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from send_portal.core.forms import GovukForm

from . import selectors, services
from .api import export
from .api.views import OrukThrottle

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Building the downloads reads every published service, so one build serves everyone for a few minutes. A change
# to a listing shows in the downloads within this time (the pages and the API show it at once).
EXPORT_CACHE_SECONDS = 5 * 60


class ImportForm(GovukForm):
    source_name = forms.CharField(
        label="Which area is the feed from?", max_length=200,
        help_text="For example, Northshire County Council. Use the same name to update an earlier import.",
        error_messages={"required": "Enter the name of the area the feed comes from"})
    feed_url = forms.URLField(
        label="The feed's web address", required=False, assume_scheme="https",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        help_text="The address the feed's /services page is under, for example https://example.org/api/oruk",
        error_messages={"invalid": "Enter a web address starting with http:// or https://"})
    feed_file = forms.FileField(
        label="Or upload the feed as a file", required=False,
        help_text="A JSON file of Open Referral UK version 3 services, smaller than 20MB.")
    allow_mass_withdrawal = forms.BooleanField(
        label="I expect most of this area's services to be withdrawn", required=False,
        help_text="Without this, an import that would withdraw more than half of the area's published services is "
                  "stopped, since a feed that is down or only partly working often looks like that.")

    def clean_feed_url(self):
        url = self.cleaned_data.get("feed_url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValidationError("Enter a web address starting with http:// or https://")
        return url

    def clean_feed_file(self):
        uploaded = self.cleaned_data.get("feed_file")
        if not uploaded:
            return None
        if uploaded.size == 0:
            raise ValidationError("The selected file is empty")
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise ValidationError("The selected file must be smaller than 20MB")
        from ehc.uploads import JSON, JSON_MESSAGE, inspect_upload

        # The portal's one upload checker (name, libmagic sniff); the feed is read here, never stored.
        _type, _extension, data = inspect_upload(uploaded, allowed=JSON, message=JSON_MESSAGE,
                                                 max_bytes=MAX_UPLOAD_BYTES)
        try:
            return services.oruk_feed_decode(data)
        except ValidationError as error:
            if error.messages == ["This is not a JSON file"]:
                raise ValidationError("The selected file must be a JSON file") from None
            raise

    def clean(self):
        cleaned = super().clean()
        has_url, has_file = bool(cleaned.get("feed_url")), cleaned.get("feed_file") is not None
        if not self.errors.get("feed_url") and not self.errors.get("feed_file"):
            if has_url and has_file:
                self.add_error("feed_url", "Give the feed's web address or upload a file, not both")
            elif not has_url and not has_file:
                self.add_error("feed_url", "Enter the feed's web address, or upload the feed as a file")
        if has_file and not self.errors:
            try:
                cleaned["feed"] = services.oruk_feed_parse(cleaned["feed_file"])
            except ValidationError as error:
                self.add_error("feed_file", error)
        return cleaned


def import_list(request):
    return render(request, "local_offer/imports/list.html", {"sources": selectors.oruk_import_sources()})


def import_new(request):
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                feed = data.get("feed") or services.oruk_feed_fetch(data["feed_url"])
                source, result = services.oruk_import_from(
                    source_name=data["source_name"], services=feed, url=data.get("feed_url", ""),
                    allow_mass_withdrawal=data.get("allow_mass_withdrawal", False))
            except services.MassWithdrawal as error:
                form.add_error("allow_mass_withdrawal", error)
            except ValidationError as error:
                form.add_error("feed_file" if data.get("feed") else "feed_url", error)
            else:
                messages.success(request, f"Imported the feed from {source.name}: {result}.")
                return redirect("local_offer_import_list")
    else:
        initial = {}
        source = selectors.oruk_import_sources().filter(pk=request.GET.get("source")).first() \
            if _is_uuid(request.GET.get("source")) else None
        if source:
            initial = {"source_name": source.name, "feed_url": source.url}
        form = ImportForm(initial=initial)
    return render(request, "local_offer/imports/new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class ExportThrottle(OrukThrottle):
    """The open API's limit per visitor, counted separately, and for signed-in visitors too: a download costs
    more than an API page."""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": "export", "ident": self.get_ident(request)}


def _too_many(request):
    throttle = ExportThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = math.ceil(throttle.wait() or 1)
    response = HttpResponse(f"Too many downloads from your address. Try again in {wait} seconds.\n",
                            status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv() -> str:
    buffer = io.StringIO()
    export.export_csv(buffer)
    return buffer.getvalue()


def _download(request, kind, build, content_type, filename):
    refused = _too_many(request)
    if refused:
        return refused
    body = cache.get_or_set(f"local_offer_export:{kind}", build, EXPORT_CACHE_SECONDS)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def export_json(request):
    return _download(request, "json", export.export_json, "application/json; charset=utf-8",
                     "local-offer-services.json")


@require_GET
def export_csv(request):
    return _download(request, "csv", _csv, "text/csv; charset=utf-8", "local-offer-services.csv")
