"""The public entry point: ``solve(instance, mode=...)`` in the four modes of the specification.

- ``batch``: every engagement of the instance in one model, so scarce peers
  are shared well across the period.
- ``propose``: the instance normally holds one engagement, with everyone
  else's confirmed work given as peers' ``booked`` ranges and ``load``. If it
  holds several, they are proposed one at a time in the order given, each
  seeing the earlier proposals as bookings.
- ``repair``: as propose; the engagement's ``locked`` list holds the rest of
  the team, which is kept exactly, and only the open places are filled.
- ``alternates``: as batch, and also, for each place, the next best N eligible
  peers who are not chosen (N = ``alternates``, 3 if not given). Any mode
  returns alternates when ``alternates`` > 0.

For one engagement, candidates are pruned without loss (see
``candidates.py``); for a batch, each place keeps its best ``per_place``
candidates, a heuristic, and ``bound_scope`` says the bound is the pruned
model's. A batch of more than ``HUGE`` places is solved in windows of dates,
each with the earlier ones fixed (``_windows``).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager

from peerwork.assembly import progress
from peerwork.assembly.candidates import prepare, relaxed_bound
from peerwork.assembly.eligibility import Pool
from peerwork.assembly.greedy import violations
from peerwork.assembly.instance import Engagement, validate
from peerwork.assembly.reasons import unfilled
from peerwork.assembly.results import alternates as alternates_of
from peerwork.assembly.results import assignments
from peerwork.assembly.scoring import SCALE
from peerwork.assembly.solver import Model

MODES = ("propose", "batch", "repair", "alternates")
VARIABLE_BUDGET = 60_000  # model variables a batch aims for, before the per-place floor
PER_PLACE_FLOOR = 20
PER_GROUP_IN_BATCH = 3
PER_PEER = 4
# Past this many places a batch is solved in windows of dates of about WINDOW
# places each: the model and its LP grow past what two cores solve in minutes.
HUGE = 5_000
WINDOW = 1_200
BETWEEN_PLACES = {"count", "one place", "overlap", "capacity", "max_same_party"}


def solve(
    instance: dict,
    *,
    mode: str = "batch",
    time_limit: float = 10.0,
    alternates: int = 0,
    per_place: int | None = None,
    on_progress=None,
) -> dict:
    """Propose teams for the instance; returns the contract's output dict.

    Raises ``InstanceError`` for a malformed instance and ``ValueError`` for an
    unknown mode. ``per_place`` overrides how many candidates each place of a
    batch keeps (default: about ``VARIABLE_BUDGET`` variables in all, at least
    ``PER_PLACE_FLOOR`` per place).
    """
    started = time.perf_counter()
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    with _collector_paused():
        return _solve(instance, mode, time_limit, alternates, per_place, started, on_progress)


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while the instance's many small objects are built.

    Parsing 5,000 peers creates tens of thousands of objects and none of them
    form cycles; the collector's passes over them took a third of a proposal's
    time. The previous state is restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _solve(instance, mode, time_limit, alternates, per_place, started, on_progress) -> dict:
    parsed = validate(instance)
    wanted = alternates or (3 if mode == "alternates" else 0)
    pool = Pool(parsed)
    sequential = mode in ("propose", "repair")
    runs = [[e] for e in parsed.engagements] if sequential else _windows(parsed.engagements)
    windowed = not sequential and len(runs) > 1
    # The bound of a windowed batch is worked out before any window books its peers.
    relaxed = relaxed_bound(pool, parsed.engagements) if windowed else None

    with progress.watching(on_progress) as watch:
        parts = _runs(pool, runs, started, time_limit, wanted, per_place)
    result = _combine(parts, sequential and len(runs) > 1)
    if relaxed is not None:  # the batch was windowed
        _window_bound(result, parts, relaxed)
    if watch is not None and watch.stopped:
        result["stopped"] = True
    result["seconds"] = round(time.perf_counter() - started, 4)
    result["mode"] = mode
    return _ordered(result)


def _runs(pool, runs, started, time_limit, wanted, per_place) -> list[dict]:
    """Solve the runs in turn; later runs see earlier proposals as bookings (and load).

    Places locked in a later run are reserved the same way until their run comes,
    so that an earlier run never takes the dates or the capacity they need.
    """
    reserved = [_locks(pool, engagements) for engagements in runs]
    for rows, dates in reserved[1:]:
        pool.book_many(rows, dates)
    parts = []
    for n, engagements in enumerate(runs):
        if n and not progress.keep_going():
            break
        if n:
            pool.release(*reserved[n])
        left = time_limit - (time.perf_counter() - started)
        share = max(0.05, left / (len(runs) - n))
        part = _run(pool, engagements, share, wanted, per_place)
        parts.append(part)
        if n + 1 < len(runs) and part["status"] != "infeasible":
            spans = {e.id: (e.start, e.end) for e in engagements}
            pool.book_many(
                [pool.index[row["peer"]] for row in part["assignments"]],
                [spans[row["engagement"]] for row in part["assignments"]],
            )
    return parts


def _locks(pool: Pool, engagements: list[Engagement]) -> tuple[list[int], list[tuple]]:
    rows, dates = [], []
    for engagement in engagements:
        for _, peer_id in engagement.locked:
            rows.append(pool.index[peer_id])
            dates.append((engagement.start, engagement.end))
    return rows, dates


def _windows(engagements: list[Engagement]) -> list[list[Engagement]]:
    """One run for a batch; a huge batch (over ``HUGE`` places) in windows of dates.

    Each window holds consecutive engagements (by first day) up to ``WINDOW``
    places, and is solved with the earlier windows' proposals fixed, as
    bookings and load: a rolling horizon, so a year of 2,000 engagements is
    solved as a few batches the size the model handles well.
    """
    if sum(len(e.slots) for e in engagements) <= HUGE:
        return [engagements]
    windows: list[list[Engagement]] = [[]]
    size = 0
    for engagement in sorted(engagements, key=lambda e: (e.start, e.end)):
        if size + len(engagement.slots) > WINDOW and windows[-1]:
            windows.append([])
            size = 0
        windows[-1].append(engagement)
        size += len(engagement.slots)
    return windows


def _window_bound(result: dict, parts: list[dict], relaxed: int) -> None:
    """A windowed batch's bound: the relaxed bound, which holds for the whole batch."""
    if result["status"] == "infeasible":
        return
    windows = [part["bound"] for part in parts if part.get("bound") is not None]
    objective = round(result["objective"] * SCALE)
    result["status"] = "feasible"
    result.pop("bound_unpruned", None)  # the windows' own relaxed bounds: the bound replaces them
    result["bound"] = relaxed / SCALE
    result["gap"] = _gap(objective, relaxed)
    result["bound_scope"] = (
        f"the batch was solved in {len(parts)} windows of dates, each with the earlier "
        "windows' proposals fixed; the bound lets every place take its best eligible peers, "
        "ignoring the rules between places: it holds for the whole batch and is loose. "
        "window_bound adds up each window's own bound, which holds for that window given "
        "the earlier ones"
    )
    if len(windows) == len(parts):
        result["window_bound"] = sum(windows) / SCALE
        result["window_gap"] = _gap(objective, sum(windows))


