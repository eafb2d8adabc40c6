"""The one checker for every file a person uploads to the portal (security notes §5, C-26 to C-29).

A file is judged by its bytes, not its name: a renamed executable stays an executable. Each upload is
1. refused if its name could disguise it (a right-to-left override, a path, a second extension);
2. refused if it is empty or over the size limit;
3. refused unless libmagic says its bytes are of the type its extension claims, from a short allow-list;
4. cleaned: PDFs lose scripts, automatic actions and embedded files (pikepdf), images are re-encoded without
   their metadata (Pillow), so a phone photo no longer carries the family's home location; Word files are
   checked for zip bombs and macros;
5. scanned for viruses by clamd when CLAMD_SOCKET is set. Only clamd's explicit "OK" counts as clean.

Imports of data (CSV, JSON feeds) use the same checker with their own allow-list; they are read, not stored.
"""

import hashlib
import io
import logging
import unicodedata
import zipfile

import magic
from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger("portal.uploads")

MAX_BYTES = 10 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Extension -> the types libmagic may report for it. A .docx is a zip file, and libmagic names it either way
# depending on the order of the parts inside, so the zip structure is checked as well.
EVIDENCE = {"pdf": {"application/pdf"}, "docx": {DOCX, "application/zip"}, "png": {"image/png"},
            "jpg": {"image/jpeg"}, "jpeg": {"image/jpeg"}}
EVIDENCE_MESSAGE = "The selected file must be a PDF, Word document (DOCX), PNG or JPEG"
CSV = {"csv": {"text/csv", "text/plain", "application/csv"}}
CSV_MESSAGE = "The selected file must be a CSV file"
JSON = {"json": {"application/json", "text/plain"}}
JSON_MESSAGE = "The selected file must be a JSON file"

# What we store for each extension: the sniffed type can be the generic zip for a Word file.
STORED_TYPE = {"pdf": "application/pdf", "docx": DOCX, "png": "image/png", "jpg": "image/jpeg",
               "jpeg": "image/jpeg", "csv": "text/csv", "json": "application/json"}

# Word files: limits on what unzipping may cost (ASVS 5.2.3). Real reports are far inside them.
DOCX_MAX_MEMBERS = 1000
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 200
# Images: a small file can claim a huge canvas; this is about a 60 megapixel photo.
IMAGE_MAX_PIXELS = 60_000_000

# Characters that reorder or hide text, so "report\u202egnp.exe" shows as "reportexe.png".
_BIDI = {"\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
         "\u2066", "\u2067", "\u2068", "\u2069"}


def _size_message(max_bytes):
    return f"The selected file must be smaller than {max_bytes // (1024 * 1024)}MB"


def display_name(name: str) -> str:
    """The original name, kept only to show people and to name downloads: control characters (CR, LF, NUL) are
    dropped so it can never split a header or a log line, and it is capped at 200 characters."""
    kept = "".join(ch for ch in (name or "") if unicodedata.category(ch) != "Cc").strip()
    return kept[-200:] or "document"


def check_name(name: str, message: str) -> str:
    """The lower-case extension of an acceptable name, or ValidationError."""
    name = name or ""
    if any(ch in _BIDI for ch in name):
        raise ValidationError("The selected file name must not contain hidden direction characters: rename the "
                              "file and choose it again")
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValidationError("The selected file name must not contain a folder path: rename the file and choose "
                              "it again")
    if "." not in name:
        raise ValidationError(message)
    return name.rsplit(".", 1)[1].lower()


def inspect_upload(uploaded, *, allowed=None, message=EVIDENCE_MESSAGE,
                   max_bytes=MAX_BYTES) -> tuple[str, str, bytes]:
    """Return (content type, extension, cleaned bytes) for an acceptable file, or raise ValidationError saying why
    not, in the GOV.UK error message style. The bytes returned are what should be stored."""
    allowed = EVIDENCE if allowed is None else allowed
    extension = check_name(uploaded.name, message)
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty")
    if uploaded.size > max_bytes:
        raise ValidationError(_size_message(max_bytes))
    if extension not in allowed:
        raise ValidationError(message)
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    uploaded.seek(0)
    if not data:
        raise ValidationError("The selected file is empty")
    if len(data) > max_bytes:
        raise ValidationError(_size_message(max_bytes))
    if magic.from_buffer(data, mime=True) not in allowed[extension]:
        raise ValidationError(message)
    cleaner = {"pdf": clean_pdf, "png": clean_image, "jpg": clean_image, "jpeg": clean_image,
               "docx": check_docx}.get(extension)
    if cleaner is not None:
        data = cleaner(data)
    return STORED_TYPE[extension], extension, data


