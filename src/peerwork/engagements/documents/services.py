"""An engagement's documents: the council's position statement and pre-reading, and the
reading pack staff send the team. Uploads are checked by name and by content.

Who may see which documents is decided here too (the last two functions), so every
page and download asks the same question the same way.
"""

import codecs
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core import audit
from peerwork.core.email import email_after_commit
from peerwork.engagements.models import Document, Engagement, MemberStatus, TeamMember
from peerwork.engagements.selectors import engagements_visible_to
from peerwork.engagements.services import email_context

PDF = "application/pdf"
OOXML = "application/vnd.openxmlformats-officedocument"
# Extension -> (content type, the part a genuine file of that kind contains). The
# browser's own claim about the type is ignored: it is whatever the sender says.
ALLOWED = {
    ".pdf": (PDF, None),
    ".docx": (f"{OOXML}.wordprocessingml.document", "word/"),
    ".xlsx": (f"{OOXML}.spreadsheetml.sheet", "xl/"),
    ".pptx": (f"{OOXML}.presentationml.presentation", "ppt/"),
    ".odt": ("application/vnd.oasis.opendocument.text", "mimetype"),
    ".txt": ("text/plain; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
}
COUNCIL_KINDS = frozenset({Document.Kind.POSITION_STATEMENT, Document.Kind.PRE_READING})


def max_bytes() -> int:
    return settings.PEERWORK_DOCUMENT_MAX_MB * 1024 * 1024


def kinds_for(user) -> list[tuple[str, str]]:
    """The kinds of document this person may upload."""
    if permissions.uploads_every_kind(user):
        return list(Document.Kind.choices)
    if permissions.own_council_id(user) is not None:
        return [(value, label) for value, label in Document.Kind.choices if value in COUNCIL_KINDS]
    return []


def _wrong_type() -> ValidationError:
    return ValidationError(
        {"file": _("The file must be a PDF, Word, Excel, PowerPoint, OpenDocument or text file")}
    )


def _content_type(upload) -> str:
    """The file's content type, from its extension checked against its first bytes."""
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in ALLOWED:
        raise _wrong_type()
    content_type, part = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if content_type == PDF:
        genuine = head.startswith(b"%PDF-")
    elif part is not None:
        genuine = head.startswith(b"PK\x03\x04") and _zip_has(upload, extension, part)
    else:
        genuine = _is_utf8(upload)
    if not genuine:
        raise _wrong_type()
    return content_type


def _zip_has(upload, extension: str, part: str) -> bool:
    """Office files are zip files; a renamed zip lacks their parts. Only the zip's
    directory is read, never its contents, so a zip bomb costs nothing."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    if extension == ".odt":
        return "mimetype" in names
    return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)


def _is_utf8(upload) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


@transaction.atomic
def document_upload(*, engagement: Engagement, kind: str, title: str, upload, by) -> Document:
    """Keep a checked file for the engagement, or refuse and keep nothing."""
    if engagement.is_finished:
        raise ValidationError(_("This engagement has ended: documents can no longer be added."))
    permissions.require(permissions.may_upload_document(by, engagement))
    if kind not in dict(kinds_for(by)):
        raise ValidationError({"kind": _("Choose the kind of document")})
    if upload is None:
        raise ValidationError({"file": _("Select a file")})
    if upload.size == 0:
        raise ValidationError({"file": _("The selected file is empty")})
    if upload.size > max_bytes():
        raise ValidationError(
            {
                "file": _("The file must be smaller than %(mb)s MB")
                % {"mb": settings.PEERWORK_DOCUMENT_MAX_MB}
            }
        )
    content_type = _content_type(upload)
    upload.name = get_valid_filename(os.path.basename(upload.name))
    document = Document(
        engagement=engagement,
        kind=kind,
        title=title.strip(),
        file=upload,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    document.full_clean()
    document.file.save(upload.name, upload, save=False)
    try:
        document.save()
    except Exception:
        # The file is written before the row: a row that cannot be saved leaves no file.
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def documents_send_to_team(*, engagement: Engagement, by, base_url: str) -> int:
    """Email every accepted peer a link to the documents; each one is marked as sent.

    Returns how many peers were emailed.
    """
    permissions.require(permissions.may_manage_engagement(by, engagement))
    peers = sorted(
        {
            m.peer.email
            for m in engagement.team.filter(status=MemberStatus.ACCEPTED).select_related("peer")
        }
    )
    if not peers:
        raise ValidationError(
            _("Nobody has accepted a place on the team yet: there is no one to send to.")
        )
    documents = list(engagement.documents.all())
    if not documents:
        raise ValidationError(_("Upload a document before sending the reading pack."))
    audit.audited_update(
        engagement.documents.filter(sent_to_team_at__isnull=True), sent_to_team_at=timezone.now()
    )
    link = base_url.rstrip("/") + reverse("engagements:documents", args=[engagement.pk])
    email_after_commit(
        "engagements/email/documents",
        peers,
        email_context(engagement, documents=documents, link=link, sender=by.full_name),
    )
    return len(peers)


def engagements_with_documents_for(user) -> QuerySet[Engagement]:
    """Engagements whose documents page this person may open: staff and council
    contacts as for the engagement itself; a peer only where they have accepted a place."""
    visible = engagements_visible_to(user)
    if not permissions.is_peer(user):
        return visible
    accepted = TeamMember.objects.filter(peer__user=user, status=MemberStatus.ACCEPTED)
    return Engagement.objects.select_related("council", "offer").filter(
        Q(pk__in=accepted.values("engagement_id")) | Q(pk__in=visible.values("pk"))
    )


def documents_visible_to(user, engagement: Engagement) -> QuerySet[Document]:
    """A peer sees only what has been sent to the team; staff and the council see all."""
    documents = engagement.documents.select_related("uploaded_by")
    if permissions.sees_unsent_documents(user, engagement):
        return documents
    return documents.filter(sent_to_team_at__isnull=False)
