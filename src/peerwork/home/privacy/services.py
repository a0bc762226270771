"""Erasing a person: their personal fields replaced, the rows that the programme's
figures count kept, so that past annual figures stay as they were."""

from email.utils import getaddresses

from django.contrib.auth import get_user_model
from django.db import transaction

from peerwork.accounts import permissions
from peerwork.engagements.models import Engagement, PeerFeedback, TeamMember
from peerwork.home.privacy.selectors import _emails_to
from peerwork.impact.models import SurveyContact, SurveyInvitation
from peerwork.peers.models import Peer, PeerApplication, PeerStatus

# A reserved top-level domain (RFC 2606): no mail is ever delivered there.
PLACEHOLDER_DOMAIN = "erased.invalid"


def placeholder_address(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{PLACEHOLDER_DOMAIN}"


def is_erased(email: str) -> bool:
    return email.lower().endswith("@" + PLACEHOLDER_DOMAIN)


def _erase_emails(address: str, placeholder: str) -> int:
    count = 0
    for email in _emails_to(address):
        email.recipients = [
            placeholder if address in {a.lower() for _n, a in getaddresses([str(r)])} else r
            for r in email.recipients
        ]
        email.body, email.html, email.attachments = "", "", []
        email.save(update_fields=["recipients", "body", "html", "attachments"])
        count += 1
    return count


def _erase_peer(peer: Peer) -> Peer:
    peer = Peer.objects.select_for_update().get(pk=peer.pk)
    peer.full_name = f"Former peer {peer.pk}"
    peer.email, peer.phone, peer.experience = placeholder_address("peer", peer.pk), "", ""
    peer.status = PeerStatus.RETIRED
    peer.version += 1  # an edit page opened before this cannot save over it
    peer.save(update_fields=["full_name", "email", "phone", "experience", "status", "version"])
    peer.interests.all().delete()
    peer.unavailability.all().delete()
    peer.former_roles.all().delete()
    for member in TeamMember.objects.filter(peer=peer).exclude(decline_reason=""):
        member.decline_reason = ""
        member.save(update_fields=["decline_reason"])
    for feedback in PeerFeedback.objects.filter(member__peer=peer).exclude(comment=""):
        feedback.comment = ""
        feedback.save(update_fields=["comment"])
    return peer


def _erase_account(user, name: str, placeholder: str) -> None:
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user.full_name, user.email, user.is_active = name, placeholder, False
    user.failed_sign_ins, user.locked_until = 0, None
    user.set_unusable_password()
    user.version += 1
    user.save()
    user.set_roles([])


def _erase_elsewhere(address: str, name: str, placeholder: str) -> dict:
    """The person's name and address where other records wrote them down."""
    done = {"applications": 0, "surveys": 0, "requests": 0}
    for application in PeerApplication.objects.filter(email__iexact=address):
        application.full_name, application.email = name, placeholder
        application.phone, application.experience, application.decision_note = "", "", ""
        application.diversity, application.diversity_consent = {}, False
        application.save()
        done["applications"] += 1
    # One address each: an engagement surveys an address once, and the person may have
    # been asked under two of theirs.
    for invitation in SurveyInvitation.objects.filter(email__iexact=address):
        invitation.name = name
        invitation.email = placeholder_address("survey", invitation.pk)
        invitation.save(update_fields=["name", "email"])
        done["surveys"] += 1
    for contact in SurveyContact.objects.filter(email__iexact=address):
        contact.name, contact.email = name, placeholder_address("survey-contact", contact.pk)
        contact.save(update_fields=["name", "email"])
    for engagement in Engagement.objects.filter(contact_email__iexact=address):
        engagement.contact_name, engagement.contact_email = name, placeholder
        engagement.save(update_fields=["contact_name", "contact_email"])
        done["requests"] += 1
    done["emails"] = _erase_emails(address, placeholder)
    return done


@transaction.atomic
def erase_person(*, by, user=None, peer=None) -> dict:
    """Anonymise a person: their account (closed, no password, no roles) and their peer
    record, and their name and address wherever else peerwork wrote them down.

    Rows the annual figures count (the peer, their places on teams, their diversity
    answers, survey answers) are kept, with nothing left in them that names the person.
    Returns how many records of each kind were changed."""
    permissions.require(permissions.may_erase_person(by))
    if peer is None and user is not None:
        peer = Peer.objects.filter(user=user).first()
    if user is None and peer is not None and peer.user_id:
        user = get_user_model().objects.get(pk=peer.user_id)
    if user is not None and user.pk == getattr(by, "pk", None):
        raise permissions.Denied("An administrator cannot erase their own account.")
    addresses = {r.email.lower() for r in (user, peer) if r is not None and not is_erased(r.email)}
    if peer is not None:
        name, placeholder = f"Former peer {peer.pk}", placeholder_address("peer", peer.pk)
        _erase_peer(peer)
    else:
        name, placeholder = f"Former user {user.pk}", placeholder_address("user", user.pk)
    if user is not None:
        account_placeholder = (
            placeholder if peer is None else placeholder_address("account", user.pk)
        )
        _erase_account(user, name, account_placeholder)
    done = {"accounts": int(user is not None), "peers": int(peer is not None)}
    for address in sorted(addresses):
        for key, count in _erase_elsewhere(address, name, placeholder).items():
            done[key] = done.get(key, 0) + count
    return done