def clean_pdf(data: bytes) -> bytes:
    """Remove everything in a PDF that can run or hide something: document and page actions, JavaScript,
    embedded files, file-attachment annotations and links that launch programs."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise ValidationError("The selected file must not be password protected") from None
    except pikepdf.PdfError:
        raise ValidationError("The selected file could not be read: check it opens and choose it again") from None
    with pdf:
        root = pdf.Root
        for key in ("/OpenAction", "/AA", "/JavaScript"):
            if key in root:
                del root[key]
        if "/Names" in root:
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in root.Names:
                    del root.Names[key]
        if "/AcroForm" in root:
            # Form fields can carry their own scripts; a report does not need a live form.
            del root["/AcroForm"]
        for page in pdf.pages:
            if "/AA" in page.obj:
                del page.obj["/AA"]
            if "/Annots" not in page.obj:
                continue
            kept = pikepdf.Array()
            for annot in page.obj.Annots:
                if annot.get("/Subtype") in (pikepdf.Name.FileAttachment, pikepdf.Name.Movie, pikepdf.Name.Sound,
                                             pikepdf.Name.Screen, pikepdf.Name.RichMedia, pikepdf.Name.Widget):
                    continue
                if "/AA" in annot:
                    del annot["/AA"]
                action = annot.get("/A")
                if action is not None and action.get("/S") != pikepdf.Name.URI:
                    del annot["/A"]
                kept.append(annot)
            page.obj.Annots = kept
        out = io.BytesIO()
        pdf.remove_unreferenced_resources()
        pdf.save(out)
    return out.getvalue()


def clean_image(data: bytes) -> bytes:
    """Re-encode a photo or picture from its pixels alone, so EXIF (with GPS), comments and other chunks go."""
    import warnings

    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # verify() checks the structure and checksums first. load() alone is not enough: importing WeasyPrint
            # sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would quietly pad a damaged file.
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > IMAGE_MAX_PIXELS:
                    raise ValidationError("The selected image is too large: it must be under 60 megapixels")
                image_format = image.format
                image.load()
                # Keep the picture the right way up once the orientation tag is gone.
                upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError("The selected file could not be read: check it opens and choose it again") from None
    if image_format not in ("PNG", "JPEG"):
        raise ValidationError(EVIDENCE_MESSAGE)
    out = io.BytesIO()
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=90)
    else:
        upright.save(out, "PNG")
    return out.getvalue()


def check_docx(data: bytes) -> bytes:
    """A Word file is a zip: refuse bombs (too many parts, too much when unpacked, packed too tightly) and
    anything carrying macros or embedded programs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(EVIDENCE_MESSAGE) from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise ValidationError(EVIDENCE_MESSAGE)
    too_big = ValidationError("The selected file is too large when opened: save it as a PDF and choose it again")
    if len(members) > DOCX_MAX_MEMBERS or sum(member.file_size for member in members) > DOCX_MAX_UNCOMPRESSED:
        raise too_big
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > DOCX_MAX_RATIO * max(member.compress_size, 1):
            raise too_big
        lowered = member.filename.lower()
        if lowered.endswith((".bin", ".exe", ".dll", ".js", ".vbs")) or "embeddings/" in lowered:
            raise ValidationError("The selected file must not contain macros or embedded files: save it as a PDF "
                                  "and choose it again")
    return data


# --- Virus scanning ---------------------------------------------------------------------------------------------

CLEAN, INFECTED, SCAN_ERROR, NOT_SCANNED = "clean", "infected", "scan_error", "not_scanned"


def scan(data: bytes) -> str:
    """Scan with clamd when CLAMD_SOCKET is set; without it (a developer's machine) the answer is NOT_SCANNED.

    Fails closed: anything but clamd's explicit ("OK", None) is not clean. An oversized stream raises
    BufferTooLongError, and a much larger one a plain ConnectionResetError, so every error is caught."""
    socket_path = getattr(settings, "CLAMD_SOCKET", "")
    if not socket_path:
        return NOT_SCANNED
    import clamd

    try:
        result = clamd.ClamdUnixSocket(path=socket_path, timeout=getattr(settings, "CLAMD_TIMEOUT", 30)).instream(
            io.BytesIO(data))
        status, signature = result["stream"]
    except Exception as error:  # noqa: BLE001 -- any failure at all means "not known to be clean"
        logger.error("ALERT virus scan failed (%s); the file is held back", type(error).__name__)
        return SCAN_ERROR
    if status == "OK" and signature is None:
        return CLEAN
    if status == "FOUND":
        logger.error("ALERT virus found in an upload (%s); the file is refused", signature)
        return INFECTED
    logger.error("ALERT virus scan gave an unexpected answer (%s); the file is held back", status)
    return SCAN_ERROR


def scan_or_refuse(data: bytes) -> str:
    """For uploads with nowhere to hold a file back: anything but clean (or not scanned, when no scanner is
    configured) is refused, so nothing unscanned or infected is ever stored."""
    result = scan(data)
    if result == INFECTED:
        raise ValidationError("The selected file contains a virus")
    if result == SCAN_ERROR:
        raise ValidationError("The selected file could not be checked for viruses: try again later")
    return result


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
