"""Panels the host council chooses: staff shortlist peers for each place, the council picks.

Used by offers with `host_chooses_team` (the Recovery and Renewal Panel). The council's
choice becomes an ordinary invitation, so accepting, declining and booking work as usual.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core.email import email_after_commit
from peerwork.engagements.models import ShortlistEntry
from peerwork.engagements.services import email_context
from peerwork.engagements.team.selectors import candidates, team_places
from peerwork.engagements.team.services import invite_to_place


def shortlist_add(*, engagement, place, peer, by) -> ShortlistEntry:
    permissions.require(permissions.may_manage_engagement(by, engagement))
    eligible, _excluded = candidates(engagement, place, name=peer.full_name)
    if peer not in eligible:
        raise ValidationError(_("%(name)s cannot fill this place.") % {"name": peer.full_name})
    try:
        with transaction.atomic():
            return ShortlistEntry.objects.create(
                engagement=engagement, place=place.number, peer=peer, offered_by=by
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s is already on the shortlist for this place.") % {"name": peer.full_name}
        ) from error


def shortlist_send(*, engagement, by) -> None:
    """Tell the council its shortlist is ready to choose from."""
    permissions.require(permissions.may_manage_engagement(by, engagement))
    if not engagement.shortlist.filter(chosen_at__isnull=True).exists():
        raise ValidationError(_("Add peers to the shortlist first."))
    email_after_commit(
        "engagements/email/shortlist",
        [engagement.contact_email, engagement.requested_by.email],
        email_context(engagement),
    )


def open_places_with_shortlist(engagement) -> list[dict]:
    """Places nobody fills yet, each with the peers staff shortlisted for it."""
    entries = engagement.shortlist.select_related("peer__home_council").order_by("place", "pk")
    by_place = {}
    for entry in entries:
        by_place.setdefault(entry.place, []).append(entry)
    return [
        {"place": place, "entries": by_place[place.number]}
        for place in team_places(engagement)
        if place.member is None and place.number in by_place
    ]


@transaction.atomic
def panel_choose(*, engagement, by, choices: dict[int, int], base_url: str) -> list:
    """The council's choice for each place (place number → shortlisted peer id)."""
    permissions.require(permissions.may_choose_panel(by, engagement))
    if not choices:
        raise ValidationError(_("Choose a peer for at least one place."))
    open_places = {row["place"].number: row for row in open_places_with_shortlist(engagement)}
    invited = []
    for number, peer_id in sorted(choices.items()):
        row = open_places.get(number)
        entry = next((e for e in row["entries"] if e.peer_id == peer_id), None) if row else None
        if entry is None:
            raise ValidationError(_("Choose from the shortlist for each place."))
        invited.append(
            invite_to_place(
                engagement=engagement, place=row["place"], peer=entry.peer, by=by, base_url=base_url
            )
        )
        entry.chosen_at = timezone.now()
        entry.save(update_fields=["chosen_at"])
    return invited
