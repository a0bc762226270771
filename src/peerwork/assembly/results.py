"""Turning chosen (place, peer) pairs into the contract's output: scores, breakdowns, alternates."""

from __future__ import annotations

import numpy as np

from peerwork.assembly.candidates import Place
from peerwork.assembly.eligibility import Pool
from peerwork.assembly.scoring import SCALE, breakdown, fit_terms, total, workload_cost


def assignments(
    pool: Pool, places: list[Place], chosen: list[tuple[int, int]]
) -> tuple[list[dict], int]:
    """The assignments with score and breakdown, and the objective, in thousandths.

    A peer's engagements in the run are counted in date order: the first costs
    ``workload * (load + 1)``, the second ``workload * (load + 2)``...
    """
    weight = pool.instance.weights.workload
    by_peer: dict[int, list[int]] = {}
    for n, (_, peer) in enumerate(chosen):
        by_peer.setdefault(peer, []).append(n)
    cost = [0] * len(chosen)
    if weight:
        for peer, ns in by_peer.items():
            ns.sort(key=lambda n: (places[chosen[n][0]].engagement.start, chosen[n][0]))
            for k, n in enumerate(ns, start=1):
                cost[n] = workload_cost(weight, int(pool.load[peer]), k)

    rows = []
    objective = 0
    for n, (i, peer) in enumerate(chosen):
        place = places[i]
        pos = int(np.flatnonzero(place.peers == peer)[0])
        terms = {name: int(column[pos]) for name, column in place.terms.items()}
        score = sum(terms.values()) - cost[n]
        objective += score
        order = (i, -score, pool.ids[peer])
        row = {
            "engagement": place.engagement.id,
            "role": place.slot.role,
            "peer": pool.ids[peer],
            "score": score / SCALE,
            "breakdown": breakdown(terms, cost[n]),
            "locked": peer in place.locked,
        }
        rows.append((order, row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows], objective


def alternates(
    pool: Pool, places: list[Place], chosen: list[tuple[int, int]], n: int
) -> list[dict]:
    """For each place, the next best ``n`` eligible peers who could be swapped in.

    Peers already on the team, on an overlapping engagement of this run or at
    capacity with this run are left out, so every alternate can take the place
    without breaking a per-peer rule. Scores count the alternate's extra
    engagement in the run.
    """
    weight = pool.instance.weights.workload
    busy_count = np.zeros(pool.size, np.int64)
    on_run: dict[int, list[int]] = {}
    for i, peer in chosen:
        busy_count[peer] += 1
        on_run.setdefault(places[i].run_index, []).append(peer)
    engagements = {place.run_index: place.engagement for place in places}
    runs = np.array(sorted(on_run), np.int64)
    first = np.array([engagements[r].start.toordinal() for r in runs.tolist()], np.int64)
    last = np.array([engagements[r].end.toordinal() for r in runs.tolist()], np.int64)
    result = []
    for place in places:
        engagement = place.engagement
        peers = pool.eligible(engagement, place.slot)
        free = busy_count[peers] < pool.capacity_left[peers]
        clash = runs[(first <= engagement.end.toordinal()) & (last >= engagement.start.toordinal())]
        if len(clash):
            busy = np.concatenate([on_run[r] for r in clash.tolist()])
            free &= ~np.isin(peers, busy)
        peers = peers[free]
        terms = fit_terms(pool, engagement, place.slot, peers)
        scores = total(terms, len(peers))
        costs = np.zeros(len(peers), np.int64)
        if weight:
            costs = workload_cost(weight, pool.load[peers], busy_count[peers] + 1)
        scores = scores - costs
        top = np.lexsort((peers, -scores))[:n]
        result.append(
            {
                "engagement": engagement.id,
                "role": place.slot.role,
                "peers": [
                    {
                        "peer": pool.ids[peers[j]],
                        "score": int(scores[j]) / SCALE,
                        "breakdown": breakdown(
                            {name: int(column[j]) for name, column in terms.items()},
                            int(costs[j]),
                        ),
                    }
                    for j in top
                ],
            }
        )
    return result
