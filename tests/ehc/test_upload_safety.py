"""C-26 to C-29: disguised and dangerous uploads are refused, active content and metadata are stripped from what is
stored, the virus scan fails closed, and files are served only through the permission-checked view."""

import hashlib
import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, PngImagePlugin

from ehc import services
from ehc.models import Document
from tests.targets import PDF_BYTES

pytestmark = pytest.mark.django_db

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
CLAMD = "/usr/sbin/clamd"
MB = 1024 * 1024


@pytest.fixture
def draft(world):
    return services.case_start(requested_by=world.senco_a, child=world.child_a, requester_kind="school",
                               requesting_setting=world.school_a, reason="Reading.")


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Real files on disk under tmp_path/media, so "nothing written outside the storage root" can be measured."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


def _docx(members=None, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _upload(client, case, name, content):
    return client.post(reverse("ehc_document_upload", args=[case.pk]), {"document": SimpleUploadedFile(name, content)})


# --- C-26: disguised and dangerous files ---------------------------------------------------------------------

def _zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        # 60MB of zeros packs into about 60KB.
        with archive.open("word/media/filler.xml", "w") as member:
            chunk = b"\x00" * MB
            for _ in range(60):
                member.write(chunk)
    return buffer.getvalue()


DISGUISED = [
    ("html-as-pdf", "report.pdf", b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
     "must be a PDF, Word document"),
    ("svg-as-png", "photo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                                b"</script></svg>", "must be a PDF, Word document"),
    ("exe-as-docx", "report.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be "
                                   b"run in DOS mode", "must be a PDF, Word document"),
    ("double-extension", "x.pdf.exe", PDF_BYTES, "must be a PDF, Word document"),
    ("rtl-override", "invoice\u202egnp.exe", PDF_BYTES, "must be a PDF, Word document"),
    ("zero-bytes", "empty.pdf", b"", "The selected file is empty"),
    ("one-byte-over", "big.pdf", PDF_BYTES + b"%" * (10 * MB + 1 - len(PDF_BYTES)), "smaller than 10MB"),
    ("docx-zip-bomb", "bomb.docx", None, "too large when opened"),
    ("path-traversal", "../../etc/passwd", PDF_BYTES, "must be a PDF, Word document"),
    ("macro-docx", "macro.docx", None, "must not contain macros"),
]


@pytest.mark.parametrize(("case_name", "name", "content", "error"), DISGUISED, ids=[row[0] for row in DISGUISED])
def test_disguised_and_dangerous_uploads_are_refused_and_nothing_is_written(
        world, draft, client_for, disk_storage, case_name, name, content, error):
    if case_name == "docx-zip-bomb":
        content = _zip_bomb()
        assert len(content) < 10 * MB  # small on the wire, 60MB unpacked
    if case_name == "macro-docx":
        content = _docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    response = _upload(client_for("senco_a"), draft, name, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and "govuk-error-summary" in page
    assert Document.objects.count() == 0
    written = [path for path in disk_storage.rglob("*") if path.is_file()]
    assert written == []


@pytest.mark.parametrize("name", ["..\\..\\evil.pdf", "report\u202efdp.pdf", ".hidden.pdf"])
def test_names_that_would_disguise_or_escape_are_refused_by_the_service_itself(world, draft, disk_storage, name):
    # Django's form parser already drops folders and hidden characters (and UploadedFile drops "/" folders); the
    # checker does not rely on either.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.document_add(case=draft, uploaded=SimpleUploadedFile(name, PDF_BYTES), uploaded_by=world.senco_a,
                              kind="evidence")
    assert Document.objects.count() == 0
    assert [path for path in disk_storage.rglob("*") if path.is_file()] == []


def test_an_accepted_file_lands_only_under_the_storage_root_with_a_random_name(world, draft, client_for,
                                                                               disk_storage):
    response = _upload(client_for("senco_a"), draft, "../../report.docx", _docx())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.content_type.endswith("wordprocessingml.document") and document.original_name == "report.docx"
    written = [path for path in disk_storage.rglob("*") if path.is_file()]
    assert len(written) == 1 and written[0].is_relative_to(disk_storage / "media")
    assert "report" not in written[0].name


# --- C-29: active content and metadata are removed from the stored copy ----------------------------------------

ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/Launch"}


def _hostile_pdf():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    script = pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.OpenAction = pdf.make_indirect(script)
    pdf.Root.AA = pikepdf.Dictionary(WC=script)
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array(["x", script])))
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really", filename="payload.exe")
    page = pdf.pages[0]
    page.obj.AA = pikepdf.Dictionary(O=script)
    launch = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
                                A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))
    attached = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[0, 0, 5, 5],
                                  FS=pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("a.exe")))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(launch), pdf.make_indirect(attached)]))
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _active_keys(document):
    """Every active-content key anywhere in the file, walking direct and indirect objects from the trailer."""
    found, seen, stack = set(), set(), [document.trailer]
    while stack:
        obj = stack.pop()
        if getattr(obj, "is_indirect", False):
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            found |= ACTIVE_KEYS & set(obj.keys())
            if obj.get("/S") in (pikepdf.Name.JavaScript, pikepdf.Name.Launch):
                found.add(str(obj.get("/S")))
            stack.extend(obj.get(key) for key in obj.keys())  # noqa: SIM118 -- pikepdf objects
        elif isinstance(obj, pikepdf.Array):
            stack.extend(obj)
    return found


