"""Everything peerwork holds about one person, gathered in a bounded number of queries
(about twenty, however many records they have)."""

from email.utils import getaddresses

from django.contrib.auth import get_user_model
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from peerwork.accounts import permissions
from peerwork.core.models import OutgoingEmail
from peerwork.engagements.models import Booking, Document, Engagement, Note, TeamMember
from peerwork.impact.models import Answer, SurveyInvitation
from peerwork.peers.models import Peer, PeerApplication
from peerwork.reports.models import AccuracyComment, Report


def _when(value):
    return value.isoformat() if value else None


def _name(record):
    return str(record) if record is not None else None


def _emails_to(address: str) -> list[OutgoingEmail]:
    """Kept emails whose recipients include `address` (compared as addresses, so that
    "ann@x.org" does not match "joann@x.org")."""
    address = address.lower()
    candidates = OutgoingEmail.objects.annotate(
        recipients_text=Cast("recipients", TextField())
    ).filter(recipients_text__icontains=address)
    return [
        email
        for email in candidates
        if address in {a.lower() for _n, a in getaddresses([str(r) for r in email.recipients])}
    ]


def _peer_section(peer: Peer) -> dict:
    diversity = getattr(peer, "diversity", None)
    return {
        "id": peer.pk,
        "kind": peer.get_kind_display(),
        "full_name": peer.full_name,
        "email": peer.email,
        "phone": peer.phone,
        "home_council": _name(peer.home_council),
        "home_role": peer.get_home_role_display(),
        "party": _name(peer.party),
        "status": peer.get_status_display(),
        "most_engagements_a_year": peer.capacity_engagements,
        "most_peer_days_a_year": peer.capacity_days,
        "experience": peer.experience,
        "created_at": _when(peer.created_at),
        "skills": [
            {"skill": s.skill.name, "level": s.get_level_display()} for s in peer.skills.all()
        ],
        "council_types": [t.get_council_type_display() for t in peer.council_types.all()],
        "former_roles": [
            {
                "council": _name(r.council),
                "role": r.get_role_display(),
                "from": _when(r.started_on),
                "until": _when(r.ended_on),
            }
            for r in peer.former_roles.all()
        ],
        "declared_interests": [
            {"council": _name(i.council), "reason": i.reason, "declared_on": _when(i.declared_on)}
            for i in peer.interests.all()
        ],
        "accreditations": [
            {
                "name": a.name,
                "completed_on": _when(a.completed_on),
                "expires_on": _when(a.expires_on),
            }
            for a in peer.accreditations.all()
        ],
        "unavailability": [
            {"from": _when(u.starts_on), "until": _when(u.ends_on), "note": u.reason}
            for u in peer.unavailability.all()
        ],
        "diversity": (
            {
                "consent_given_at": _when(diversity.consent_given_at),
                "gender": diversity.get_gender_display(),
                "disability": diversity.get_disability_display(),
                "ethnicity": diversity.get_ethnicity_display(),
            }
            if diversity is not None
            else None
        ),
    }


def _engagement(engagement) -> str:
    return f"{engagement.offer.name}: {engagement.council.short_name}"


