import tempfile

from allauth.account.decorators import reauthentication_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from send_portal.core.downloads import attachment
from send_portal.organisations.models import Role
from send_portal.organisations.selectors import local_authorities_for

from . import selectors, services
from .forms import SubjectAccessForm

PAGE = {
    "page_title": "Export a subject access request",
    "caption": "Data protection",
    "hint": "Download everything the portal holds about one child or one person as a ZIP file: their records, "
            "documents, messages and who opened or changed their records. You will be asked for your password "
            "again before the download starts. Check the export for other people's information before you "
            "send it.",
    "submit_text": "Download the export",
}


# GET shows the form; the POST that downloads needs a password (or authenticator) typed in the last few minutes.
@sensitive_post_parameters("identifier")
@reauthentication_required(allow_get=True)
def subject_access_export(request):
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return render(request, "core/form_page.html", {**PAGE, "form": form})
    if not form.is_valid():
        return render(request, "core/form_page.html", {**PAGE, "form": form}, status=400)
    kind, identifier = form.cleaned_data["kind"], form.cleaned_data["identifier"]
    councils = local_authorities_for(request.user, Role.ADMINISTRATOR)
    if kind == "child":
        subject = selectors.subject_child(identifier, councils=councils)
        missing = "There is no child or young person with that reference in your council's records"
    else:
        subject = selectors.subject_person(identifier, councils=councils)
        missing = "There is no person with that email address in your council's records"
    if subject is None:
        form.add_error("identifier", missing)
        return render(request, "core/form_page.html", {**PAGE, "form": form}, status=404)
    # Built in a temporary file, not memory: a family's documents can run to hundreds of megabytes. FileResponse
    # closes it (and so deletes it) when the download ends.
    archive = tempfile.TemporaryFile()  # noqa: SIM115
    # Every row, not only the subject, is limited to the administrator's councils: a person who also works with
    # another council has records there that are that council's to disclose.
    services.subject_access_export(kind=kind, subject=subject, exported_by=request.user, out=archive,
                                   councils=councils)
    archive.seek(0)
    label = services.subject_label(kind, subject).replace(" ", "-")
    return attachment(archive, content_type="application/zip",
                      filename=f"subject-access-{label}-{timezone.localdate():%Y-%m-%d}.zip")