def test_scripts_actions_and_embedded_files_are_stripped_from_stored_pdfs(world, draft, client_for):
    hostile = _hostile_pdf()
    with pikepdf.open(io.BytesIO(hostile)) as before:
        assert _active_keys(before) >= {"/JS", "/OpenAction", "/AA", "/EmbeddedFiles", "/JavaScript"}
    assert _upload(client_for("senco_a"), draft, "report.pdf", hostile).status_code == 302
    document = Document.objects.get()
    with document.file.open("rb") as stored, pikepdf.open(io.BytesIO(stored.read())) as after:
        assert _active_keys(after) == set()
        assert len(after.attachments) == 0
        assert len(after.pages) == 1
    assert document.sha256 == hashlib.sha256(document.file.open("rb").read()).hexdigest()


def test_gps_and_other_exif_are_stripped_from_stored_photos(world, draft, client_for):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # taken sideways: the stored copy is turned upright
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(buffer, "JPEG", exif=exif)
    with Image.open(io.BytesIO(buffer.getvalue())) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload really carries a location
    assert _upload(client_for("senco_a"), draft, "wheelchair.jpg", buffer.getvalue()).status_code == 302
    document = Document.objects.get()
    with document.file.open("rb") as stored, Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "JPEG" and document.content_type == "image/jpeg"
        assert dict(image.getexif()) == {} and not image.getexif().get_ifd(0x8825)
        assert "exif" not in image.info
        assert image.size == (20, 40)


@pytest.mark.parametrize("cut", [45, 60])
def test_a_damaged_image_is_refused_even_after_weasyprint_is_loaded(world, draft, client_for, cut):
    # A real PNG cut short: libmagic calls it a PNG, but it cannot be decoded, so it cannot be cleaned either.
    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported; the checker does
    # not depend on that flag.
    import weasyprint.images  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    response = _upload(client_for("senco_a"), draft, "photo.png", _png()[:cut])
    assert response.status_code == 400 and "could not be read" in response.content.decode()
    assert Document.objects.count() == 0