def personal_data(user) -> dict:
    """What peerwork holds about `user`, section by section, as plain data: the page
    shows it and the JSON copy is it. Only records that are theirs: their account,
    their peer record (linked to the account, or under the same address), and what
    those records and their email address reach."""
    user = (
        get_user_model()
        .objects.select_related("council")
        .prefetch_related("role_grants")
        .get(pk=user.pk)
    )
    address = user.email.lower()
    peer = (
        Peer.objects.select_related("home_council", "party", "diversity")
        .prefetch_related(
            "skills__skill",
            "council_types",
            "former_roles__council",
            "interests__council",
            "accreditations",
            "unavailability",
        )
        .filter(Q(user=user) | Q(email__iexact=address))
        .order_by(F("user_id").asc(nulls_last=True))  # the linked record first
        .first()
    )
    data = {
        "account": {
            "id": user.pk,
            "full_name": user.full_name,
            "email": user.email,
            "roles": user.role_labels(),
            "council": _name(user.council),
            "active": user.is_active,
            "date_joined": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
        },
        "peer": _peer_section(peer) if peer else None,
    }
    memberships = (
        list(
            TeamMember.objects.filter(peer=peer)
            .select_related("engagement__offer", "engagement__council")
            .order_by("-invited_at", "pk")
        )
        if peer
        else []
    )
    data["memberships"] = [
        {
            "engagement": _engagement(m.engagement),
            "role": m.role,
            "status": m.get_status_display(),
            "peer_days": str(m.days),
            "invited_at": _when(m.invited_at),
            "answered_at": _when(m.responded_at),
            "reason_for_declining": m.decline_reason,
        }
        for m in memberships
    ]
    bookings = (
        Booking.objects.filter(peer=peer)
        .select_related("session__engagement__offer", "session__engagement__council")
        .order_by("starts_at", "pk")
        if peer
        else []
    )
    data["bookings"] = [
        {
            "engagement": _engagement(b.session.engagement),
            "session": b.session.get_kind_display(),
            "starts_at": _when(b.starts_at),
            "ends_at": _when(b.ends_at),
            "current": b.live,
        }
        for b in bookings
    ]
    applications = PeerApplication.objects.select_related("home_council", "party").filter(
        Q(email__iexact=address) | (Q(peer=peer) if peer else Q(pk__in=[]))
    )
    data["applications"] = [
        {
            "submitted_at": _when(a.submitted_at),
            "kind": a.get_kind_display(),
            "full_name": a.full_name,
            "email": a.email,
            "phone": a.phone,
            "home_council": _name(a.home_council),
            "home_role": a.get_home_role_display(),
            "party": _name(a.party),
            "skills": a.skills,
            "experience": a.experience,
            "diversity": a.diversity,
            "status": a.get_status_display(),
            "decision_note": a.decision_note,
        }
        for a in applications
    ]
    invitations = list(
        SurveyInvitation.objects.filter(
            Q(email__iexact=address) | (Q(peer=peer) if peer else Q(pk__in=[]))
        ).select_related("engagement__offer", "engagement__council", "response")
    )
    responses = [i.response.pk for i in invitations if getattr(i, "response", None) is not None]
    answers: dict[int, list] = {}
    for answer in Answer.objects.filter(response_id__in=responses).select_related("question"):
        answers.setdefault(answer.response_id, []).append(
            {
                "question": answer.question.text,
                "answer": answer.value_text
                if answer.value_text
                else answer.value_int
                if answer.value_int is not None
                else answer.value_bool,
            }
        )
    data["survey_invitations"] = [
        {
            "engagement": _engagement(i.engagement),
            "name": i.name,
            "email": i.email,
            "sent_at": _when(i.sent_at),
            "answered_at": _when(i.responded_at),
            "answers": answers.get(getattr(getattr(i, "response", None), "pk", None), []),
        }
        for i in invitations
    ]
    data["emails"] = [
        {
            "created_at": _when(e.created_at),
            "subject": e.subject,
            "status": e.get_status_display(),
            "sent_at": _when(e.sent_at),
            "body": e.body,
        }
        for e in _emails_to(address)
    ]
    accepted = [m.engagement_id for m in memberships if m.status == "accepted"]
    data["reports"] = [
        {
            "engagement": _engagement(r.engagement),
            "kind": r.get_kind_display(),
            "status": r.get_status_display(),
        }
        for r in Report.objects.filter(engagement_id__in=accepted).select_related(
            "engagement__offer", "engagement__council"
        )
    ]
    data["report_comments"] = [
        {
            "engagement": _engagement(c.section.report.engagement),
            "section": c.section.heading,
            "comment": c.text,
            "at": _when(c.at),
            "resolution": c.resolution,
        }
        for c in AccuracyComment.objects.filter(by=user).select_related(
            "section__report__engagement__offer", "section__report__engagement__council"
        )
    ]
    data["requests"] = [
        {
            "engagement": _engagement(e),
            "requested_at": _when(e.requested_at),
            "contact_name": e.contact_name,
            "contact_email": e.contact_email,
            "description": e.description,
        }
        for e in Engagement.objects.filter(requested_by=user).select_related("offer", "council")
    ]
    data["documents"] = [
        {
            "engagement": _engagement(d.engagement),
            "title": d.title,
            "uploaded_at": _when(d.uploaded_at),
        }
        for d in Document.objects.filter(uploaded_by=user).select_related(
            "engagement__offer", "engagement__council"
        )
    ]
    data["notes"] = [
        {"engagement": _engagement(n.engagement), "text": n.text, "at": _when(n.at)}
        for n in Note.objects.filter(by=user).select_related(
            "engagement__offer", "engagement__council"
        )
    ]
    return data


def erasable_account(user, pk: int):
    """The account an administrator would erase (open or closed); none for anyone else."""
    accounts = get_user_model().objects.all()
    if not permissions.may_erase_person(user):
        accounts = accounts.none()
    return get_object_or_404(accounts, pk=pk)


def erasable_peer(user, pk: int) -> Peer:
    peers = Peer.objects.all() if permissions.may_erase_person(user) else Peer.objects.none()
    return get_object_or_404(peers, pk=pk)


def peer_of(account) -> Peer | None:
    return Peer.objects.filter(user=account).first()
