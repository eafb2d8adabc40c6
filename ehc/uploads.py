"""Checking uploaded files by their bytes, not their names (a renamed executable stays an executable)."""

import hashlib

import filetype
from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "image/png": "png",
    "image/jpeg": "jpg",
}


def inspect_upload(uploaded) -> tuple[str, str, bytes]:
    """Return (content type, extension, bytes) for an acceptable file, or raise ValidationError saying why not."""
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty")
    if uploaded.size > MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 10MB")
    data = uploaded.read(MAX_BYTES + 1)
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError("The selected file must be a PDF, Word document (DOCX), PNG or JPEG")
    return kind.mime, ALLOWED[kind.mime], data


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
