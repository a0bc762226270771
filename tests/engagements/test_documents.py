import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.engagements.documents import services as documents
from peerwork.engagements.models import Document
from tests.accounts.factories import UserFactory
from tests.engagements.factories import DocumentFactory, EngagementFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


ALLOWED_FILES = {
    "statement.pdf": (PDF, "application/pdf"),
    "statement.docx": (
        _zip("[Content_Types].xml", "word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "budget.xlsx": (
        _zip("[Content_Types].xml", "xl/workbook.xml"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "slides.pptx": (
        _zip("[Content_Types].xml", "ppt/presentation.xml"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "notes.odt": (_odt(), "application/vnd.oasis.opendocument.text"),
    "notes.txt": ("Café opening hours\n".encode(), "text/plain; charset=utf-8"),
    "figures.csv": (b"year,spend\n2026,100\n", "text/csv; charset=utf-8"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def _peer_user():
    user = UserFactory(role=Role.PEER)
    PeerFactory(user=user, email=user.email)
    return user


def _upload(engagement, by, name, content, kind=Document.Kind.POSITION_STATEMENT):
    return documents.document_upload(
        engagement=engagement,
        kind=kind,
        title="Our position statement",
        upload=SimpleUploadedFile(name, content),
        by=by,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALLOWED_FILES))
def test_each_allowed_type_is_kept_with_its_content_type(name, media):
    content, content_type = ALLOWED_FILES[name]
    engagement = EngagementFactory()

    document = _upload(engagement, UserFactory(role=Role.PROGRAMME_STAFF), name, content)

    assert document.content_type == content_type
    assert document.size == len(content)
    assert document.file.name.startswith(f"engagements/{engagement.pk}/")
    assert document.file.name.endswith(name)
    with document.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_and_nothing_is_kept(settings, media):
    settings.PEERWORK_DOCUMENT_MAX_MB = 1
    too_big = PDF + b"0" * (1024 * 1024)

    with pytest.raises(ValidationError, match="The file must be smaller than 1 MB"):
        _upload(EngagementFactory(), UserFactory(role=Role.PROGRAMME_STAFF), "big.pdf", too_big)

    assert not Document.objects.exists()
    assert _stored_files(media) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("statement.pdf", b"MZ\x90\x00 this is a program, not a PDF"),
        ("statement.PDF.exe", PDF),
        ("statement.docx", _zip("anything.txt")),  # a zip, but not a Word document
        ("statement.docx", b"PK\x03\x04 but not really a zip"),
        ("notes.txt", b"\xff\xfe not UTF-8"),
        ("notes.txt", b"binary\x00data"),
        ("statement", PDF),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_kept(name, content, media):
    with pytest.raises(ValidationError, match="must be a PDF, Word, Excel, PowerPoint"):
        _upload(EngagementFactory(), UserFactory(role=Role.PROGRAMME_STAFF), name, content)

    assert not Document.objects.exists()
    assert _stored_files(media) == []


@pytest.mark.django_db
def test_a_council_contact_adds_pre_reading_but_not_the_reading_pack():
    engagement = EngagementFactory()
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council)

    _upload(engagement, contact, "a.pdf", PDF, kind=Document.Kind.PRE_READING)
    with pytest.raises(ValidationError, match="Choose the kind of document"):
        _upload(engagement, contact, "b.pdf", PDF, kind=Document.Kind.READING_PACK)

    assert list(engagement.documents.values_list("kind", flat=True)) == ["pre_reading"]


@pytest.mark.django_db
def test_staff_may_add_the_reading_pack():
    engagement = EngagementFactory()

    _upload(
        engagement,
        UserFactory(role=Role.PRINCIPAL_ADVISER),
        "pack.pdf",
        PDF,
        kind=Document.Kind.READING_PACK,
    )

    assert engagement.documents.get().kind == Document.Kind.READING_PACK


@pytest.mark.django_db
def test_a_council_contact_of_another_council_cannot_upload():
    engagement = EngagementFactory()

    with pytest.raises(PermissionDenied):
        _upload(engagement, UserFactory(role=Role.COUNCIL_CONTACT), "a.pdf", PDF)

    assert not engagement.documents.exists()


@pytest.mark.django_db
def test_a_finished_engagement_refuses_uploads(client, media):
    engagement = EngagementFactory(status="cancelled")
    staff = UserFactory(role=Role.PROGRAMME_STAFF)

    with pytest.raises(ValidationError, match="This engagement has ended"):
        _upload(engagement, staff, "a.pdf", PDF)

    client.force_login(staff)
    response = client.get(reverse("engagements:documents", args=[engagement.pk]))
    assert b"documents can no longer be added" in response.content
    assert b'type="file"' not in response.content
    assert _stored_files(media) == []


@pytest.mark.django_db
def test_a_council_contact_uploads_through_the_page(client):
    engagement = EngagementFactory()
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council)
    client.force_login(contact)
    url = reverse("engagements:documents", args=[engagement.pk])

    page = client.get(url)
    assert b'enctype="multipart/form-data"' in page.content
    assert b'value="reading_pack"' not in page.content
    assert b"Send the reading pack to the team" not in page.content
    response = client.post(
        url,
        {
            "kind": "position_statement",
            "title": "Position statement, March",
            "file": SimpleUploadedFile("statement.pdf", PDF, content_type="application/pdf"),
        },
    )

    assert response.status_code == 302
    document = engagement.documents.get()
    assert (document.title, document.uploaded_by) == ("Position statement, March", contact)
    page = client.get(url)
    assert b"Position statement, March" in page.content
    assert reverse("engagements:document", args=[engagement.pk, document.pk]).encode() in (
        page.content
    )


@pytest.mark.django_db
def test_a_refused_upload_is_explained_on_the_page(client, media):
    engagement = EngagementFactory()
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    url = reverse("engagements:documents", args=[engagement.pk])

    response = client.post(
        url,
        {"kind": "reading_pack", "title": "Pack", "file": SimpleUploadedFile("run.exe", b"MZ")},
    )

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b'href="#id_file"' in response.content
    assert b"<title>Error: Documents" in response.content
    assert not Document.objects.exists()
    assert _stored_files(media) == []


@pytest.mark.django_db
def test_a_council_contact_of_another_council_gets_not_found(client):
    document = DocumentFactory()
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT))

    page = client.get(reverse("engagements:documents", args=[document.engagement_id]))
    download = client.get(
        reverse("engagements:document", args=[document.engagement_id, document.pk])
    )

    assert (page.status_code, download.status_code) == (404, 404)


@pytest.mark.django_db
def test_a_council_contact_sees_every_kind_for_their_own_council(client):
    engagement = EngagementFactory()
    DocumentFactory(engagement=engagement, title="Unsent pack", kind="reading_pack")
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council))

    page = client.get(reverse("engagements:documents", args=[engagement.pk]))

    assert b"Unsent pack" in page.content


