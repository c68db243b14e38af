"""Attachments of questions and answers: only PDF, Word documents and images, judged by their
bytes, not by their name."""

import zipfile

import puremagic
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Attachment
from .common import HelpdeskError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP_SIGNATURE = b"PK\x03\x04"
WORD_DOCUMENT_PARTS = {"[Content_Types].xml", "word/document.xml"}


def sniff_attachment(upload) -> str:
    """The content type judged from the bytes, or HelpdeskError."""
    if upload.size == 0:
        raise HelpdeskError(_("The file %(name)s is empty.") % {"name": upload.name})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise HelpdeskError(_("The file %(name)s is larger than 10 MB.") % {"name": upload.name})
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(ZIP_SIGNATURE):
        # Any ZIP looks like a .docx to puremagic (and to the name): look inside.
        if _is_word_document(upload):
            return DOCX
        raise HelpdeskError(
            _("%(name)s is a ZIP file, not a Word document.") % {"name": upload.name}
        )
    try:
        candidates = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        candidates = []
    for candidate in candidates:
        mime = candidate.mime_type
        if mime in ALLOWED_TYPES and mime != DOCX:
            return mime
        if candidate.extension == ".doc" or "msword" in mime or "ole" in mime.lower():
            return "application/msword"
    raise HelpdeskError(_("%(name)s is not a PDF, Word document or image.") % {"name": upload.name})


def _is_word_document(upload) -> bool:
    """A .docx is a ZIP holding [Content_Types].xml and word/document.xml. Only the ZIP's
    table of contents is read: nothing is extracted or decompressed."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    finally:
        upload.seek(0)
    return names >= WORD_DOCUMENT_PARTS


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, _dot, ext = base.rpartition(".")
    clean = slugify(stem or ext)[:80] or "bijlage"
    return clean


def _attach(question, uploads, actor, answer=None):
    """Store the uploads (each checked by its bytes first) as the question's files, or as the
    files of `answer`."""
    checked = [(upload, sniff_attachment(upload)) for upload in uploads]
    for upload, mime in checked:
        attachment = Attachment(
            question=question,
            answer=answer,
            original_name=_safe_name(upload.name) + ALLOWED_TYPES[mime],
            content_type=mime,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save("bijlage", upload, save=False)
        attachment.save()
