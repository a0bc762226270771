"""A starting solution that keeps every hard rule, for CP-SAT's hint and as a fallback.

Locked pairs go in first; then each team with coverage rules takes the best
peer who covers each rule; then the places, scarcest first (fewest candidates
per seat), take their best candidates that still fit (no clash, capacity
left, party cap). "Best" is the LP relaxation's value when one is given
(rounding the LP: its integral part goes in first, right after the locked
pairs) and the score otherwise. A team that still breaks a coverage
rule is emptied apart from its locked peers, so the start is always feasible
unless the locked peers themselves make it impossible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from peerwork.assembly.solver import Model


def construct(model: Model, priority: np.ndarray | None = None) -> set[int]:
    """Variable numbers of a feasible assignment; ``priority`` ranks candidates (higher first)."""
    pool, places, engagements = model.pool, model.places, model.engagements
    taken: dict[int, list[int]] = {}  # peer -> runs
    team: dict[int, set[int]] = {}  # run -> peers
    party_count: dict[tuple[int, int], int] = {}
    chosen: set[int] = set()
    placed: dict[int, list[int]] = {}  # place -> variables

    def fits(peer: int, run: int) -> bool:
        if peer in team.get(run, ()):
            return False
        runs = taken.get(peer, [])
        if len(runs) >= pool.capacity_left[peer]:
            return False
        for other in runs:
            if model.first[other] <= model.last[run] and model.first[run] <= model.last[other]:
                return False
        cap = engagements[run].team.max_same_party
        party = int(pool.party[peer])
        return cap is None or party < 0 or party_count.get((run, party), 0) < cap

    def take(i: int, j: int) -> None:
        peer, run = int(model.var_peer[j]), places[i].run_index
        taken.setdefault(peer, []).append(run)
        team.setdefault(run, set()).add(peer)
        party = int(pool.party[peer])
        if party >= 0:
            party_count[run, party] = party_count.get((run, party), 0) + 1
        chosen.add(j)
        placed.setdefault(i, []).append(j)

    def ranking(i: int) -> np.ndarray:
        place = places[i]
        if priority is None:
            return np.argsort(-place.base, kind="stable")
        lp = priority[model.offset[i] : model.offset[i + 1]]
        return np.lexsort((-place.base, -np.round(lp, 6)))

    for i, place in enumerate(places):
        for peer in place.locked:
            take(i, int(model.offset[i] + np.flatnonzero(place.peers == peer)[0]))

    if priority is not None:
        # Rounding the LP: its integral part keeps every rule the LP keeps, so it goes in first.
        for i, place in enumerate(places):
            lp = priority[model.offset[i] : model.offset[i + 1]]
            for pos in np.flatnonzero(lp > 0.999):
                if len(placed.get(i, [])) >= place.count:
                    break
                j = int(model.offset[i] + pos)
                if j not in chosen and fits(int(place.peers[pos]), place.run_index):
                    take(i, j)

    own_places: dict[int, list[int]] = {}
    for i, place in enumerate(places):
        own_places.setdefault(place.run_index, []).append(i)
    for run, engagement in enumerate(engagements):
        # (skill, level) rules, then one (None, 0) per team member who must know the type.
        rules: list[tuple[str | None, int]] = list(engagement.team.cover_skills.items())
        rules += [(None, 0)] * (engagement.team.min_type_experience or 0)
        for name, level in rules:
            members = np.array(sorted(team.get(run, ())), np.int64)
            if name is not None and pool.has_skill(members, name, level).any():
                continue
            if name is None and pool.knows_type(members, engagement.council_type).sum() >= (
                engagement.team.min_type_experience or 0
            ):
                continue
            best = None
            for i in own_places.get(run, []):
                place = places[i]
                if len(placed.get(i, [])) >= place.count:
                    continue
                if name is None:
                    good = pool.knows_type(place.peers, engagement.council_type)
                else:
                    good = pool.has_skill(place.peers, name, level)
                for pos in ranking(i):
                    if good[pos] and fits(int(place.peers[pos]), run):
                        if best is None or place.base[pos] > best[0]:
                            best = (place.base[pos], i, int(model.offset[i] + pos))
                        break
            if best is not None:
                take(best[1], best[2])

    order = sorted(range(len(places)), key=lambda i: len(places[i].peers) / max(places[i].count, 1))
    for i in order:
        place = places[i]
        need = place.count - len(placed.get(i, []))
        if need <= 0:
            continue
        for pos in ranking(i):
            if fits(int(place.peers[pos]), place.run_index):
                take(i, int(model.offset[i] + pos))
                need -= 1
                if need == 0:
                    break

    for run, engagement in enumerate(engagements):
        on_team = team.get(run)
        if not on_team or not engagement.team.has_rules:
            continue
        rows = np.array(sorted(on_team), np.int64)
        cover = engagement.team.cover_skills.items()
        ok = all(pool.has_skill(rows, name, level).any() for name, level in cover)
        need = engagement.team.min_type_experience or 0
        if ok and pool.knows_type(rows, engagement.council_type).sum() >= need:
            continue
        for i in own_places.get(run, []):
            for j in placed.get(i, []):
                if int(model.var_peer[j]) not in places[i].locked:
                    chosen.discard(j)
    return chosen