@pytest.mark.django_db
@pytest.mark.parametrize("status", [None, "invited", "declined"])
def test_a_peer_not_on_the_team_gets_not_found(client, status):
    document = DocumentFactory(sent_to_team_at=timezone.now())
    user = _peer_user()
    if status:
        TeamMemberFactory(engagement=document.engagement, peer=user.peer, status=status)
    client.force_login(user)

    page = client.get(reverse("engagements:documents", args=[document.engagement_id]))
    download = client.get(
        reverse("engagements:document", args=[document.engagement_id, document.pk])
    )

    assert (page.status_code, download.status_code) == (404, 404)


@pytest.mark.django_db
def test_an_accepted_peer_sees_only_documents_sent_to_the_team(client):
    engagement = EngagementFactory()
    sent = DocumentFactory(engagement=engagement, title="Sent pack", sent_to_team_at=timezone.now())
    unsent = DocumentFactory(engagement=engagement, title="Draft statement")
    user = _peer_user()
    TeamMemberFactory(engagement=engagement, peer=user.peer, status="accepted")
    client.force_login(user)

    page = client.get(reverse("engagements:documents", args=[engagement.pk]))

    assert page.status_code == 200
    assert b"Sent pack" in page.content
    assert b"Draft statement" not in page.content
    assert b'type="file"' not in page.content
    assert b"Send the reading pack" not in page.content
    download = reverse("engagements:document", args=[engagement.pk, sent.pk])
    assert client.get(download).status_code == 200
    hidden = reverse("engagements:document", args=[engagement.pk, unsent.pk])
    assert client.get(hidden).status_code == 404


