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

from peerwork.assembly.candidates import Place, prepare
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
    places, _ = prepare(pool, parsed.engagements, per_place=None, per_group=1 << 30)
    network = _Network(pool, places)
    network.add_places()
    network.add_peers(parsed.weights.workload)
    chosen, cost = network.solve()
    rows, objective = assignments(pool, places, chosen)
    if objective != -cost:
        raise RuntimeError("flow objective and assignment scores disagree")
    return {
        "status": "optimal",
        "objective": objective / SCALE,
        "bound": objective / SCALE,
        "gap": 0.0,
        "seconds": round(time.perf_counter() - started, 4),
        "assignments": rows,
        "unfilled": _unfilled(places, chosen),
        "filled": len(chosen),
        "objective_thousandths": objective,
    }


class _Network:
    """The flow network as arc arrays: node 0 is the source, 1 the sink, then one per peer
    row, then one per place, then the (peer, engagement) hubs."""

    SOURCE, SINK, PEERS = 0, 1, 2

    def __init__(self, pool: Pool, places: list[Place]) -> None:
        self.pool, self.places = pool, places
        self.tails: list[np.ndarray] = []
        self.heads: list[np.ndarray] = []
        self.capacities: list[np.ndarray] = []
        self.costs: list[np.ndarray] = []
        self.arc_count = 0
        self.next_node = self.PEERS + pool.size
        self.place_node = self._nodes(len(places))
        self.place_arcs: list[tuple[int, int, np.ndarray]] = []  # (place, first arc, peers)
        self.by_engagement: dict[int, list[int]] = {}
        for i, place in enumerate(places):
            self.by_engagement.setdefault(place.run_index, []).append(i)

    def _nodes(self, count: int) -> np.ndarray:
        nodes = np.arange(self.next_node, self.next_node + count)
        self.next_node += count
        return nodes

    def _arcs(self, tail, head, capacity, cost) -> None:
        size = max(np.size(tail), np.size(head))
        self.tails.append(np.broadcast_to(np.asarray(tail, np.int32), size))
        self.heads.append(np.broadcast_to(np.asarray(head, np.int32), size))
        self.capacities.append(np.broadcast_to(np.asarray(capacity, np.int64), size))
        self.costs.append(np.broadcast_to(np.asarray(cost, np.int64), size))
        self.arc_count += size

    def add_places(self) -> None:
        """Place -> sink arcs carrying the counts, then the arcs of every candidate pair."""
        for i, place in enumerate(self.places):
            self._arcs(self.place_node[i], self.SINK, place.count, 0)
        for indices in self.by_engagement.values():
            self._add_engagement(indices)

    def _add_engagement(self, indices: list[int]) -> None:
        """Peer -> place arcs of one engagement, through a hub of capacity 1 for a peer
        eligible for more than one of its places."""
        places = self.places
        everyone = np.concatenate([places[i].peers for i in indices])
        rows, seen = np.unique(everyone, return_counts=True)
        shared = rows[seen > 1]
        hubs = self._nodes(len(shared))
        hub = dict(zip(shared.tolist(), hubs.tolist(), strict=True))
        if len(shared):
            self._arcs(self.PEERS + shared, hubs, 1, 0)
        for i in indices:
            place = places[i]
            fit = total(place.terms, len(place.peers))
            tail = self.PEERS + place.peers
            if hub:
                tail = np.array([hub.get(p, self.PEERS + p) for p in place.peers.tolist()])
            self.place_arcs.append((i, self.arc_count, place.peers))
            self._arcs(tail, self.place_node[i], 1, -fit)

    def add_peers(self, weight: float) -> None:
        """Source -> peer arcs: a peer's capacity, split into arcs of rising workload cost."""
        places, pool = self.places, self.pool
        used = np.unique(np.concatenate([p.peers for p in places])) if places else np.zeros(0, int)
        engagements_of = np.zeros(pool.size, np.int64)
        for indices in self.by_engagement.values():
            engagements_of[np.unique(np.concatenate([places[i].peers for i in indices]))] += 1
        most = np.minimum(pool.capacity_left[used], engagements_of[used])
        if weight:
            for k in range(1, int(most.max(initial=0)) + 1):
                rows = used[most >= k]
                cost = workload_cost(weight, pool.load[rows], k)
                self._arcs(self.SOURCE, self.PEERS + rows, 1, cost)
        else:
            self._arcs(self.SOURCE, self.PEERS + used, most, 0)

    def solve(self) -> tuple[list[tuple[int, int]], int]:
        """The chosen (place, peer row) pairs of the optimum, and its cost."""
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(
            np.concatenate(self.tails),
            np.concatenate(self.heads),
            np.concatenate(self.capacities),
            np.concatenate(self.costs),
        )
        demand = sum(place.count for place in self.places)
        supplies = np.array([demand, -demand])
        flow.set_nodes_supplies(np.array([self.SOURCE, self.SINK]), supplies)
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow failed with status {status}")
        chosen: list[tuple[int, int]] = []
        for i, first, peers in self.place_arcs:
            flows = flow.flows(np.arange(first, first + len(peers)))
            chosen.extend((i, int(p)) for p in peers[flows > 0])
        return chosen, flow.optimal_cost()


def _unfilled(places: list[Place], chosen: list[tuple[int, int]]) -> list[dict]:
    filled: dict[int, int] = {}
    for i, _ in chosen:
        filled[i] = filled.get(i, 0) + 1
    return [
        {
            "engagement": place.engagement.id,
            "role": place.slot.role,
            "missing": place.count - filled.get(i, 0),
            "reason": "no eligible peer left for it in the flow optimum",
        }
        for i, place in enumerate(places)
        if place.count > filled.get(i, 0)
    ]
