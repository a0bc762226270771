"""Sessions and bookings: nobody is ever booked twice at once, or on a day they are away.

Every change of bookings runs inside one transaction that first locks the peers
involved (row locks on PostgreSQL, the write lock on SQLite), then checks, then
writes. On PostgreSQL an exclusion constraint is the last guard (migration 0004).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core import audit
from peerwork.core.email import email_after_commit
from peerwork.engagements.models import Booking, MemberStatus, Part, Session, SessionKind
from peerwork.engagements.sessions.calendar_files import CANCEL, REQUEST, Attendee, session_ics
from peerwork.peers.models import Peer, Unavailability


def _lock_peers(peer_ids) -> None:
    peer_ids = sorted(set(peer_ids))
    if not peer_ids:
        return
    if connection.vendor == "sqlite":
        # SQLite locks the whole database on the first write, so write first.
        Peer.objects.filter(pk__in=peer_ids).update(version=F("version"))
    list(Peer.objects.select_for_update().filter(pk__in=peer_ids).order_by("pk"))


def _when(session) -> str:
    start = timezone.localtime(session.starts_at)
    return start.strftime("%-d %B %Y %H:%M")


def _book(peer, session) -> Booking:
    clash = (
        Booking.objects.filter(
            peer=peer, live=True, starts_at__lt=session.ends_at, ends_at__gt=session.starts_at
        )
        .exclude(session=session)
        .select_related("session__engagement__council")
        .first()
    )
    if clash:
        raise ValidationError(
            _("%(peer)s is already booked at that time: %(session)s on %(when)s.")
            % {"peer": peer.full_name, "session": clash.session, "when": _when(clash.session)}
        )
    first = timezone.localtime(session.starts_at).date()
    last = timezone.localtime(session.ends_at).date()
    if Unavailability.objects.filter(peer=peer, starts_on__lte=last, ends_on__gte=first).exists():
        raise ValidationError(
            _("%(peer)s is not available on %(day)s.")
            % {"peer": peer.full_name, "day": first.strftime("%-d %B %Y")}
        )
    try:
        with transaction.atomic():
            return Booking.objects.create(
                peer=peer, session=session, starts_at=session.starts_at, ends_at=session.ends_at
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(peer)s has just been booked elsewhere at that time.") % {"peer": peer.full_name}
        ) from error


def _part(kind: str) -> str:
    """A progress review session is for the review's team; every other for the main team."""
    return Part.PROGRESS_REVIEW if kind == SessionKind.PROGRESS_REVIEW else Part.MAIN


def _team_peers(engagement, kind: str) -> list[Peer]:
    accepted = engagement.team.filter(status=MemberStatus.ACCEPTED, part=_part(kind))
    return [m.peer for m in accepted.select_related("peer")]


def _send_calendar(session) -> None:
    engagement = session.engagement
    team = [Attendee(p.email, p.full_name) for p in _team_peers(engagement, session.kind)]
    contact = Attendee(engagement.contact_email, engagement.contact_name)
    people = {a.email: a for a in [contact, *team] if a.email}
    attendees = sorted(people)
    method = CANCEL if session.cancelled else REQUEST
    email_after_commit(
        "engagements/email/session",
        attendees,
        {"session": session, "when": _when(session)},
        attachments=[
            (
                "session.ics",
                session_ics(session, attendees=[people[e] for e in attendees], method=method),
                f"text/calendar; method={method}",
            )
        ],
    )


@transaction.atomic
def session_create(*, engagement, by, **fields) -> Session:
    """Add a session and book the whole accepted team on it, or change nothing."""
    permissions.require(permissions.may_manage_engagement(by, engagement))
    peers = _team_peers(engagement, fields.get("kind", ""))
    _lock_peers([p.pk for p in peers])
    session = Session(engagement=engagement, **fields)
    session.full_clean()
    session.save()
    for peer in peers:
        _book(peer, session)
    _send_calendar(session)
    return session


@transaction.atomic
def session_change(*, session: Session, by, expected_sequence: int, **fields) -> Session:
    """New times or place: the same UID with a higher sequence, and the team rebooked."""
    permissions.require(permissions.may_manage_engagement(by, session.engagement))
    current = Session.objects.select_for_update().get(pk=session.pk)
    if current.sequence != expected_sequence:
        raise ValidationError(_("Someone else changed this session meanwhile. Open it again."))
    if current.cancelled:
        raise ValidationError(_("This session has been cancelled."))
    for name, value in fields.items():
        setattr(current, name, value)
    peers = _team_peers(current.engagement, current.kind)
    _lock_peers([p.pk for p in peers])
    current.sequence += 1
    current.full_clean()
    current.save()
    audit.audited_update(current.bookings.filter(live=True), live=False)
    for peer in peers:
        _book(peer, current)
    _send_calendar(current)
    return current


@transaction.atomic
def session_cancel(*, session: Session, by) -> Session:
    permissions.require(permissions.may_manage_engagement(by, session.engagement))
    current = Session.objects.select_for_update().get(pk=session.pk)
    if current.cancelled:
        return current
    current.cancelled = True
    current.sequence += 1
    current.save(update_fields=["cancelled", "sequence"])
    audit.audited_update(current.bookings.all(), live=False)
    _send_calendar(current)
    return current


def book_member_on_sessions(member) -> None:
    """A peer who accepts is booked on every session still to come; a clash refuses it."""
    _lock_peers([member.peer_id])
    for session in member.engagement.sessions.filter(cancelled=False):
        if _part(session.kind) == member.part:
            _book(member.peer, session)
