"""The candidates of every place: eligible peers, their scores, and pruning.

Pruning keeps, for each place, the best ``per_group`` peers of every *group*
and, in a batch, also the best ``per_place`` overall. A group is the set of
candidates that look alike to the team rules: same party (when the team caps
members of one party) and the same answers to "covers skill X at level L" and
"knows the council type" (when the team has such rules).

For a run of one engagement this pruning loses nothing once ``per_group`` is at
least the number of places: if an optimal team used a pruned peer p, at least
one of the better peers of p's group is not on the team (the group keeps more
peers than the team has places), and swapping p for it keeps every rule (same
party, same coverage; one engagement, so no clash or capacity interaction) and
does not lower the score. For a batch, pruning is a heuristic: a peer pruned
from a place might have been the best use of someone, so the solver's bound is
claimed only for the pruned model, and the output says so (``bound_scope``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import max_flow

from peerwork.assembly.eligibility import Pool
from peerwork.assembly.instance import Engagement, Slot
from peerwork.assembly.scoring import fit_terms, total, workload_cost


@dataclass(slots=True)
class Place:
    """One slot of one engagement in the run, with its (pruned) candidates."""

    run_index: int  # the engagement's position in this run
    slot_index: int
    engagement: Engagement
    slot: Slot
    eligible: int  # candidates before pruning
    peers: np.ndarray  # candidate peer rows (pool indices), after pruning
    terms: dict[str, np.ndarray]  # fit terms of those candidates, thousandths
    base: np.ndarray  # fit minus the cost of a first engagement in the run
    locked: list[int] = field(default_factory=list)
    best_possible: int = 0  # the best `count` positive base scores among all eligible

    @property
    def count(self) -> int:
        return self.slot.count


def prepare(
    pool: Pool,
    engagements: list[Engagement],
    *,
    per_place: int | None,
    per_group: int,
    per_peer: int = 0,
    widen: bool = False,
) -> tuple[list[Place], list[dict]]:
    """Candidates of every place of the run, and the locked choices that break a rule.

    ``per_place=None`` keeps everyone eligible (no overall cut), leaving only
    the per-group cut. ``per_peer`` also keeps, for every peer, the places where
    they score best: cutting each place to its own favourites alone would send
    every place after the same few strong peers and starve the scarce places.
    ``widen`` then gives more candidates to every place a max flow over the kept
    ones leaves short (see ``_widen``).
    """
    weight = pool.instance.weights.workload
    conflicts: list[dict] = []
    found = []  # (run, slot index, engagement, slot, eligible peers, base, locked)
    for run_index, engagement in enumerate(engagements):
        locked_by_role: dict[str, list[int]] = {}
        for role, peer_id in engagement.locked:
            locked_by_role.setdefault(role, []).append(pool.index[peer_id])
        for slot_index, slot in enumerate(engagement.slots):
            peers = pool.eligible(engagement, slot)
            base = total(fit_terms(pool, engagement, slot, peers), len(peers))
            if weight:
                base -= workload_cost(weight, pool.load[peers], 1)
            locked = locked_by_role.get(slot.role, [])
            for peer in locked:
                if not np.any(peers == peer):
                    conflicts.append(_locked_conflict(pool, engagement, slot, peer))
            locked = [peer for peer in locked if np.any(peers == peer)]
            found.append((run_index, slot_index, engagement, slot, peers, base, locked))

    keeps = [
        _prune(pool, engagement, peers, base, per_place, per_group, locked)
        for _, _, engagement, _, peers, base, locked in found
    ]
    if per_peer and found:
        _keep_peers_best(found, keeps, per_peer, within=max(200, 8 * (per_place or 0)))
    if widen and found:
        budget = int(WIDEN_BUDGET * sum(len(keep) for keep in keeps))
        _widen(pool, found, keeps, budget)

    places: list[Place] = []
    for (run_index, slot_index, engagement, slot, peers, base, locked), keep in zip(
        found, keeps, strict=True
    ):
        kept = peers[keep]
        terms = fit_terms(pool, engagement, slot, kept)
        best = np.sort(base[base > 0])[::-1][: slot.count].sum() if slot.count else 0
        places.append(
            Place(
                run_index=run_index,
                slot_index=slot_index,
                engagement=engagement,
                slot=slot,
                eligible=len(peers),
                peers=kept,
                terms=terms,
                base=base[keep],
                locked=locked,
                best_possible=int(best),
            )
        )
    return places, conflicts


ALL_WHEN_SHORT = 400
WIDEN_BUDGET = 1.5  # widening may add at most half as many candidates again


def relaxed_bound(pool: Pool, engagements: list[Engagement]) -> int:
    """A bound on any solution's score: every place takes its best eligible peers (those
    scoring above 0), ignoring the rules between places. Valid for the unpruned problem,
    and loose."""
    weight = pool.instance.weights.workload
    bound = 0
    for engagement in engagements:
        for slot in engagement.slots:
            if not slot.count:
                continue
            peers = pool.eligible(engagement, slot)
            base = total(fit_terms(pool, engagement, slot, peers), len(peers))
            if weight:
                base -= workload_cost(weight, pool.load[peers], 1)
            bound += int(np.sort(base[base > 0])[::-1][: slot.count].sum())
    return bound


def _widen(
    pool: Pool, found: list[tuple], keeps: list[np.ndarray], budget: int, rounds: int = 6
) -> None:
    """Give more candidates to the places pruning leaves short.

    A max flow (source -> peer, capacity left -> (peer, engagement), 1 -> place
    -> sink, count) over the kept candidates fills as many seats as capacity
    allows, ignoring clashes and team rules. A place it leaves short although it
    has more eligible peers than it kept is short because of the pruning, not
    the pool: it gets all its eligible peers back if they are few
    (``ALL_WHEN_SHORT``), else twice as many as it kept (its next best by
    score), and the flow is run again, until no place is short for that reason
    or the flow stops growing, or the places kept in all pass ``budget``.
    """
    best = -1
    for _ in range(rounds):
        flowed, short = _seat_flow(pool, found, keeps)
        grow = [i for i in short if len(keeps[i]) < len(found[i][4])]
        if flowed <= best or not grow:
            return
        best = flowed
        total = sum(len(keep) for keep in keeps)
        for i in grow:
            if total > budget:
                return
            base = found[i][5]
            total -= len(keeps[i])
            if len(base) <= ALL_WHEN_SHORT:
                keeps[i] = np.arange(len(base))
            else:
                wanted = min(len(base), 2 * len(keeps[i]) + 10)
                top = np.argpartition(-base, wanted - 1)[:wanted]
                keeps[i] = np.union1d(keeps[i], top)
            total += len(keeps[i])


def _seat_flow(pool: Pool, found: list[tuple], keeps: list[np.ndarray]) -> tuple[int, list[int]]:
    """The max flow of seats over the kept candidates, and the places it leaves short."""
    sizes = [len(keep) for keep in keeps]
    peers = np.concatenate([item[4][keep] for item, keep in zip(found, keeps, strict=True)])
    runs = np.repeat([item[0] for item in found], sizes)
    place = np.repeat(np.arange(len(found)), sizes)
    counts = np.array([item[3].count for item in found], np.int64)
    if len(peers) == 0:
        return 0, [i for i, c in enumerate(counts) if c]
    width = int(runs.max()) + 1
    pairs, pair_of = np.unique(peers.astype(np.int64) * width + runs, return_inverse=True)
    rows, row_of = np.unique(pairs // width, return_inverse=True)
    n_rows, n_pairs, n_places = len(rows), len(pairs), len(found)
    row_node = 2 + np.arange(n_rows)
    pair_node = 2 + n_rows + np.arange(n_pairs)
    place_node = 2 + n_rows + n_pairs + np.arange(n_places)
    engagements = np.bincount(row_of, minlength=n_rows)
    flow = max_flow.SimpleMaxFlow()
    tails = np.concatenate([np.zeros(n_rows, np.int64), row_node[row_of], pair_node[pair_of]])
    heads = np.concatenate([row_node, pair_node, place_node[place]])
    capacity = np.concatenate(
        [np.minimum(pool.capacity_left[rows], engagements), np.ones(n_pairs + len(peers), np.int64)]
    )
    first_sink_arc = len(tails)
    tails = np.concatenate([tails, place_node])
    heads = np.concatenate([heads, np.ones(n_places, np.int64)])
    capacity = np.concatenate([capacity, counts])
    flow.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32), capacity)
    flow.solve(0, 1)
    seats = flow.flows(np.arange(first_sink_arc, first_sink_arc + n_places))
    return int(flow.optimal_flow()), np.flatnonzero(seats < counts).tolist()


def _keep_peers_best(
    found: list[tuple], keeps: list[np.ndarray], per_peer: int, within: int
) -> None:
    """Add to ``keeps`` each peer's ``per_peer`` best places (by score), among the places
    where the peer is in the best ``within`` candidates (a peer far down a place's list
    would not be chosen there: leaving those out keeps the sort small on big pools)."""
    tops = []
    for item in found:
        base = item[5]
        if len(base) <= within:
            tops.append(np.arange(len(base)))
        else:
            tops.append(np.argpartition(-base, within - 1)[:within])
    sizes = [len(top) for top in tops]
    peers = np.concatenate([item[4][top] for item, top in zip(found, tops, strict=True)])
    base = np.concatenate([item[5][top] for item, top in zip(found, tops, strict=True)])
    place = np.repeat(np.arange(len(found)), sizes)
    position = np.concatenate(tops)
    order = np.lexsort((-base, peers))
    sorted_peers = peers[order]
    starts = np.flatnonzero(np.r_[True, sorted_peers[1:] != sorted_peers[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    best = order[rank < per_peer]
    extra_place, extra_position = place[best], position[best]
    by_place = np.argsort(extra_place, kind="stable")
    extra_place, extra_position = extra_place[by_place], extra_position[by_place]
    bounds = np.searchsorted(extra_place, np.arange(len(found) + 1))
    for i in range(len(found)):
        a, b = bounds[i], bounds[i + 1]
        if a < b:
            keeps[i] = np.union1d(keeps[i], extra_position[a:b])


def group_keys(pool: Pool, engagement: Engagement, peers: np.ndarray) -> np.ndarray:
    """A number per candidate; candidates with the same number are alike to the team rules."""
    team = engagement.team
    key = np.zeros(len(peers), np.int64)
    bit = 1
    for name, level in team.cover_skills.items():
        key += bit * pool.has_skill(peers, name, level)
        bit <<= 1
    if team.min_type_experience:
        key += bit * pool.knows_type(peers, engagement.council_type)
        bit <<= 1
    if team.max_same_party is not None:
        key += bit * (pool.party[peers].astype(np.int64) + 1)
    return key


def _prune(
    pool: Pool,
    engagement: Engagement,
    peers: np.ndarray,
    base: np.ndarray,
    per_place: int | None,
    per_group: int,
    locked: list[int],
) -> np.ndarray:
    n = len(peers)
    if n <= per_group:
        return np.arange(n)
    keys = group_keys(pool, engagement, peers)
    order = np.lexsort((-base, keys))  # by group, best first within a group
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    rank = np.arange(n) - group_start
    keep = np.zeros(n, bool)
    keep[order[rank < per_group]] = True
    if per_place is None:
        keep[:] = True
    elif per_place > 0:
        if n <= per_place:
            keep[:] = True
        else:
            keep[np.argpartition(-base, per_place - 1)[:per_place]] = True
    if locked:
        keep |= np.isin(peers, locked)
    return np.flatnonzero(keep)


RULE_WORDS = {
    "kind": "is not a {kind} peer",
    "accreditation": "is not accredited",
    "party": "is not of party {party}",
    "excluded": "is on the excluded list",
    "home": "is from this council",
    "avoid": "must avoid {council}",
    "unavailable": "is unavailable on some of the dates",
    "booked": "is booked on an overlapping engagement",
    "capacity": "has no capacity left",
}


def _locked_conflict(pool: Pool, engagement: Engagement, slot: Slot, peer: int) -> dict:
    masks = pool.rule_masks(engagement, slot)
    broken = []
    for rule, mask in masks.items():
        if mask[peer]:
            continue
        if rule.startswith("skill:"):
            name = rule.removeprefix("skill:")
            broken.append(f"does not have {name} at level {slot.skills[name]}")
        else:
            broken.append(
                RULE_WORDS[rule].format(
                    kind=slot.kind,
                    party=" or ".join(slot.party or ()),
                    council=engagement.council,
                )
            )
    peer_id = pool.ids[peer]
    return {
        "engagement": engagement.id,
        "role": slot.role,
        "peer": peer_id,
        "reason": f"locked peer {peer_id} {' and '.join(broken)} (unlock or relax that rule)",
    }
