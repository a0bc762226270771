"""Proposing teams with the solver, and accepting a proposal through the engagements
workflow (which sends the invitations)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from peerwork.accounts import permissions
from peerwork.assembly import solve
from peerwork.core import audit
from peerwork.core.tasks import enqueue
from peerwork.core.workers import task_is_alive
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


def _team_state(engagement: Engagement, part: str) -> tuple:
    """What the solver's answer depends on that can change while it works."""
    return (
        engagement.status,
        tuple(
            (place.number, place.member.peer_id if place.member else None)
            for place in team_places(engagement, part)
        ),
    )


def proposal_make(
    *, engagement: Engagement, by, part: str = Part.MAIN, locked=(), excluded=(), repair=False
) -> Proposal:
    """Ask the solver for the open places, keeping locked peers and leaving out excluded ones.

    The solve runs outside any transaction (on SQLite a transaction would hold the
    database's write lock for the whole solve); the answer is written in a short one,
    after checking that the team and the engagement did not change meanwhile."""
    permissions.require(permissions.may_manage_engagement(by, engagement))
    _check_open(engagement)
    locked, excluded = list(locked), sorted(set(excluded))
    before = _team_state(engagement, part)
    encoded = encode([engagement], part=part, locked=locked, excluded=excluded)
    mode = "repair" if repair else "propose"
    result = solve(encoded.instance, mode=mode, time_limit=TIME_LIMIT, alternates=ALTERNATES)
    with transaction.atomic():
        current = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if _team_state(current, part) != before:
            raise ValidationError(
                _("The team changed while the solver was working. Propose a team again.")
            )
        return Proposal.objects.create(
            engagement=current,
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
    well. A worker does the run (`run_batch`); its page shows the progress."""
    permissions.require(permissions.may_manage_engagement(by))
    if period_to < period_from:
        raise ValidationError(_("The end of the period must be after its start."))
    if not batch_engagements(period_from, period_to):
        raise ValidationError(_("No engagement is forming a team in that period."))
    with transaction.atomic():
        run = BatchRun.objects.create(
            period_from=period_from, period_to=period_to, time_limit=time_limit, created_by=by
        )
        _queue(run)
    return run


@task(queue_name="assembly")
def run_batch(run_id: int) -> str:
    """The task: a worker does the batch run."""
    return batch_work(run_id)


def _queue(run: BatchRun) -> None:
    result = enqueue(run_batch, run.pk)
    if result is not None:
        BatchRun.objects.filter(pk=run.pk).update(task_id=str(result.id))


def batch_cancel(*, run: BatchRun, by) -> None:
    """Ask a running batch to stop; it keeps the best teams found so far. A run no
    worker has started yet stops at once."""
    permissions.require(permissions.may_manage_engagement(by))
    # A person's action, so logged; the worker's own updates of a run are not.
    audit.audited_update(
        BatchRun.objects.filter(pk=run.pk, status=BatchRun.Status.QUEUED),
        status=BatchRun.Status.CANCELLED,
        cancel_requested=True,
    )
    audit.audited_update(
        BatchRun.objects.filter(pk=run.pk, status=BatchRun.Status.RUNNING), cancel_requested=True
    )


def batch_work(run_id: int) -> str:
    """Do a queued run (the task's body). A run already finished, or stopped before it
    started, is left alone."""
    started = BatchRun.objects.filter(pk=run_id, status=BatchRun.Status.QUEUED).update(
        status=BatchRun.Status.RUNNING, attempts=F("attempts") + 1
    )
    if not started:
        return "not queued"
    try:
        _batch_solve(run_id)
    except Exception as error:  # noqa: BLE001 - the page must say the run failed
        BatchRun.objects.filter(pk=run_id).update(status=BatchRun.Status.FAILED, error=str(error))
        raise
    return "done"


def batch_take_up(stale) -> None:
    """Runs whose worker died: queue them again, or mark them failed after
    BatchRun.MAX_ATTEMPTS tries. (Called at every worker's beat.)"""
    cutoff = timezone.now() - stale
    for run in BatchRun.objects.filter(
        status__in=[BatchRun.Status.QUEUED, BatchRun.Status.RUNNING], created_at__lt=cutoff
    ):
        if task_is_alive(run.task_id):
            continue
        with transaction.atomic():
            left = BatchRun.objects.filter(pk=run.pk, status=run.status, task_id=run.task_id)
            if run.status == BatchRun.Status.RUNNING and run.cancel_requested:
                left.update(status=BatchRun.Status.CANCELLED, error=_worker_stopped())
            elif run.attempts >= BatchRun.MAX_ATTEMPTS:
                left.update(status=BatchRun.Status.FAILED, error=_worker_stopped())
            elif left.update(status=BatchRun.Status.QUEUED, progress={}):
                _queue(run)


def _worker_stopped() -> str:
    return _("The worker doing this run stopped before it finished. Start the run again.")


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
        finished = BatchRun.objects.filter(pk=run_id, status=BatchRun.Status.RUNNING).update(
            result=result,
            summary=summary,
            status=BatchRun.Status.CANCELLED if cancelled else BatchRun.Status.DONE,
        )
        if not finished:
            return  # marked failed meanwhile: its answer is not wanted
        # An engagement that moved on while the solver worked gets no proposal.
        still_forming = set(
            Engagement.objects.filter(
                pk__in=[e.pk for e in engagements], status=Stage.TEAM_FORMING
            ).values_list("pk", flat=True)
        )
        for engagement in engagements:
            if engagement.pk not in still_forming:
                continue
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
