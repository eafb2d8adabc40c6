"""C-30 to C-32: every PDF the portal makes (EHC plan, letter, panel minutes, board pack) keeps hostile text as
text, fetches nothing outside the allow-list, carries no attachment, is tagged PDF/UA, and is stored once."""

import datetime as dt
import io
import types

import pikepdf
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from send_portal.core import pdf as core_pdf
from send_portal.core.pdf import PdfRenderError, pdf_from_html, static_roots
from tests.targets import final_plan_case

pytestmark = pytest.mark.django_db

PAYLOADS = ('<link rel="attachment" href="file:///etc/passwd">', '<img src="http://127.0.0.1:9/x">',
            '<style>@import url("file:///etc/passwd");</style>')
HOSTILE = " ".join(PAYLOADS)


@pytest.fixture
def spy(monkeypatch):
    """Records every URL the renderer asks for, and the HTML each PDF was made from, then renders as normal."""
    import weasyprint

    seen = types.SimpleNamespace(urls=[], html=[])
    real_class, real_html = core_pdf._fetcher_class(), weasyprint.HTML

    class SpyFetcher(real_class):
        def fetch(self, url, headers=None):
            seen.urls.append(url)
            return super().fetch(url, headers)

    def spying_html(*args, string=None, **kwargs):
        seen.html.append(string)
        return real_html(*args, string=string, **kwargs)

    monkeypatch.setattr(core_pdf, "_fetcher_class", lambda: SpyFetcher)
    monkeypatch.setattr(weasyprint, "HTML", spying_html)
    return seen


def _all_stored():
    def walk(folder):
        dirs, files = default_storage.listdir(folder)
        for name in files:
            yield f"{folder}/{name}" if folder else name
        for sub in dirs:
            yield from walk(f"{folder}/{sub}" if folder else sub)
    return set(walk(""))


def _render_every_pdf_type(world, spy):
    """Each PDF type from the real services, with the hostile payloads in a free-text field that reaches it.
    Each is rendered twice, as a retried task would. Returns {type: the model field holding the file}."""
    from dashboards import selectors_plan
    from dashboards import services as dashboards
    from ehc import services as ehc
    from ehc.services.letters import letter_issue, letter_render_pdf
    from send_portal.panels import services as panels
    from send_portal.panels.models import Meeting

    today = timezone.localdate()
    case = final_plan_case(world)
    spy.html.clear()  # the plan as first issued, before the payloads went in
    version = case.plan_versions.get(status="final")
    need = version.needs.first()
    need.text = HOSTILE
    need.save()
    provision = version.provision.first()
    provision.what = HOSTILE
    provision.save()
    for _ in range(2):
        version = ehc.plan_render_pdf(version=version)

    review = types.SimpleNamespace(meeting_on=today, decision_reasons=HOSTILE)
    letter = letter_issue(case=case, kind="review_decision", issued_on=today, review=review,
                          next_review_by=today + dt.timedelta(days=300))
    for _ in range(2):
        letter = letter_render_pdf(letter=letter)

    panel = panels.panel_create(name=f"Panel {HOSTILE}", purpose="ehc_assessment", local_authority=world.council,
                                weekday=today.weekday())
    panels.panel_member_add(panel=panel, user=world.panel, role="chair", represents=HOSTILE)
    meeting = Meeting.objects.create(panel=panel, date=today - dt.timedelta(days=1))
    panels.meeting_attendance_record(meeting=meeting, user=world.panel, present=list(panel.members.all()))
    for _ in range(2):
        meeting = panels.minutes_render(meeting=meeting)

    plan = dashboards.plan_create(council=world.council, user=world.lead, kind="partnership", title=HOSTILE,
                                  starts_on=today - dt.timedelta(days=100), ends_on=today + dt.timedelta(days=600))
    pack = dashboards.board_pack_request(plan=plan, quarter=selectors_plan.quarter_for(today).key, user=world.lead)
    for _ in range(2):
        pack = dashboards.board_pack_render(pack=pack)
    return {"EHC plan": version.pdf, "letter": letter.pdf, "panel minutes": meeting.minutes_pdf,
            "board pack": pack.pdf}


def test_every_pdf_type_is_safe_tagged_and_stored_once(world, spy):
    before = _all_stored()
    files = _render_every_pdf_type(world, spy)

    # C-30: nothing fetched at all (the allow-list would refuse anything but our static files), the payloads
    # reached every template as escaped text, and no PDF carries an attachment.
    roots = [root.as_uri() for root in static_roots()]
    assert [url for url in spy.urls if not url.startswith(("data:", *roots))] == []
    assert len(spy.html) == 8
    for html in spy.html:
        assert "&lt;link rel=" in html and "&lt;img src=" in html and "@import" in html
        assert '<link rel="attachment"' not in html and '<img src="http://127.0.0.1' not in html
        assert "<style>@import" not in html

    for kind, field in files.items():
        with field.open("rb") as stored:
            data = stored.read()
        with pikepdf.open(io.BytesIO(data)) as document:
            # C-30: no attachment of any kind.
            assert len(document.attachments) == 0, kind
            assert "/EmbeddedFiles" not in document.Root.get("/Names", {}), kind
            # C-32: tagged PDF/UA with a language and a title.
            assert "/StructTreeRoot" in document.Root, kind
            assert bool(document.Root.MarkInfo.Marked) is True, kind
            assert str(document.Root.Lang).startswith("en"), kind
            title = str(document.docinfo.get("/Title", ""))
            assert title.strip(), kind
            with document.open_metadata() as xmp:
                assert xmp.get("pdfuaid:part") == "1", kind

    # C-31: rendering twice leaves exactly one stored object per PDF, the one the record points to.
    added = _all_stored() - before
    assert sorted(added) == sorted(field.name for field in files.values())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_refuses_and_fails_on_any_url_outside_the_allow_list(spy, payload):
    # Markup that somehow escaped the templates' autoescaping still cannot fetch: the render stops instead.
    html = f'<!doctype html><html lang="en-GB"><head><title>T</title></head><body>{payload}<p>x</p></body></html>'
    with pytest.raises(PdfRenderError):
        pdf_from_html(html)
    assert spy.urls  # the renderer asked, and was refused


def test_our_own_static_assets_are_allowed_and_a_missing_one_fails_loudly(spy):
    page = '<!doctype html><html lang="en-GB"><head><title>Logo</title></head><body><h1>Letter</h1>{}</body></html>'
    rendered = pdf_from_html(page.format('<img src="portal/council-logo.svg" alt="Council logo">'))
    assert spy.urls and all(url.startswith(static_roots()[0].as_uri()) for url in spy.urls)
    with pikepdf.open(io.BytesIO(rendered)) as document:
        assert "/StructTreeRoot" in document.Root and len(document.attachments) == 0
    with pytest.raises(PdfRenderError):
        pdf_from_html(page.format('<img src="portal/no-such-logo.svg" alt="Council logo">'))
    with pytest.raises(PdfRenderError):
        pdf_from_html(page.format('<link rel="stylesheet" href="build/no-such.css">'))
    # A path that climbs out of the static directory is refused even though the file exists.
    with pytest.raises(PdfRenderError):
        pdf_from_html(page.format('<img src="../manage.py" alt="">'))