@pytest.mark.django_db
def test_a_board_member_may_not_open_documents(client):
    document = DocumentFactory()
    client.force_login(UserFactory(role=Role.BOARD_MEMBER))

    response = client.get(reverse("engagements:documents", args=[document.engagement_id]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_sending_to_the_team_emails_the_accepted_peers_and_stamps_the_documents(
    client, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory()
    olive = _peer_user()
    TeamMemberFactory(engagement=engagement, status="accepted", peer=olive.peer)
    TeamMemberFactory(
        engagement=engagement,
        place=2,
        status="accepted",
        peer=PeerFactory(email="priya@example.org"),
    )
    TeamMemberFactory(
        engagement=engagement, place=3, status="invited", peer=PeerFactory(email="ivy@example.org")
    )
    earlier = timezone.now() - datetime.timedelta(days=3)
    already = DocumentFactory(engagement=engagement, title="Old pack", sent_to_team_at=earlier)
    new = DocumentFactory(engagement=engagement, title="Position statement, March")
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("engagements:documents-send", args=[engagement.pk]))

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == sorted([olive.email, "priya@example.org"])
    assert engagement.council.short_name in message.subject
    assert "Position statement, March" in message.body and "Old pack" in message.body
    link = "http://testserver" + reverse("engagements:documents", args=[engagement.pk])
    assert link in message.body
    new.refresh_from_db()
    already.refresh_from_db()
    assert new.sent_to_team_at is not None
    assert already.sent_to_team_at == earlier
    client.force_login(olive)
    page = client.get(reverse("engagements:documents", args=[engagement.pk]))
    assert b"Position statement, March" in page.content


@pytest.mark.django_db
def test_sending_is_refused_without_an_accepted_peer_or_a_document(
    django_capture_on_commit_callbacks,
):
    engagement = EngagementFactory()
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    document = DocumentFactory(engagement=engagement)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="Nobody has accepted a place"),
    ):
        documents.documents_send_to_team(engagement=engagement, by=staff, base_url="http://x/")

    document.refresh_from_db()
    assert document.sent_to_team_at is None
    TeamMemberFactory(engagement=engagement, status="accepted")
    document.delete()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="Upload a document"),
    ):
        documents.documents_send_to_team(engagement=engagement, by=staff, base_url="http://x/")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_refused_send_is_explained_on_the_page(client):
    document = DocumentFactory()
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

    response = client.post(
        reverse("engagements:documents-send", args=[document.engagement_id]), follow=True
    )

    assert b"Nobody has accepted a place on the team yet" in response.content


@pytest.mark.django_db
def test_only_staff_may_send_to_the_team(client):
    document = DocumentFactory()
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=document.engagement.council))

    response = client.post(reverse("engagements:documents-send", args=[document.engagement_id]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_the_download_is_the_file_as_an_attachment_with_its_content_type(client):
    engagement = EngagementFactory()
    document = _upload(engagement, UserFactory(role=Role.PROGRAMME_STAFF), "statement.pdf", PDF)
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council))

    response = client.get(reverse("engagements:document", args=[engagement.pk, document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statement.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_engagement_and_the_peers_own_page_link_to_the_documents(client):
    engagement = EngagementFactory()
    url = reverse("engagements:documents", args=[engagement.pk]).encode()
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    assert url in client.get(reverse("engagements:detail", args=[engagement.pk])).content
    client.force_login(UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council))
    assert url in client.get(reverse("engagements:detail", args=[engagement.pk])).content

    user = _peer_user()
    member = TeamMemberFactory(engagement=engagement, peer=user.peer, status="invited")
    client.force_login(user)
    assert url not in client.get(reverse("peers:my-profile")).content
    member.status = "accepted"
    member.save()
    assert url in client.get(reverse("peers:my-profile")).content