def _run(
    pool: Pool,
    engagements: list[Engagement],
    time_limit: float,
    wanted: int,
    per_place: int | None,
) -> dict:
    deadline = time.perf_counter() + time_limit
    single = len(engagements) == 1
    if single:
        places_total = engagements[0].places
        per_place_used, per_group, per_peer = 0, max(places_total, 1), 0
    else:
        slots = sum(len(e.slots) for e in engagements) or 1
        per_place_used = per_place or max(PER_PLACE_FLOOR, VARIABLE_BUDGET // slots)
        per_group, per_peer = PER_GROUP_IN_BATCH, PER_PEER
    places, conflicts = prepare(
        pool,
        engagements,
        per_place=per_place_used,
        per_group=per_group,
        per_peer=per_peer,
        widen=not single,
    )

    locked_rows = [
        {"engagement": e.id, "role": role, "peer": peer}
        for e in engagements
        for role, peer in e.locked
    ]
    named = {c["peer"] for c in conflicts}
    for broken in violations(pool.instance, locked_rows, complete=False):
        # Per-pair rules were checked with the candidates; these are the rules between places.
        if broken["name"] not in BETWEEN_PLACES or broken["peer"] in named:
            continue
        conflicts.append(
            {
                "engagement": broken["engagement"],
                "role": broken["role"],
                "peer": broken["peer"],
                "reason": f"locked choices break rule {broken['rule']}: {broken['message']}",
            }
        )
    run_ids = {e.id for e in engagements}
    conflicts = [c for c in conflicts if c["engagement"] in run_ids]
    eligible_pairs = sum(p.eligible for p in places)
    modelled = sum(len(p.peers) for p in places)
    lossless = single or modelled == eligible_pairs
    if conflicts:
        return _infeasible(conflicts, places)

    model = Model(pool, engagements, places)
    outcome = model.solve(deadline)
    if outcome.status == "infeasible":
        return _infeasible(
            [
                {
                    "engagement": ", ".join(sorted(run_ids)),
                    "reason": "the locked choices cannot be "
                    "completed into teams that keep the team rules (unlock a peer or relax a rule)",
                }
            ],
            places,
        )
    rows, objective = assignments(pool, places, outcome.chosen)
    status = outcome.status if lossless else "feasible"
    if single:
        scope = (
            "full model (pruning to the best peers of each group is lossless for one engagement)"
        )
    elif lossless:
        scope = "full model"
    else:
        scope = (
            f"pruned model: each place keeps its best {per_place_used} candidates, the best "
            f"{per_group} of each group the team rules tell apart, each peer's {per_peer} best "
            "places, and more for each place a max flow shows pruning left short; the bound "
            "holds for that model only"
        )
    part = {
        "status": status,
        "objective": objective,
        "bound": outcome.bound,
        "assignments": rows,
        "unfilled": unfilled(
            pool, engagements, places, outcome.chosen, complete=outcome.status == "optimal"
        ),
        "bound_scope": scope,
        "places": sum(p.count for p in places),
        "filled": len(outcome.chosen),
        "eligible_pairs": eligible_pairs,
        "variables": outcome.variables,
        "notes": outcome.notes,
        "solver_seconds": outcome.seconds,
    }
    if not lossless:
        part["bound_unpruned"] = sum(p.best_possible for p in places)
    if wanted:
        part["alternates"] = alternates_of(pool, places, outcome.chosen, wanted)
    return part


def _infeasible(conflicts: list[dict], places: list) -> dict:
    return {
        "status": "infeasible",
        "objective": 0,
        "bound": None,
        "assignments": [],
        "unfilled": [
            {
                "engagement": p.engagement.id,
                "role": p.slot.role,
                "missing": p.count,
                "reason": "not solved: the locked choices break a hard rule (see conflicts)",
                "relax": ["locked"],
            }
            for p in places
            if p.count
        ],
        "conflicts": conflicts,
        "places": sum(p.count for p in places),
        "filled": 0,
        "notes": [],
    }


def _combine(parts: list[dict], sequential: bool) -> dict:
    statuses = {part["status"] for part in parts}
    status = next((s for s in ("infeasible", "feasible") if s in statuses), "optimal")
    objective = sum(part["objective"] for part in parts)
    bounds = [part["bound"] for part in parts if part.get("bound") is not None]
    bound = sum(bounds) if len(bounds) == len(parts) else None
    if status == "infeasible":
        bound = None
    result: dict = {
        "status": status,
        "objective": objective / SCALE,
        "bound": None if bound is None else bound / SCALE,
        "gap": _gap(objective, bound),
        "assignments": [row for part in parts for row in part["assignments"]],
        "unfilled": [row for part in parts for row in part["unfilled"]],
        "places": sum(part["places"] for part in parts),
        "filled": sum(part["filled"] for part in parts),
    }
    scopes = sorted({part["bound_scope"] for part in parts if "bound_scope" in part})
    if scopes:
        scope = "; ".join(scopes)
        if sequential:
            scope += "; engagements proposed one at a time, each with the earlier ones fixed"
        result["bound_scope"] = scope
    if all("bound_unpruned" in part or "bound" not in part for part in parts) and any(
        "bound_unpruned" in part for part in parts
    ):
        result["bound_unpruned"] = sum(part.get("bound_unpruned", 0) for part in parts) / SCALE
    for name in ("eligible_pairs", "variables", "solver_seconds"):
        if any(name in part for part in parts):
            result[name] = sum(part.get(name, 0) for part in parts)
    notes = [note for part in parts for note in part.get("notes", [])]
    if notes:
        result["notes"] = notes
    conflicts = [c for part in parts for c in part.get("conflicts", [])]
    if conflicts:
        result["conflicts"] = conflicts
    if any("alternates" in part for part in parts):
        result["alternates"] = [row for part in parts for row in part.get("alternates", [])]
    return result


def _gap(objective: int, bound: int | None) -> float | None:
    """(bound - objective) / |bound|, as a fraction; 0 when they are equal."""
    if bound is None:
        return None
    if bound == objective:
        return 0.0
    if bound == 0:
        return None
    return round(max(0, bound - objective) / abs(bound), 6)


CONTRACT = ("status", "objective", "bound", "gap", "seconds", "assignments", "unfilled")


def _ordered(result: dict) -> dict:
    first = {name: result[name] for name in CONTRACT}
    return first | {k: v for k, v in result.items() if k not in first}
