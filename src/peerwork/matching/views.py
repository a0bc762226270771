"""Team assembly pages: propose a team with reasons, adjust and re-solve, accept; repair
after a decline; propose every team in a period together."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from peerwork.accounts.permissions import staff_required
from peerwork.core.forms import DateField
from peerwork.core.pagination import paginate
from peerwork.core.params import whole_number
from peerwork.core.workers import live_workers
from peerwork.engagements.models import Part
from peerwork.engagements.selectors import engagements_visible_to
from peerwork.engagements.team.selectors import team_places
from peerwork.matching import presenters, selectors, services
from peerwork.peers.selectors import peers_visible_to

TERMS = {
    "skill": gettext_lazy("skills match"),
    "council_type": gettext_lazy("knows this type of council"),
    "continuity": gettext_lazy("on the original team"),
    "development": gettext_lazy("few engagements so far"),
    "travel": gettext_lazy("travel"),
    "workload": gettext_lazy("workload"),
    "affinity": gettext_lazy("given fit"),
}


def _engagement(request, pk):
    return get_object_or_404(engagements_visible_to(request.user), pk=pk)


def _part(request, engagement) -> str:
    part = request.POST.get("part") or request.GET.get("part") or Part.MAIN
    if part not in Part.values or (
        part == Part.PROGRESS_REVIEW and not hasattr(engagement, "progress_review")
    ):
        raise Http404
    return part


def _reasons(breakdown: dict) -> str:
    parts = []
    for key, value in sorted(breakdown.items(), key=lambda kv: -abs(kv[1])):
        if value:
            parts.append(f"{TERMS.get(key, key)} {value:+.2f}")
    return ", ".join(parts) or _("no particular fit")


def _rows(user, engagement, part, proposal) -> list[dict]:
    """One row per place: who fills it now, who the solver proposes, and the alternates."""
    result = proposal.result if proposal else {}
    by_place = {row.get("place"): row for row in result.get("assignments", [])}
    unfilled = {row.get("place"): row for row in result.get("unfilled", [])}
    alternates = {row.get("place"): row["peers"] for row in result.get("alternates", [])}
    ids = {int(r["peer"]) for r in by_place.values()} | {
        int(p["peer"]) for peers in alternates.values() for p in peers
    }
    peers = peers_visible_to(user).select_related("home_council").in_bulk(ids)
    locked = {item["place"] for item in (proposal.locked if proposal else [])}
    rows = []
    for place in team_places(engagement, part):
        proposed = by_place.get(place.number)
        rows.append(
            {
                "place": place,
                "proposed": proposed
                and {
                    "peer": peers.get(int(proposed["peer"])),
                    "score": proposed.get("score", 0),
                    "reasons": _reasons(proposed.get("breakdown", {})),
                },
                "unfilled": unfilled.get(place.number),
                "alternates": [
                    {
                        "peer": peers.get(int(a["peer"])),
                        "score": a.get("score", 0),
                        "reasons": _reasons(a.get("breakdown", {})),
                    }
                    for a in alternates.get(place.number, [])
                    if int(a["peer"]) in peers
                ],
                "locked": place.number in locked,
                "adjustments": presenters.adjustment_checkboxes(
                    place, locked=place.number in locked
                ),
            }
        )
    return rows


@staff_required
def propose(request, pk):
    engagement = _engagement(request, pk)
    part = _part(request, engagement)
    proposal = engagement.proposals.filter(part=part).first()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                invited = services.proposal_accept(
                    proposal=get_object_or_404(
                        engagement.proposals, pk=whole_number(request.POST.get("proposal"))
                    ),
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
                messages.success(
                    request,
                    _("%(count)s invitations sent.") % {"count": len(invited)},
                )
                return redirect("engagements:team", pk)
            locked, excluded = _adjustments(request.POST, proposal)
            services.proposal_make(
                engagement=engagement,
                by=request.user,
                part=part,
                locked=locked,
                excluded=excluded,
                repair=request.POST.get("action") == "repair",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A new proposal is ready."))
        return redirect(reverse("matching:propose", args=[pk]) + f"?part={part}")
    return render(
        request,
        "matching/propose.html",
        {
            "engagement": engagement,
            "part": part,
            "proposal": proposal,
            "rows": _rows(request.user, engagement, part, proposal),
            "excluded": (
                peers_visible_to(request.user).filter(pk__in=proposal.excluded) if proposal else []
            ),
        },
    )


def _adjustments(data, proposal) -> tuple[list[dict], list[int]]:
    """Locks and exclusions from the form: lock-<place> keeps the peer chosen in
    peer-<place> (the proposal or an alternate swapped in); exclude-<place> leaves the
    proposed peer out of every later proposal for this engagement."""
    locked, excluded = [], set(proposal.excluded if proposal else [])
    for key, value in data.items():
        if not key.startswith("peer-"):
            continue
        number = whole_number(key.removeprefix("peer-"), minimum=1)
        peer = whole_number(value, minimum=1)
        if number is None or peer is None:
            continue
        if data.get(f"exclude-{number}"):
            excluded.add(peer)
        elif data.get(f"lock-{number}"):
            locked.append({"place": number, "peer": peer})
    return locked, sorted(excluded)


class PeriodForm(forms.Form):
    period_from = DateField(label=gettext_lazy("From"))
    period_to = DateField(label=gettext_lazy("To"))
    time_limit = forms.IntegerField(
        label=gettext_lazy("Longest time to search (seconds)"),
        help_text=gettext_lazy("You can stop it sooner and keep the best teams found."),
        min_value=5,
        max_value=600,
        initial=30,
        error_messages={
            "required": gettext_lazy("Enter how long to search, in seconds"),
            "invalid": gettext_lazy("Enter the time as a whole number of seconds, like 30"),
            "min_value": gettext_lazy("Give the search at least 5 seconds"),
            "max_value": gettext_lazy("Give the search at most 600 seconds"),
        },
    )


RUNS_PAGE = 10


@staff_required
def batch(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.batch_start(
                period_from=form.cleaned_data["period_from"],
                period_to=form.cleaned_data["period_to"],
                time_limit=form.cleaned_data["time_limit"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("matching:batch-run", run.pk)
    return render(
        request,
        "matching/batch.html",
        {
            "form": form,
            "runs": paginate(request, selectors.batch_runs_for(request.user), per_page=10),
        },
    )


@staff_required
def batch_run(request, run_id):
    run = get_object_or_404(selectors.batch_runs_for(request.user), pk=run_id)
    unfilled = run.result.get("unfilled", [])
    engagements = engagements_visible_to(request.user).in_bulk(
        {int(r["engagement"]) for r in run.result.get("assignments", []) + unfilled}
    )
    return render(
        request,
        "matching/batch_run.html",
        {
            "run": run,
            "workers_alive": bool(live_workers()) if run.in_progress else True,
            "summary_rows": presenters.run_summary_rows(run),
            "unfilled": [
                {**row, "engagement_record": engagements.get(int(row["engagement"]))}
                for row in unfilled
            ],
            "engagements": sorted(engagements.values(), key=lambda e: e.preferred_from),
        },
    )


@staff_required
@require_POST
def batch_cancel(request, run_id):
    run = get_object_or_404(selectors.batch_runs_for(request.user), pk=run_id)
    services.batch_cancel(run=run, by=request.user)
    messages.success(request, _("Stopping: the best teams found so far will be kept."))
    return redirect("matching:batch-run", run_id)


@staff_required
@require_POST
def repair(request, pk):
    """After a decline: fill only the open places, keeping everyone else."""
    engagement = _engagement(request, pk)
    part = _part(request, engagement)
    try:
        latest = engagement.proposals.filter(part=part).first()
        services.proposal_make(
            engagement=engagement,
            by=request.user,
            part=part,
            excluded=latest.excluded if latest else (),
            repair=True,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("matching:propose", args=[pk]) + f"?part={part}")
