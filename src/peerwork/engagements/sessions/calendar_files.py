"""iCalendar (RFC 5545) files for sessions, written with the `icalendar` library.

An invitation sent by email is a REQUEST (or a CANCEL once the session is
cancelled) naming everyone invited; a file downloaded from the sessions page is a
PUBLISH, which names no attendees (RFC 5546). The same UID for the life of a
session and a SEQUENCE that rises with every change let calendar programs replace
the earlier copy rather than add another. Times are in UTC. The library escapes
every value, so a name with a colon, a comma or a line break cannot break a line.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"
PRODID = "-//peerwork//sessions//EN"


@dataclass(frozen=True)
class Attendee:
    """Someone a session's invitation goes to, as the calendar file names them."""

    email: str
    name: str = ""
    role: str = "REQ-PARTICIPANT"  # or CHAIR, OPT-PARTICIPANT, NON-PARTICIPANT


def session_uid(session) -> str:
    return f"{session.uid}@peerwork"


def engagement_url(engagement) -> str:
    """The engagement's page, as an absolute address for files read outside peerwork."""
    path = reverse("engagements:detail", args=[engagement.pk])
    return settings.PEERWORK_BASE_URL.rstrip("/") + path


def summary(session) -> str:
    engagement = session.engagement
    return f"{session.get_kind_display()}: {engagement.offer.name}, {engagement.council.short_name}"


def _address(email: str, name: str = "", **params) -> icalendar.vCalAddress:
    return icalendar.vCalAddress.new(email, cn=name or None, **params)


def _organizer() -> icalendar.vCalAddress:
    return _address(settings.PEERWORK_CALENDAR_ORGANIZER_EMAIL, settings.PEERWORK_ORGANISATION_NAME)


def _attendee(person: "Attendee | str", method: str) -> icalendar.vCalAddress:
    if isinstance(person, str):
        person = Attendee(email=person)
    # An invitation asks for a reply; a cancellation does not.
    rsvp = True if method == REQUEST else None
    return _address(person.email, person.name, role=person.role, rsvp=rsvp)


def session_ics(
    session, *, attendees: Iterable["Attendee | str"] = (), method: str | None = None
) -> str:
    """The session's calendar file. `method` is REQUEST for an invitation (CANCEL
    once the session is cancelled) unless PUBLISH is asked for, for a download."""
    cancelled = session.cancelled
    method = method or (CANCEL if cancelled else REQUEST)
    link = engagement_url(session.engagement)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    event.add("dtend", session.ends_at.astimezone(datetime.UTC))
    event.add("summary", summary(session))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organizer())
    location = session.video_link or session.venue
    if location:
        event.add("location", location)
    event.add("url", link)
    event.add("description", "\n".join(filter(None, [session.video_link, link])))
    if method != PUBLISH:
        for person in attendees:
            event.add("attendee", _attendee(person, method))
    calendar.add_component(event)
    return calendar.to_ical().decode()
