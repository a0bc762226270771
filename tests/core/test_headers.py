"""The headers every response carries (Content-Security-Policy, Permissions-Policy,
no-store for one person's responses), and the cap on a request's body."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.core import middleware
from peerwork.reports.models import Report
from tests.accounts.factories import UserFactory
from tests.engagements.factories import (
    DocumentFactory,
    EngagementFactory,
    SessionFactory,
    TeamMemberFactory,
)
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2] / "src" / "peerwork"


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", ["/", "/offers/", "/reports/", "/sign-in/", "/no-such-page/"])
def test_every_page_has_a_content_security_policy_without_inline_code(client, path):
    directives = _directives(client.get(path))

    assert directives["default-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    # Nothing loosens default-src for scripts or styles: no inline code, no eval.
    assert not {"script-src", "style-src", "script-src-attr", "style-src-attr"} & set(directives)
    assert "unsafe" not in client.get(path)["Content-Security-Policy"]


def test_no_template_served_to_a_browser_has_an_inline_script_or_style():
    """The policy would block them: every script and style is a static file. PDF
    templates (drawn by WeasyPrint, never sent to a browser) keep their <style>."""
    inline = []
    for template in SOURCE.rglob("templates/**/*.html"):
        if template.name.endswith("_pdf.html"):
            continue
        html = template.read_text()
        for pattern in (r"<script(?![^>]*\ssrc=)[^>]*>", r"\sstyle=", r"<style\b", r"\son\w+="):
            inline += [f"{template.relative_to(SOURCE)}: {m}" for m in re.findall(pattern, html)]
    assert inline == []


def test_the_page_marks_javascript_as_available_from_a_static_file(client):
    page = client.get("/").content.decode()

    assert re.search(r'<body[^>]*>\s*<script src="/static/peerwork/js-enabled.js"></script>', page)


@pytest.mark.parametrize("path", ["/", "/reports/", "/sign-in/", "/health/", "/no-such-page/"])
def test_every_response_refuses_the_browser_features_peerwork_never_uses(client, path):
    policy = client.get(path)["Permissions-Policy"]

    features = dict(item.split("=") for item in policy.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial"):
        assert features[feature] == "()"


def _signed_in(client, role, **extra):
    user = UserFactory(role=role, **extra)
    if role == Role.PEER:
        PeerFactory(user=user, email=user.email)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "role, path",
    [
        (Role.PEER, "/"),
        (Role.PEER, "/my/profile/"),
        (Role.PEER, "/offers/"),  # a public page, but drawn for someone signed in
        (Role.PROGRAMME_STAFF, "/peers/"),
        (Role.PROGRAMME_STAFF, "/users/"),
        (Role.PROGRAMME_STAFF, "/no-such-page/"),
        (Role.BOARD_MEMBER, "/peers/"),  # refused, and still not kept
    ],
)
def test_no_response_to_someone_signed_in_is_kept_by_a_browser_or_proxy(client, role, path):
    _signed_in(client, role)

    response = client.get(path)

    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("name", ["peers:export-csv", "peers:export-xlsx"])
def test_exports_are_not_kept(client, name):
    _signed_in(client, Role.PROGRAMME_STAFF)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_documents_and_calendar_files_are_not_kept(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = _signed_in(client, Role.PROGRAMME_STAFF)
    engagement = EngagementFactory()
    session = SessionFactory(engagement=engagement)
    document = DocumentFactory(engagement=engagement, uploaded_by=staff)
    TeamMemberFactory(engagement=engagement, status="accepted")

    for url in (
        reverse("engagements:document", args=[engagement.pk, document.pk]),
        reverse("engagements:session-calendar", args=[engagement.pk, session.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store, private", url


def test_a_public_download_is_not_kept_either(client):
    engagement = EngagementFactory()
    report = Report.objects.create(
        engagement=engagement, kind="report", status="published", published_at=timezone.now()
    )

    response = client.get(reverse("reports:published-pdf", args=[report.pk]))

    assert response.status_code == 200
    assert "Content-Disposition" in response
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("path", ["/", "/offers/", "/reports/", "/accessibility/"])
def test_public_pages_for_a_visitor_stay_cacheable(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_a_visitors_page_with_a_form_is_not_kept(client):
    # The first question of the application carries a CSRF token made for this visitor.
    response = client.get(reverse("peers:apply-step", args=["kind"]))

    assert response["Cache-Control"] == "no-store, private"


def test_a_page_drawn_from_a_visitors_answers_is_not_kept(client):
    client.post(reverse("peers:apply-step", args=["kind"]), {"kind": "officer"})

    response = client.get(reverse("peers:apply-step", args=["kind"]))

    assert response["Cache-Control"] == "no-store, private"


def test_a_cache_control_the_view_chose_is_kept(client):
    # The health check is never_cache: Django's own no-cache, no-store header.
    response = client.get("/health/")

    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(client, monkeypatch):
    _signed_in(client, Role.PROGRAMME_STAFF)
    engagement = EngagementFactory()

    def never(self):
        raise AssertionError("the body was read")

    monkeypatch.setattr(WSGIRequest, "_load_post_and_files", never)
    response = client.post(
        reverse("engagements:documents", args=[engagement.pk]),
        {"kind": "reading_pack", "title": "Pack"},
        CONTENT_LENGTH=str(middleware.request_max_bytes() + 1),
    )

    assert response.status_code == 413
    assert b"The file is too big" in response.content
    assert b"A file must be smaller than 20 MB" in response.content
    assert response["Cache-Control"] == "no-store, private"
    assert not engagement.documents.exists()


def test_a_real_upload_over_the_cap_is_refused_and_nothing_is_kept(
    client, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.PEERWORK_DOCUMENT_MAX_MB = 1
    monkeypatch.setattr(middleware, "CSV_MAX_MB", 0)
    _signed_in(client, Role.PROGRAMME_STAFF)
    engagement = EngagementFactory()
    too_big = SimpleUploadedFile("pack.txt", b"x" * (2 * 1024 * 1024 + 1))

    response = client.post(
        reverse("engagements:documents", args=[engagement.pk]),
        {"kind": "reading_pack", "title": "Pack", "file": too_big},
    )

    assert response.status_code == 413
    assert b"A file must be smaller than 1 MB" in response.content
    assert not engagement.documents.exists()
    assert list(tmp_path.rglob("*.txt")) == []


def test_a_body_within_the_cap_is_read_as_usual(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _signed_in(client, Role.PROGRAMME_STAFF)
    engagement = EngagementFactory()

    response = client.post(
        reverse("engagements:documents", args=[engagement.pk]),
        {
            "kind": "reading_pack",
            "title": "Pack",
            "file": SimpleUploadedFile("pack.txt", b"Reading", content_type="text/plain"),
        },
    )

    assert response.status_code == 302
    assert engagement.documents.get().title == "Pack"


@pytest.mark.parametrize("length", ["", "abc", "-5", "1e9", "9" * 40])
def test_a_length_that_is_not_a_number_is_no_error(client, length):
    response = client.post(reverse("accounts:sign-in"), {}, CONTENT_LENGTH=length)

    assert response.status_code < 500
    if length == "9" * 40:
        assert response.status_code == 413
