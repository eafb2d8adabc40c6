"""The one way the portal hands a stored file to a person: always as a download, never shown in the browser."""

from django.http import FileResponse

# Even if a browser tried to display the file, it could run nothing, load nothing and be framed by no page.
DOWNLOAD_CSP = "sandbox; default-src 'none'; base-uri 'none'; frame-ancestors 'none'"


def attachment(file, *, filename: str, content_type: str) -> FileResponse:
    """A download of `file` (an open file or file-like object). The name is quoted by Django, so a stored name
    cannot split the headers; nosniff keeps the browser to the type given, and no browser or proxy keeps a copy."""
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response
