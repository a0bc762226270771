"""Proposing teams with the solver, and accepting a proposal through the engagements
workflow (which sends the invitations)."""

import datetime
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.assembly import solve
from peerwork.engagements.models import Engagement, Part
from peerwork.engagements.team.selectors import team_places
from peerwork.engagements.team.services import member_invite
from peerwork.matching.encode import encode
from peerwork.matching.models import BatchRun, Proposal
from peerwork.offers.models import Stage
from peerwork.peers.models import Peer

# Stages in which a team may be proposed.
FORMING = {Stage.SCOPING, Stage.TEAM_FORMING, Stage.PROGRESS_REVIEW}
TIME_LIMIT = 10.0
ALTERNATES = 3


def _check_open(engagement: Engagement) -> None:
    if engagement.status not in FORMING:
        raise ValidationError(
            _("Teams are proposed while the engagement is being scoped or its team formed.")
        )


def _answer(encoded, result: dict) -> dict:
    """The solver's answer, with place numbers beside each slot."""
    for row in result.get("assignments", []) + result.get("unfilled", []):
        place = encoded.places.get((row["engagement"], row["role"]))
        row["place"] = place[1] if place else None
    for row in result.get("alternates", []):
        place = encoded.places.get((row["engagement"], row["role"]))
        row["place"] = place[1] if place else None
    return result


@transaction.atomic
def proposal_make(
    *, engagement: Engagement, by, part: str = Part.MAIN, locked=(), excluded=(), repair=False
) -> Proposal:
    """Ask the solver for the open places, keeping locked peers and leaving out excluded ones."""
    permissions.require(permissions.may_manage_engagement(by, engagement))
    _check_open(engagement)
    locked, excluded = list(locked), sorted(set(excluded))
    encoded = encode([engagement], part=part, locked=locked, excluded=excluded)
    mode = "repair" if repair else "propose"
    result = solve(encoded.instance, mode=mode, time_limit=TIME_LIMIT, alternates=ALTERNATES)
    return Proposal.objects.create(
        engagement=engagement,
        part=part,
        mode=Proposal.Mode.REPAIR if repair else Proposal.Mode.PROPOSE,
        locked=locked,
        excluded=excluded,
        result=_answer(encoded, result),
        created_by=by,
    )


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by, base_url: str) -> list:
    """Invite the proposed peers for the places still open; each gets the usual email."""
    permissions.require(permissions.may_manage_engagement(by, proposal.engagement))
    if proposal.accepted_at:
        raise ValidationError(_("This proposal has already been accepted."))
    engagement = proposal.engagement
    _check_open(engagement)
    if proposal != engagement.proposals.filter(part=proposal.part).first():
        raise ValidationError(_("A newer proposal exists: accept that one instead."))
    places = {p.number: p for p in team_places(engagement, proposal.part)}
    invited = []
    peers = Peer.objects.in_bulk(
        [int(row["peer"]) for row in proposal.result.get("assignments", [])]
    )
    for row in proposal.result.get("assignments", []):
        place = places.get(row.get("place"))
        if place is None or place.member is not None:
            continue  # already filled (a locked member, or someone invited since)
        invited.append(
            member_invite(
                engagement=engagement,
                place=place,
                peer=peers[int(row["peer"])],
                by=by,
                base_url=base_url,
                part=proposal.part,
            )
        )
    proposal.accepted_at = timezone.now()
    proposal.save(update_fields=["accepted_at"])
    return invited


def batch_engagements(period_from: datetime.date, period_to: datetime.date):
    """Engagements forming a team whose dates fall in the period."""
    return list(
        Engagement.objects.filter(status=Stage.TEAM_FORMING)
        .filter(preferred_from__gte=period_from, preferred_from__lte=period_to)
        .select_related("council__region", "offer")
        .order_by("preferred_from", "pk")
    )


def batch_start(*, period_from, period_to, by, time_limit: int = 30) -> BatchRun:
    """Start proposing every team in the period together, so scarce peers are shared
    well. The solve runs in the background (or at once when
    PEERWORK_SOLVE_IN_BACKGROUND is off, as in tests); its page shows the progress."""
    permissions.require(permissions.may_manage_engagement(by))
    if period_to < period_from:
        raise ValidationError(_("The end of the period must be after its start."))
    if not batch_engagements(period_from, period_to):
        raise ValidationError(_("No engagement is forming a team in that period."))
    run = BatchRun.objects.create(
        period_from=period_from, period_to=period_to, time_limit=time_limit, created_by=by
    )
    if settings.PEERWORK_SOLVE_IN_BACKGROUND:
        transaction.on_commit(
            lambda: threading.Thread(target=_batch_work, args=(run.pk,), daemon=True).start()
        )
    else:
        _batch_work(run.pk)
    return run


def batch_cancel(*, run: BatchRun, by) -> None:
    """Ask a running batch to stop; it keeps the best teams found so far."""
    permissions.require(permissions.may_manage_engagement(by))
    BatchRun.objects.filter(pk=run.pk, status=BatchRun.Status.RUNNING).update(cancel_requested=True)


def _batch_work(run_id: int) -> None:
    try:
        _batch_solve(run_id)
    except Exception as error:  # noqa: BLE001 - the page must say the run failed
        BatchRun.objects.filter(pk=run_id).update(status=BatchRun.Status.FAILED, error=str(error))
        raise
    finally:
        if settings.PEERWORK_SOLVE_IN_BACKGROUND:
            connection.close()


def _batch_solve(run_id: int) -> None:
    run = BatchRun.objects.get(pk=run_id)
    engagements = batch_engagements(run.period_from, run.period_to)
    encoded = encode(engagements)

    def on_progress(progress: dict) -> bool:
        BatchRun.objects.filter(pk=run_id).update(progress=progress)
        return not BatchRun.objects.filter(pk=run_id, cancel_requested=True).exists()

    result = _answer(
        encoded,
        solve(
            encoded.instance,
            mode="batch",
            time_limit=float(run.time_limit),
            on_progress=on_progress,
        ),
    )
    used: dict[str, int] = {}
    for row in result.get("assignments", []):
        used[row["peer"]] = used.get(row["peer"], 0) + 1
    summary = {
        "engagements": len(engagements),
        "places": sum(len(spec["slots"]) for spec in encoded.instance["engagements"]),
        "filled": len(result.get("assignments", [])),
        "unfilled": sum(row.get("missing", 1) for row in result.get("unfilled", [])),
        "peers_used": len(used),
        "most_per_peer": max(used.values(), default=0),
        "pool": len(encoded.instance["peers"]),
    }
    with transaction.atomic():
        cancelled = BatchRun.objects.filter(pk=run_id, cancel_requested=True).exists()
        BatchRun.objects.filter(pk=run_id).update(
            result=result,
            summary=summary,
            status=BatchRun.Status.CANCELLED if cancelled else BatchRun.Status.DONE,
        )
        for engagement in engagements:
            mine = str(engagement.pk)
            share = {
                **result,
                "assignments": [r for r in result["assignments"] if r["engagement"] == mine],
                "unfilled": [r for r in result["unfilled"] if r["engagement"] == mine],
            }
            Proposal.objects.create(
                engagement=engagement,
                mode=Proposal.Mode.BATCH,
                result=share,
                created_by=run.created_by,
            )