def _pdf_bytes(build):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    build(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _set_annots(value):
    def build(pdf):
        pdf.pages[0].obj.Annots = value
    return build


def _set_names(value):
    def build(pdf):
        pdf.Root.Names = value
    return build


# Damage a real generator can leave (a null where a deleted annotation was) or an attacker can write. Each one
# made the cleaner raise AttributeError or TypeError, which the upload views do not catch: a 500.
CRAFTED = [
    ("int-and-null-annots", _set_annots(pikepdf.Array([5, None]))),
    ("annots-not-an-array", _set_annots(7)),
    ("names-an-array", _set_names(pikepdf.Array([1, 2]))),
    ("names-an-integer", _set_names(3)),
]


@pytest.mark.parametrize("build", [row[1] for row in CRAFTED], ids=[row[0] for row in CRAFTED])
def test_malformed_pdf_structures_are_cleaned_not_a_server_error(world, draft, client_for, build):
    # The damaged part is dropped and the rest kept: refusing these would refuse real parents' scans.
    assert _upload(client_for("senco_a"), draft, "report.pdf", _pdf_bytes(build)).status_code == 302
    with Document.objects.get().file.open("rb") as stored, pikepdf.open(io.BytesIO(stored.read())) as after:
        assert "/Names" not in after.Root
        assert list(after.pages[0].obj.get("/Annots", [])) == []


PAGE_LOOP = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>"
             b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF")


def test_a_pdf_that_cannot_be_cleaned_is_refused_with_a_govuk_error(world, draft, client_for, monkeypatch):
    response = _upload(client_for("senco_a"), draft, "report.pdf", PAGE_LOOP)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode() and "govuk-error-summary" in response.content.decode()
    # Whatever pikepdf raises while cleaning or saving -- not only PdfError -- is the same refusal, never a 500.
    def broken_save(*args, **kwargs):
        raise RuntimeError("qpdf gave up")

    monkeypatch.setattr(pikepdf.Pdf, "save", broken_save)
    response = _upload(client_for("senco_a"), draft, "report.pdf", PDF_BYTES)
    assert response.status_code == 400 and "could not be read" in response.content.decode()
    assert Document.objects.count() == 0


def _pdf_with_bookmarks_and_links():
    """Bookmarks with a script, a launch and a script chained after a page jump; links to a web page and to
    javascript:; and a named destination the page-jump bookmark uses."""
    def build(pdf):
        def action(kind, **extra):
            return pikepdf.Dictionary(S=pikepdf.Name(kind), **extra)

        page = pdf.pages[0].obj
        script = action("/JavaScript", JS=pikepdf.String("app.alert(1)"))
        outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
        top = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("Script"), Parent=outlines, A=script))
        child = pdf.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String("Section 1"), Parent=top,
            A=action("/GoTo", D=pikepdf.String("intro"), Next=script)))
        sibling = pdf.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String("Launch"), Parent=outlines, Prev=top,
            A=action("/Launch", F=pikepdf.String("cmd.exe")), AA=pikepdf.Dictionary(O=script)))
        top.First = top.Last = child
        top.Next = sibling
        outlines.First, outlines.Last, outlines.Count = top, sibling, 3
        pdf.Root.Outlines = outlines
        pdf.Root.Names = pikepdf.Dictionary(
            Dests=pikepdf.Dictionary(Names=pikepdf.Array(["intro", pikepdf.Array([page, pikepdf.Name.Fit])])),
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array(["x", script])))

        def link(target):
            return pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
                                      A=action("/URI", URI=pikepdf.String(target)))

        page.Annots = pikepdf.Array([link("https://www.gov.uk/"), link("javascript:app.alert(1)")])
    return _pdf_bytes(build)


def test_bookmark_scripts_and_javascript_links_are_stripped_and_page_jumps_kept(world, draft, client_for):
    hostile = _pdf_with_bookmarks_and_links()
    with pikepdf.open(io.BytesIO(hostile)) as before:
        assert {"/JS", "/AA", "/Launch", "/JavaScript"} <= _active_keys(before)
    assert _upload(client_for("senco_a"), draft, "report.pdf", hostile).status_code == 302
    with Document.objects.get().file.open("rb") as stored, pikepdf.open(io.BytesIO(stored.read())) as after:
        assert _active_keys(after) == set()
        top = after.Root.Outlines.First
        assert "/A" not in top and "/A" not in top.Next and "/AA" not in top.Next
        assert str(top.First.A.S) == "/GoTo" and "/Next" not in top.First.A
        assert list(after.Root.Names.keys()) == ["/Dests"]
        links = [str(annot.A.URI) for annot in after.pages[0].obj.Annots if "/A" in annot]
        assert links == ["https://www.gov.uk/"]


