"""The exact optimum of the pure assignment case, by min-cost flow.

When no team rule links the peers of a team and no two engagements of the run
overlap, assembling teams is a transportation problem: source -> peer -> place
-> sink, where a place's arc to the sink carries its count and a peer's arcs
from the source carry their capacity. The workload penalty is convex in the
number of engagements a peer takes, so it becomes parallel source -> peer arcs
of rising cost, one per extra engagement (HotCRP's autoassigner does the same);
with workload weight 0 there is one arc. A peer eligible for two places of one
engagement passes through a (peer, engagement) node of capacity 1.

OR-Tools' ``SimpleMinCostFlow.solve_max_flow_with_min_cost`` fills as many
places as possible and, among those solutions, finds the highest total score:
the same lexicographic objective as the CP-SAT solver, over every eligible pair
(no pruning). The benchmark and the tests compare the two.
"""

from __future__ import annotations

import time

import numpy as np
from ortools.graph.python import min_cost_flow

from peerwork.assembly.candidates import prepare
from peerwork.assembly.eligibility import Pool
from peerwork.assembly.instance import Instance, validate
from peerwork.assembly.results import assignments
from peerwork.assembly.scoring import SCALE, total, workload_cost


class NotPureAssignment(ValueError):
    """The instance has rules a flow cannot express."""


def pure_assignment_problem(instance: Instance) -> str | None:
    """None if min-cost flow applies, else what stops it."""
    for engagement in instance.engagements:
        team = engagement.team
        if team.has_rules or team.max_same_party is not None:
            return f"engagement {engagement.id} has team rules"
        if engagement.locked:
            return f"engagement {engagement.id} has locked places"
    ordered = sorted(instance.engagements, key=lambda e: e.start)
    latest_end = None
    for engagement in ordered:
        if latest_end is not None and engagement.start <= latest_end:
            return f"engagement {engagement.id} overlaps an earlier one"
        latest_end = engagement.end if latest_end is None else max(latest_end, engagement.end)
    return None


def solve_flow(instance: dict | Instance) -> dict:
    """Solve a pure assignment instance exactly; output in the solver's shape."""
    started = time.perf_counter()
    parsed = instance if isinstance(instance, Instance) else validate(instance)
    problem = pure_assignment_problem(parsed)
    if problem:
        raise NotPureAssignment(f"not a pure assignment instance: {problem}")
    pool = Pool(parsed)
    weight = parsed.weights.workload
    places, _ = prepare(pool, parsed.engagements, per_place=None, per_group=1 << 30)

    tails: list[np.ndarray] = []
    heads: list[np.ndarray] = []
    capacities: list[np.ndarray] = []
    costs: list[np.ndarray] = []

    def arcs(tail, head, capacity, cost) -> None:
        size = max(np.size(tail), np.size(head))
        tails.append(np.broadcast_to(np.asarray(tail, np.int32), size))
        heads.append(np.broadcast_to(np.asarray(head, np.int32), size))
        capacities.append(np.broadcast_to(np.asarray(capacity, np.int64), size))
        costs.append(np.broadcast_to(np.asarray(cost, np.int64), size))

    source, sink = 0, 1
    peer_node = 2  # peer rows are nodes 2 .. 2 + pool.size - 1
    next_node = 2 + pool.size
    place_node = np.arange(next_node, next_node + len(places))
    next_node += len(places)
    place_arcs = []  # (place, first arc, peers)

    by_engagement: dict[int, list[int]] = {}
    for i, place in enumerate(places):
        by_engagement.setdefault(place.run_index, []).append(i)
        arcs(place_node[i], sink, place.count, 0)
    arc_count = sum(len(t) for t in tails)
    for indices in by_engagement.values():
        everyone = np.concatenate([places[i].peers for i in indices])
        rows, seen = np.unique(everyone, return_counts=True)
        shared = rows[seen > 1]
        hub = dict(zip(shared.tolist(), range(next_node, next_node + len(shared)), strict=True))
        if len(shared):
            arcs(peer_node + shared, np.arange(next_node, next_node + len(shared)), 1, 0)
            arc_count += len(shared)
            next_node += len(shared)
        for i in indices:
            place = places[i]
            fit = total(place.terms, len(place.peers))
            tail = peer_node + place.peers
            if hub:
                tail = np.array([hub.get(p, peer_node + p) for p in place.peers.tolist()])
            arcs(tail, place_node[i], 1, -fit)
            place_arcs.append((i, arc_count, place.peers))
            arc_count += len(place.peers)

    used = np.unique(np.concatenate([p.peers for p in places])) if places else np.zeros(0, int)
    engagements_of = np.zeros(pool.size, np.int64)
    for indices in by_engagement.values():
        engagements_of[np.unique(np.concatenate([places[i].peers for i in indices]))] += 1
    most = np.minimum(pool.capacity_left[used], engagements_of[used])
    if weight:
        for k in range(1, int(most.max(initial=0)) + 1):
            rows = used[most >= k]
            arcs(source, peer_node + rows, 1, workload_cost(weight, pool.load[rows], k))
    else:
        arcs(source, peer_node + used, most, 0)

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails),
        np.concatenate(heads),
        np.concatenate(capacities),
        np.concatenate(costs),
    )
    demand = sum(place.count for place in places)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([demand, -demand]))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    chosen: list[tuple[int, int]] = []
    for i, first, peers in place_arcs:
        flows = flow.flows(np.arange(first, first + len(peers)))
        chosen.extend((i, int(p)) for p in peers[flows > 0])
    rows_out, objective = assignments(pool, places, chosen)
    if objective != -flow.optimal_cost():
        raise RuntimeError("flow objective and assignment scores disagree")
    missing = []
    filled: dict[int, int] = {}
    for i, _ in chosen:
        filled[i] = filled.get(i, 0) + 1
    for i, place in enumerate(places):
        if place.count > filled.get(i, 0):
            missing.append(
                {
                    "engagement": place.engagement.id,
                    "role": place.slot.role,
                    "missing": place.count - filled.get(i, 0),
                    "reason": "no eligible peer left for it in the flow optimum",
                }
            )
    return {
        "status": "optimal",
        "objective": objective / SCALE,
        "bound": objective / SCALE,
        "gap": 0.0,
        "seconds": round(time.perf_counter() - started, 4),
        "assignments": rows_out,
        "unfilled": missing,
        "filled": len(chosen),
        "objective_thousandths": objective,
    }
