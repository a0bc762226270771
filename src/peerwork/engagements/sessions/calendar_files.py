"""iCalendar (RFC 5545) files for sessions: a request, an update or a cancellation.

The same UID for the life of a session and a SEQUENCE that rises with every
change let calendar programs replace the earlier copy rather than add another.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, start = [], 0
    while start < len(raw):
        end = min(start + (75 if not parts else 74), len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # do not split a character
            end -= 1
        parts.append(raw[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def session_ics(session, *, attendees: list[str]) -> str:
    engagement = session.engagement
    cancelled = session.cancelled
    summary = (
        f"{session.get_kind_display()}: {engagement.offer.name}, {engagement.council.short_name}"
    )
    location = session.video_link or session.venue
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//peerwork//sessions//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:{session.uid}@peerwork",
        f"SEQUENCE:{session.sequence}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"ORGANIZER;CN={_escape(settings.PEERWORK_ORGANISATION_NAME)}:mailto:"
        + settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">"),
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if session.video_link:
        lines.append(f"URL:{session.video_link}")
    lines += [f"ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:{email}" for email in attendees]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
