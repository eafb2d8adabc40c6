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


_READ_ERROR = "The selected file could not be read: check it opens and choose it again"

# Annotations that play media, hold files or are live form fields: a report needs none of them.
_DROPPED_ANNOTATIONS = {"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/Widget", "/3D"}
# The only web links kept; anything else (javascript:, file:, data:) could run or fetch something.
_LINK_SCHEMES = ("http://", "https://", "mailto:")
# Bookmarks are walked one by one; a crafted file can chain millions or loop, so stop far past any real report.
_MAX_OUTLINE_ITEMS = 10_000


def clean_pdf(data: bytes) -> bytes:
    """Remove everything in a PDF that can run or hide something: document and page actions, JavaScript,
    embedded files, file-attachment annotations, links that launch programs, and bookmark actions other than
    "go to a page".

    Any failure is a ValidationError, never a server error: crafted files put integers or nulls where
    dictionaries belong, and pikepdf raises more than PdfError when they do."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise ValidationError("The selected file must not be password protected") from None
    except Exception:  # noqa: BLE001 -- a file pikepdf cannot open is one we cannot clean
        raise ValidationError(_READ_ERROR) from None
    try:
        with pdf:
            _strip_pdf(pdf, pikepdf)
            out = io.BytesIO()
            pdf.remove_unreferenced_resources()
            pdf.save(out)
    except Exception as error:  # noqa: BLE001 -- a file we cannot clean is refused, never stored half-cleaned
        logger.info("PDF upload refused: it could not be cleaned (%s)", type(error).__name__)
        raise ValidationError(_READ_ERROR) from None
    return out.getvalue()


def _strip_pdf(pdf, pikepdf):
    root = pdf.Root
    # /AcroForm: form fields can carry their own scripts, and a report does not need a live form.
    for key in ("/OpenAction", "/AA", "/JavaScript", "/AcroForm"):
        if key in root:
            del root[key]
    if "/Names" in root:
        names = root.Names
        if isinstance(names, pikepdf.Dictionary):
            # Keep only named destinations (/Dests: where links and bookmarks point, no actions). Everything else
            # in the name dictionary -- JavaScript, embedded files, template pages, renditions -- can run or hide.
            for key in list(names.keys()):
                if key != "/Dests":
                    del names[key]
        else:
            del root["/Names"]
    # /Outlines are the bookmarks; any other shape than a dictionary is damage, so they go.
    if "/Outlines" in root and not (isinstance(root.Outlines, pikepdf.Dictionary)
                                    and _strip_outlines(root.Outlines, pikepdf)):
        del root["/Outlines"]
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]
        if "/Annots" not in page.obj:
            continue
        annots = page.obj.Annots
        kept = pikepdf.Array()
        for annot in annots if isinstance(annots, pikepdf.Array) else ():
            if not isinstance(annot, pikepdf.Dictionary) or str(annot.get("/Subtype")) in _DROPPED_ANNOTATIONS:
                continue
            _strip_actions(annot, pikepdf, keep=_is_web_link)
            kept.append(annot)
        page.obj.Annots = kept


def _strip_outlines(outlines, pikepdf) -> bool:
    """Bookmarks (/First, then each item's /Next and its own /First) can carry any action, JavaScript included:
    keep only "go to a page in this document". False if there are too many to check (or they loop)."""
    stack, seen, walked = [outlines.get("/First")], set(), 0
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary):
            continue
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        walked += 1
        if walked > _MAX_OUTLINE_ITEMS:
            return False
        _strip_actions(item, pikepdf, keep=lambda action: action.get("/S") == pikepdf.Name.GoTo)
        stack.extend((item.get("/Next"), item.get("/First")))
    return True


def _strip_actions(holder, pikepdf, *, keep):
    """Remove the automatic actions (/AA) of an annotation or bookmark, and its click action (/A) unless `keep`
    accepts it. A kept action loses /Next, which could chain a script after an innocent link."""
    if "/AA" in holder:
        del holder["/AA"]
    if "/A" not in holder:
        return
    action = holder.A
    if isinstance(action, pikepdf.Dictionary) and keep(action):
        if "/Next" in action:
            del action["/Next"]
    else:
        del holder["/A"]


def _is_web_link(action) -> bool:
    import pikepdf

    target = action.get("/URI")
    return (action.get("/S") == pikepdf.Name.URI and isinstance(target, pikepdf.String)
            and str(target).strip().lower().startswith(_LINK_SCHEMES))


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
    # Pillow's writers copy some of what the reader found back out: the JPEG writer re-writes info["comment"]
    # (a COM segment), and what a version copies can change. So nothing read from the file is kept but the
    # transparency, which is part of the picture, not metadata.
    upright.info = {key: value for key, value in upright.info.items() if key == "transparency"}
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