def test_jpeg_comments_and_png_text_chunks_are_stripped_from_stored_images(world, draft, client_for):
    secret = "Home: 12 Acacia Avenue"
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(jpeg, "JPEG", comment=secret.encode())
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", secret)
    text.add_itxt("Description", secret)
    png = io.BytesIO()
    Image.new("RGBA", (8, 8), (255, 0, 0, 128)).save(png, "PNG", pnginfo=text)
    for name, content in (("photo.jpg", jpeg.getvalue()), ("picture.png", png.getvalue())):
        with Image.open(io.BytesIO(content)) as original:
            assert secret in repr(original.info)  # the upload really carries it
        assert _upload(client_for("senco_a"), draft, name, content).status_code == 302
    for document in Document.objects.all():
        with document.file.open("rb") as stored:
            data = stored.read()
        assert secret.encode() not in data
        with Image.open(io.BytesIO(data)) as image:
            assert "comment" not in image.info and not getattr(image, "text", {})
            assert image.size == (8, 8)


# --- C-28: serving ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected_header"), [
    ('my "report"; v2.pdf', 'attachment; filename="my \\"report\\"; v2.pdf"'),
    ("Zoë’s report – été.pdf",
     "attachment; filename*=utf-8''Zo%C3%AB%E2%80%99s%20report%20%E2%80%93%20%C3%A9t%C3%A9.pdf"),
    ("line\r\nSet-Cookie: stolen=1;.pdf", 'attachment; filename="lineSet-Cookie: stolen=1;.pdf"'),
])
def test_downloads_are_attachments_with_safe_headers_and_names(world, draft, client_for, name, expected_header):
    # Through the service: the test client's multipart encoder cannot carry CR/LF in a name, a raw request could.
    document = services.document_add(case=draft, uploaded=SimpleUploadedFile(name, PDF_BYTES),
                                     uploaded_by=world.senco_a, kind="evidence")
    response = client_for("senco_a").get(reverse("ehc_document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == expected_header
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/pdf"
    assert "stolen" not in response.cookies and "stolen" not in str(response.cookies)
    assert all("\r" not in value and "\n" not in value for _key, value in response.items())
    if "filename*=" in expected_header:
        assert unquote(expected_header.split("''", 1)[1]) == name


def test_stored_files_are_not_reachable_by_direct_url(world, draft, client_for):
    document = services.document_add(case=draft, uploaded=SimpleUploadedFile("a.pdf", PDF_BYTES),
                                     uploaded_by=world.senco_a, kind="evidence")
    client = client_for("senco_a")
    for prefix in (settings.MEDIA_URL, "/media/", settings.STATIC_URL, "/uploads/", "/"):
        assert client.get(f"{prefix}{document.file.name}").status_code == 404, prefix


# --- C-27: antivirus, fail closed ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def clamd_socket():
    """A real clamd with a locally made EICAR signature (md5:size:name, what `sigtool --md5` writes), and a
    1MB stream limit so an oversized stream can be tried cheaply."""
    if not os.path.exists(CLAMD):
        pytest.skip("clamd is not installed")
    # Unix socket paths are limited to about 100 characters, so not pytest's long tmp_path.
    folder = Path(tempfile.mkdtemp(prefix="clamd-test-"))
    (folder / "db").mkdir()
    (folder / "db" / "local_test.hdb").write_text(f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:Portal.Test.EICAR\n")
    sock = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"DatabaseDirectory {folder / 'db'}\nLocalSocket {sock}\nForeground yes\nTemporaryDirectory {folder}\n"
        "StreamMaxLength 1M\n")
    process = subprocess.Popen([CLAMD, "-c", str(folder / "clamd.conf")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if sock.exists():
                break
            if process.poll() is not None:
                pytest.skip("clamd did not start")
            time.sleep(0.05)
        else:
            pytest.skip("clamd did not open its socket")
        yield str(sock)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _download(client_for, document):
    return client_for("senco_a").get(reverse("ehc_document", args=[document.pk])).status_code


def test_with_clamd_a_clean_file_is_scanned_and_downloadable(world, draft, client_for, settings, clamd_socket):
    settings.CLAMD_SOCKET = clamd_socket
    assert _upload(client_for("senco_a"), draft, "report.docx", _docx()).status_code == 302
    document = Document.objects.get()
    assert document.scan_status == "clean"
    assert _download(client_for, document) == 200


def test_with_clamd_an_infected_file_is_refused_stored_nowhere_and_alerted(world, draft, client_for, settings,
                                                                          clamd_socket, caplog, disk_storage):
    settings.CLAMD_SOCKET = clamd_socket
    # ClamAV unpacks the Word file and matches the EICAR member by its hash.
    response = _upload(client_for("senco_a"), draft, "report.docx", _docx({"word/eicar.txt": EICAR},
                                                                           zipfile.ZIP_STORED))
    assert response.status_code == 400 and "contains a virus" in response.content.decode()
    assert Document.objects.count() == 0
    assert [path for path in disk_storage.rglob("*") if path.is_file()] == []
    assert any("ALERT virus found" in record.getMessage() for record in caplog.records)


def _stale_socket(folder):
    # What a stopped clamd leaves behind: a socket file nobody listens on.
    path = os.path.join(folder, "stale.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.close()
    return path


@pytest.mark.parametrize("how", ["socket-missing", "clamd-stopped", "stream-too-long"])
def test_a_scan_that_fails_holds_the_file_back_and_alerts(world, draft, client_for, settings, caplog, how,
                                                          clamd_socket):
    folder = tempfile.mkdtemp(prefix="clamd-gone-")
    try:
        content = _docx()
        if how == "socket-missing":
            settings.CLAMD_SOCKET = os.path.join(folder, "no-such.sock")
        elif how == "clamd-stopped":
            settings.CLAMD_SOCKET = _stale_socket(folder)
        else:
            settings.CLAMD_SOCKET = clamd_socket
            # Over clamd's 1MB StreamMaxLength but inside the portal's 10MB limit; random bytes do not compress.
            content = _docx({"word/media/photo.jpg": os.urandom(2 * MB)}, zipfile.ZIP_STORED)
        response = _upload(client_for("senco_a"), draft, "report.docx", content)
        assert response.status_code == 302
        document = Document.objects.get()
        assert document.scan_status == "scan_error"
        assert _download(client_for, document) == 404
        assert any("ALERT" in record.getMessage() for record in caplog.records)
        page = client_for("senco_a").get(response["Location"]).content.decode()
        assert "Not checked for viruses" in page and f'href="{reverse("ehc_document", args=[document.pk])}"' not in page
        # The uploader can still remove it, and add it again once the scanner is back.
        remove = client_for("senco_a").post(reverse("ehc_document_remove", args=[document.pk]))
        assert remove.status_code == 302 and Document.objects.count() == 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_without_clamd_configured_uploads_work_and_are_marked_not_scanned(world, draft, client_for, settings):
    settings.CLAMD_SOCKET = ""
    assert _upload(client_for("senco_a"), draft, "report.pdf", PDF_BYTES).status_code == 302
    document = Document.objects.get()
    assert document.scan_status == "not_scanned" and _download(client_for, document) == 200


def test_provider_evidence_goes_through_the_same_checks_and_scan(world, client_for, settings, clamd_socket):
    from alt_provision import services as ap
    from alt_provision.models import Evidence
    from tests.alt_provision.test_providers import _evidence_post

    settings.CLAMD_SOCKET = clamd_socket
    provider = ap.provider_start(organisation=world.provider_org, user=world.provider)
    today = timezone.localdate()
    url = reverse("ap_provider_evidence", args=[provider.pk, "insurance"])

    def post(name, content):
        return client_for("provider").post(url, _evidence_post(today, document=SimpleUploadedFile(name, content)))

    for name, content, says in (("policy.docx", _docx({"word/eicar.txt": EICAR}, zipfile.ZIP_STORED),
                                 "contains a virus"),
                                ("policy.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
                                 "must be a PDF, Word document"),
                                ("policy.pdf.exe", PDF_BYTES, "must be a PDF, Word document")):
        response = post(name, content)
        assert response.status_code == 400 and says in response.content.decode(), name
    assert not Evidence.objects.exists()
    assert post("policy.pdf", _hostile_pdf()).status_code == 302
    evidence = Evidence.objects.get()
    with evidence.document.open("rb") as stored, pikepdf.open(io.BytesIO(stored.read())) as pdf:
        assert _active_keys(pdf) == set() and len(pdf.attachments) == 0
