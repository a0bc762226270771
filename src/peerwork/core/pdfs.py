"""PDFs drawn once and kept: WeasyPrint takes from a tenth of a second to seconds a
document, so each PDF is drawn from its HTML once and kept in the default storage.

A kept PDF is named by a digest of the HTML it was drawn from: whatever changes what
the document says (an edit, a figure, the language, a template) changes its name, so a
changed document is drawn again and a kept one is never out of date. Each folder keeps
one PDF per language; the one it replaces is deleted.

Kept files are read only through the views that check who may see them: the storage is
never served as public media.
"""

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils import translation


def pdf_drawn(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.PEERWORK_BASE_URL).write_pdf()


def _name(html: str, folder: str, label: str) -> tuple[str, str]:
    """The file's name, and the ending it shares with the other PDFs in its language."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    digest = hashlib.sha256(html.encode()).hexdigest()[:24]
    ending = f".{language}.pdf"
    return ending, f"{folder}/{label + '-' if label else ''}{digest}{ending}"


def pdf_keep(html: str, *, folder: str, label: str = "") -> str:
    """The storage name of `html` drawn as a PDF, drawn and kept now unless it already is.

    `label` goes into the name for people reading the storage (a report's version).
    """
    ending, name = _name(html, folder, label)
    if not default_storage.exists(name):
        _keep(name, pdf_drawn(html), folder, ending)
    return name


def pdf_kept(html: str, *, folder: str, label: str = ""):
    """`html` as a PDF, as an open file: the kept one, or drawn now and kept."""
    ending, name = _name(html, folder, label)
    try:
        return default_storage.open(name, "rb")
    except FileNotFoundError:
        pass
    pdf = pdf_drawn(html)
    _keep(name, pdf, folder, ending)
    return io.BytesIO(pdf)


def _keep(name: str, pdf: bytes, folder: str, ending: str) -> None:
    saved = default_storage.save(name, ContentFile(pdf))
    if saved != name:  # another process kept the same PDF meanwhile
        default_storage.delete(saved)
    _files, names = default_storage.listdir(folder)
    for other in names:
        path = f"{folder}/{other}"
        if other.endswith(ending) and path != name:
            default_storage.delete(path)


def pdf_response(file, *, filename: str) -> FileResponse:
    """A kept PDF shown in the browser, with a file name for saving it."""
    return FileResponse(file, content_type="application/pdf", filename=filename)
