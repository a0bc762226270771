import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.engagements.models import Booking, Session
from peerwork.engagements.sessions import services as sessions
from peerwork.engagements.team import services
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory, UnavailabilityFactory

LONDON = ZoneInfo("Europe/London")


def _staff():
    return UserFactory(role=Role.PROGRAMME_STAFF)


def _at(day, hour):
    return datetime.datetime(2027, 3, day, hour, 0, tzinfo=LONDON)


def _times(day, start, end):
    return {
        "kind": "on_site",
        "starts_at": _at(day, start),
        "ends_at": _at(day, end),
        "venue": "Town hall",
    }


@pytest.mark.django_db
def test_a_new_session_books_the_accepted_team_and_sends_calendar_files(
    django_capture_on_commit_callbacks,
):
    member = TeamMemberFactory(status="accepted", peer=PeerFactory(email="olive@example.org"))
    TeamMemberFactory(engagement=member.engagement, place=2, status="declined")

    with django_capture_on_commit_callbacks(execute=True):
        session = sessions.session_create(
            by=_staff(), engagement=member.engagement, **_times(9, 9, 17)
        )

    assert list(session.bookings.values_list("peer_id", flat=True)) == [member.peer_id]
    message = mail.outbox[0]
    assert "olive@example.org" in message.to and member.engagement.contact_email in message.to
    assert message.subject == f"Invitation: {session}"
    assert message.body == f"{session}, 9 March 2027 09:00. The calendar file is attached."
    name, ics, mime = message.attachments[0]
    assert mime == "text/calendar; method=REQUEST"
    assert f"UID:{session.uid}@peerwork" in ics and "SEQUENCE:0" in ics
    assert "DTSTART:20270309T090000Z" in ics  # 9am in London is 9am UTC in March


@pytest.mark.django_db
def test_a_peer_cannot_be_booked_on_overlapping_sessions():
    peer = PeerFactory(full_name="Olive Busy")
    first = TeamMemberFactory(peer=peer, status="accepted")
    second = TeamMemberFactory(peer=peer, status="accepted")
    sessions.session_create(by=_staff(), engagement=first.engagement, **_times(9, 9, 17))

    with pytest.raises(ValidationError, match="Olive Busy is already booked at that time"):
        sessions.session_create(by=_staff(), engagement=second.engagement, **_times(9, 16, 18))

    assert Session.objects.count() == 1
    sessions.session_create(
        by=_staff(), engagement=second.engagement, **_times(9, 17, 18)
    )  # back to back is fine


@pytest.mark.django_db
def test_a_peer_cannot_be_booked_on_a_day_they_are_away():
    member = TeamMemberFactory(status="accepted", peer=PeerFactory(full_name="Olive Away"))
    UnavailabilityFactory(
        peer=member.peer, starts_on=datetime.date(2027, 3, 8), ends_on=datetime.date(2027, 3, 10)
    )

    with pytest.raises(ValidationError, match="Olive Away is not available on 9 March 2027"):
        sessions.session_create(by=_staff(), engagement=member.engagement, **_times(9, 9, 17))


@pytest.mark.django_db
def test_accepting_an_invitation_that_clashes_is_refused():
    peer = PeerFactory(user=UserFactory(role=Role.PEER))
    booked = TeamMemberFactory(peer=peer, status="accepted")
    sessions.session_create(by=_staff(), engagement=booked.engagement, **_times(9, 9, 17))
    invited = TeamMemberFactory(peer=peer)
    SessionFactory(engagement=invited.engagement, starts_at=_at(9, 10), ends_at=_at(9, 12))

    with pytest.raises(ValidationError, match="already booked"):
        services.member_respond(member=invited, user=peer.user, accept=True)

    invited.refresh_from_db()
    assert invited.status == "invited"


@pytest.mark.django_db
def test_changing_a_session_keeps_its_uid_and_raises_the_sequence(
    django_capture_on_commit_callbacks,
):
    member = TeamMemberFactory(status="accepted")
    session = sessions.session_create(by=_staff(), engagement=member.engagement, **_times(9, 9, 17))

    with django_capture_on_commit_callbacks(execute=True):
        changed = sessions.session_change(
            by=_staff(), session=session, expected_sequence=0, **_times(10, 9, 17)
        )
        sessions.session_cancel(by=_staff(), session=changed)

    assert [m.subject for m in mail.outbox] == [f"Changed: {session}", f"Cancelled: {session}"]
    update, cancellation = (m.attachments[0][1] for m in mail.outbox)
    assert f"UID:{session.uid}@peerwork" in update and "SEQUENCE:1" in update
    assert "METHOD:CANCEL" in cancellation and "SEQUENCE:2" in cancellation
    assert "STATUS:CANCELLED" in cancellation
    assert not Booking.objects.filter(live=True).exists()
    with pytest.raises(ValidationError, match="changed this session meanwhile"):
        sessions.session_change(
            by=_staff(), session=session, expected_sequence=0, **_times(11, 9, 17)
        )


@pytest.mark.django_db
def test_session_form_errors_are_explained(client):
    engagement = EngagementFactory()
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

    response = client.post(
        reverse("engagements:sessions", args=[engagement.pk]),
        {
            "kind": "on_site",
            "day-day": "9",
            "day-month": "3",
            "day-year": "2027",
            "starts": "17:00",
            "ends": "09:00",
        },
    )

    content = response.content.decode()
    assert "The session must end after it starts" in content
    assert "Give a video link or a venue" in content
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_a_peer_on_the_team_downloads_the_calendar_file_and_others_cannot(client):
    member = TeamMemberFactory(
        status="accepted", peer=PeerFactory(user=UserFactory(role=Role.PEER))
    )
    session = SessionFactory(engagement=member.engagement)
    url = reverse("engagements:session-calendar", args=[member.engagement.pk, session.pk])

    client.force_login(member.peer.user)
    response = client.get(url)
    client.force_login(UserFactory(role=Role.PEER))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.decode().startswith("BEGIN:VCALENDAR\r\n")
    assert client.get(url).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_two_staff_booking_the_same_peer_at_once_only_one_succeeds():
    """Two threads, two connections, the same peer, overlapping times."""
    peer = PeerFactory()
    engagements = [TeamMemberFactory(peer=peer, status="accepted").engagement for _ in range(2)]
    staff = _staff()
    barrier = threading.Barrier(2)
    outcomes = []

    def book(engagement):
        try:
            barrier.wait()
            sessions.session_create(by=staff, engagement=engagement, **_times(9, 9, 17))
            outcomes.append("booked")
        except Exception as error:  # noqa: BLE001 - any refusal counts, we count them
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(e,)) for e in engagements]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("booked") == 1, outcomes
    assert Booking.objects.filter(peer=peer, live=True).count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db
def test_the_database_itself_refuses_overlapping_live_bookings():
    from django.db import IntegrityError, transaction

    peer = PeerFactory()
    first = SessionFactory(starts_at=_at(9, 9), ends_at=_at(9, 17))
    second = SessionFactory(starts_at=_at(9, 16), ends_at=_at(9, 18))
    Booking.objects.create(
        peer=peer, session=first, starts_at=first.starts_at, ends_at=first.ends_at
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            peer=peer, session=second, starts_at=second.starts_at, ends_at=second.ends_at
        )
    Booking.objects.create(
        peer=peer, session=second, starts_at=second.starts_at, ends_at=second.ends_at, live=False
    )
