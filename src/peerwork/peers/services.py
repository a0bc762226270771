"""Changing the peer pool. Every write goes through here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core import audit
from peerwork.core.versioning import edit_claim
from peerwork.peers.models import (
    DeclaredInterest,
    DiversityRecord,
    Peer,
    PeerApplication,
    Unavailability,
)


def _lock(peer: Peer) -> Peer:
    """Serialise changes to one peer's records (a no-op lock on SQLite, which serialises writes)."""
    return Peer.objects.select_for_update().get(pk=peer.pk)


@transaction.atomic
def peer_update(*, peer: Peer, by, expected_version: int, **fields) -> Peer:
    permissions.require(permissions.may_keep_own_record(by, peer))
    current = edit_claim(Peer, peer.pk, expected_version)
    for name, value in fields.items():
        setattr(current, name, value)
    if current.kind != "member":
        current.party = None
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def unavailability_add(
    *, peer: Peer, by, starts_on: datetime.date, ends_on: datetime.date, reason: str = ""
) -> Unavailability:
    permissions.require(permissions.may_keep_own_record(by, peer))
    if ends_on < starts_on:
        raise ValidationError(
            {"ends_on": _("The end date must be the same as or after the start date")}
        )
    _lock(peer)
    overlapping = peer.unavailability.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if overlapping:
        raise ValidationError(
            _("These dates overlap a period you are already unavailable: %(start)s to %(end)s")
            % {
                "start": overlapping.starts_on.strftime("%-d %B %Y"),
                "end": overlapping.ends_on.strftime("%-d %B %Y"),
            }
        )
    period = Unavailability(peer=peer, starts_on=starts_on, ends_on=ends_on, reason=reason)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def unavailability_remove(*, peer: Peer, by, period_id: int) -> None:
    permissions.require(permissions.may_keep_own_record(by, peer))
    peer.unavailability.filter(pk=period_id).delete()


@transaction.atomic
def interest_declare(*, peer: Peer, by, council, reason: str) -> DeclaredInterest:
    permissions.require(permissions.may_keep_own_record(by, peer))
    peer = _lock(peer)
    if peer.home_council_id == council.pk:
        raise ValidationError(
            {"council": _("This is your home council: you are already never asked to review it")}
        )
    if peer.interests.filter(council=council).exists():
        raise ValidationError(
            {"council": _("You have already declared an interest in this council")}
        )
    interest = DeclaredInterest(peer=peer, council=council, reason=reason.strip())
    interest.full_clean()
    interest.save()
    return interest


@transaction.atomic
def interest_withdraw(*, peer: Peer, by, interest_id: int) -> None:
    permissions.require(permissions.may_keep_own_record(by, peer))
    peer.interests.filter(pk=interest_id).delete()


@transaction.atomic
def accreditation_add(*, peer: Peer, by, name: str, completed_on, expires_on=None):
    permissions.require(permissions.may_manage_pool(by))
    from peerwork.peers.models import Accreditation

    record = Accreditation(
        peer=peer, name=name.strip(), completed_on=completed_on, expires_on=expires_on
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def former_role_add(*, peer: Peer, by, council, role: str, started_on, ended_on):
    permissions.require(permissions.may_manage_pool(by))
    from peerwork.peers.models import FormerRole

    record = FormerRole(
        peer=peer, council=council, role=role, started_on=started_on, ended_on=ended_on
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def peer_skills_set(*, peer: Peer, by, levels: dict[int, int], council_types: list[str]) -> None:
    """Replace the peer's skills and council types in one go."""
    permissions.require(permissions.may_keep_own_record(by, peer))
    from peerwork.peers.models import CouncilTypeKnown, PeerSkill

    peer = _lock(peer)
    peer.skills.all().delete()
    audit.log_created(
        PeerSkill.objects.bulk_create(
            [PeerSkill(peer=peer, skill_id=skill, level=level) for skill, level in levels.items()]
        )
    )
    peer.council_types.all().delete()
    audit.log_created(
        CouncilTypeKnown.objects.bulk_create(
            [CouncilTypeKnown(peer=peer, council_type=t) for t in sorted(set(council_types))]
        )
    )


@transaction.atomic
def diversity_consent_withdraw(*, peer: Peer, by) -> bool:
    """Delete, at once, the diversity answers the peer gave with their consent: the
    record staff read, and the answers kept on the application they came from. Party is
    not consent-based (the privacy notice: a fact of public office), so it stays.

    True when there was something to delete."""
    permissions.require(permissions.may_withdraw_diversity_consent(by, peer))
    peer = _lock(peer)
    deleted, _rows = DiversityRecord.objects.filter(peer=peer).delete()
    applications = PeerApplication.objects.filter(
        Q(peer=peer) | Q(email__iexact=peer.email)
    ).filter(Q(diversity_consent=True) | ~Q(diversity={}))
    cleared = 0
    for application in applications:
        application.diversity, application.diversity_consent = {}, False
        application.save(update_fields=["diversity", "diversity_consent"])
        cleared += 1
    return bool(deleted or cleared)
