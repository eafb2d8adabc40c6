"""The one way the portal renders a PDF: tagged PDF/UA from HTML, fetching only the portal's own static files.

Security notes §4.5, C-30 to C-32. Templates autoescape everything people type, and the fetcher below is the
second lock: it reads only `data:` URLs and files inside the portal's static directories, never follows a
redirect, and any other or missing resource stops the rendering (fail_on_errors), so a missing logo, font or
stylesheet fails the task loudly instead of producing a quietly degraded letter.
"""

from pathlib import Path

from django.conf import settings


class PdfRenderError(RuntimeError):
    """Rendering stopped, for example because an asset is missing or a URL outside the allow-list was asked for."""


def static_roots() -> list[Path]:
    """The directories whose files a PDF may use: the portal's own static assets, nothing else."""
    roots = [Path(root) for root in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def _fetcher_class():
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    class AllowListFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, fail_on_errors=True,
                             timeout=5)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"Not on the PDF allow-list: {url[:60]}")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in static_roots()):
                raise ValueError(f"Not on the PDF allow-list: {url[:60]}")
            if not path.is_file():
                raise FileNotFoundError(f"PDF asset missing: {path.name}")
            return super().fetch(path.as_uri(), headers)

    return AllowListFetcher


def pdf_from_html(html: str, *, fetcher=None) -> bytes:
    """Tagged PDF/UA (structure tree, /MarkInfo, /Lang from <html lang>, the <title> as Title) from HTML.

    Relative URLs resolve inside the first static directory, so a template may use `portal/council-logo.svg`.
    Raises PdfRenderError when an asset is missing or a URL is refused. `fetcher` lets tests spy on fetches."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    base_url = static_roots()[0].as_uri() + "/"
    try:
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher or _fetcher_class()()).write_pdf(
            pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        # A BaseException in WeasyPrint: turn it into an ordinary error so the task fails visibly and retries.
        raise PdfRenderError(str(error)) from error
