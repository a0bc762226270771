import datetime
import os
import subprocess
import sys

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.engagements.sessions import services as sessions
from peerwork.engagements.sessions.calendar_files import PUBLISH, Attendee, session_ics
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db

ORGANISATION = 'Local Government Association: England, Wales; "LGA"'


def _event(text: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(text)
    [event] = calendar.walk("VEVENT")
    return event


@pytest.fixture
def hostile_session(settings):
    settings.PEERWORK_ORGANISATION_NAME = ORGANISATION
    settings.PEERWORK_CALENDAR_ORGANIZER_EMAIL = "peer-support@example.org"
    settings.PEERWORK_BASE_URL = "https://peerwork.example.org/"
    council = CouncilFactory(short_name="Town: North, South; East")
    session = SessionFactory(
        engagement=EngagementFactory(council=council), venue="Room 1, Floor 2: Hall"
    )
    session.engagement.offer.name = "Peer\rchallenge\nfor\r\nfinance"  # not saved
    return session


def test_names_with_colons_commas_and_line_breaks_come_back_exactly(hostile_session):
    people = [
        Attendee("olive@example.org", 'Olive O\'Neil, Jr: "Chair"', role="CHAIR"),
        Attendee("sam@example.org", "Siân Ap; Rhys"),
    ]

    text = session_ics(hostile_session, attendees=people)

    assert "\r\n" in text and "\rc" not in text  # no bare carriage return in the file
    calendar = icalendar.Calendar.from_ical(text)
    event = _event(text)
    assert calendar["METHOD"] == "REQUEST"
    # iCalendar text has one kind of line break: a bare \r comes back as \n.
    assert str(event["SUMMARY"]) == (
        "On-site day: Peer\nchallenge\nfor\nfinance, Town: North, South; East"
    )
    assert str(event["LOCATION"]) == "Room 1, Floor 2: Hall"
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:peer-support@example.org"
    assert organizer.params["CN"] == ORGANISATION
    attendees = event["ATTENDEE"]
    assert [(str(a), a.params["CN"], a.params["ROLE"]) for a in attendees] == [
        ("mailto:olive@example.org", 'Olive O\'Neil, Jr: "Chair"', "CHAIR"),
        ("mailto:sam@example.org", "Siân Ap; Rhys", "REQ-PARTICIPANT"),
    ]
    engagement = hostile_session.engagement
    assert str(event["URL"]) == f"https://peerwork.example.org/engagements/{engagement.pk}/"
    assert str(event["UID"]) == f"{hostile_session.uid}@peerwork"
    assert event.decoded("DTSTART") == datetime.datetime(2027, 3, 9, 9, 0, tzinfo=datetime.UTC)


def test_a_download_is_published_without_attendees(hostile_session):
    text = session_ics(hostile_session, attendees=["olive@example.org"], method=PUBLISH)

    assert icalendar.Calendar.from_ical(text)["METHOD"] == "PUBLISH"
    assert "ATTENDEE" not in _event(text)
    assert _event(text)["ORGANIZER"].params["CN"] == ORGANISATION


def _organizer_setting(**env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {*env, "PEERWORK_ENV"}}
    clean.pop("PEERWORK_CALENDAR_ORGANIZER_EMAIL", None)
    code = "import peerwork.settings as s; print(s.PEERWORK_CALENDAR_ORGANIZER_EMAIL)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_the_organizer_is_the_sender_of_emails_unless_set():
    sender = {"DEFAULT_FROM_EMAIL": "Peer support <help@example.org>"}

    assert _organizer_setting(**sender) == "help@example.org"
    assert _organizer_setting(DEFAULT_FROM_EMAIL="help@example.org") == "help@example.org"
    assert (
        _organizer_setting(**sender, PEERWORK_CALENDAR_ORGANIZER_EMAIL="diary@example.org")
        == "diary@example.org"
    )


def test_the_emailed_invitation_names_the_team_and_the_contact(
    django_capture_on_commit_callbacks,
):
    member = TeamMemberFactory(
        status="accepted", peer=PeerFactory(email="olive@example.org", full_name="Olive Oyl")
    )
    engagement = member.engagement
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    start = datetime.datetime(2027, 3, 9, 9, 0, tzinfo=datetime.UTC)
    times = {"kind": "on_site", "venue": "Town hall", "starts_at": start}

    with django_capture_on_commit_callbacks(execute=True):
        session = sessions.session_create(
            by=staff, engagement=engagement, ends_at=start + datetime.timedelta(hours=8), **times
        )
        sessions.session_cancel(by=staff, session=session)

    invitation, cancellation = (m.attachments[0][1] for m in mail.outbox)
    event = _event(invitation)
    names = {str(a): (a.params["CN"], a.params.get("RSVP")) for a in event["ATTENDEE"]}
    assert names == {
        "mailto:olive@example.org": ("Olive Oyl", "TRUE"),
        f"mailto:{engagement.contact_email}": (engagement.contact_name, "TRUE"),
    }
    assert icalendar.Calendar.from_ical(invitation)["METHOD"] == "REQUEST"
    assert icalendar.Calendar.from_ical(cancellation)["METHOD"] == "CANCEL"
    assert str(_event(cancellation)["UID"]) == str(event["UID"])


def test_the_downloaded_file_is_published(client):
    member = TeamMemberFactory(
        status="accepted", peer=PeerFactory(user=UserFactory(role=Role.PEER))
    )
    session = SessionFactory(engagement=member.engagement)
    client.force_login(member.peer.user)

    response = client.get(
        reverse("engagements:session-calendar", args=[member.engagement.pk, session.pk])
    )

    calendar = icalendar.Calendar.from_ical(response.content.decode())
    assert calendar["METHOD"] == "PUBLISH"
    assert str(_event(response.content.decode())["UID"]) == f"{session.uid}@peerwork"
