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
    from peerwork.assembly.instance import Engagement
    from peerwork.assembly.solver import Model


def construct(model: Model, priority: np.ndarray | None = None) -> set[int]:
    """Variable numbers of a feasible assignment; ``priority`` ranks candidates (higher first)."""
    start = _Start(model, priority)
    start.take_locked()
    if priority is not None:
        start.take_integral(priority)
    start.cover_team_rules()
    start.fill_scarcest_first()
    start.empty_broken_teams()
    return start.chosen


class _Start:
    """The partial assignment the phases of ``construct`` add to, one take at a time."""

    def __init__(self, model: Model, priority: np.ndarray | None) -> None:
        self.model = model
        self.pool, self.places, self.engagements = model.pool, model.places, model.engagements
        self.priority = priority
        self.taken: dict[int, list[int]] = {}  # peer -> runs
        self.team: dict[int, set[int]] = {}  # run -> peers
        self.party_count: dict[tuple[int, int], int] = {}
        self.chosen: set[int] = set()
        self.placed: dict[int, list[int]] = {}  # place -> variables
        self.own_places: dict[int, list[int]] = {}  # run -> places
        for i, place in enumerate(self.places):
            self.own_places.setdefault(place.run_index, []).append(i)

    # The moves.

    def fits(self, peer: int, run: int) -> bool:
        """Whether ``peer`` can join ``run`` without breaking a hard rule."""
        if peer in self.team.get(run, ()):
            return False
        runs = self.taken.get(peer, [])
        if len(runs) >= self.pool.capacity_left[peer]:
            return False
        first, last = self.model.first, self.model.last
        if any(first[other] <= last[run] and first[run] <= last[other] for other in runs):
            return False
        cap = self.engagements[run].team.max_same_party
        party = int(self.pool.party[peer])
        return cap is None or party < 0 or self.party_count.get((run, party), 0) < cap

    def take(self, i: int, j: int) -> None:
        """Put variable ``j`` (a candidate of place ``i``) into the assignment."""
        peer, run = int(self.model.var_peer[j]), self.places[i].run_index
        self.taken.setdefault(peer, []).append(run)
        self.team.setdefault(run, set()).add(peer)
        party = int(self.pool.party[peer])
        if party >= 0:
            self.party_count[run, party] = self.party_count.get((run, party), 0) + 1
        self.chosen.add(j)
        self.placed.setdefault(i, []).append(j)

    def ranking(self, i: int) -> np.ndarray:
        """Positions of place ``i``'s candidates, best first."""
        place = self.places[i]
        if self.priority is None:
            return np.argsort(-place.base, kind="stable")
        lp = self.priority[self.model.offset[i] : self.model.offset[i + 1]]
        return np.lexsort((-place.base, -np.round(lp, 6)))

    def full(self, i: int) -> bool:
        return len(self.placed.get(i, [])) >= self.places[i].count

    # The phases, in order.

    def take_locked(self) -> None:
        for i, place in enumerate(self.places):
            for peer in place.locked:
                self.take(i, int(self.model.offset[i] + np.flatnonzero(place.peers == peer)[0]))

    def take_integral(self, priority: np.ndarray) -> None:
        """Rounding the LP: its integral part keeps every rule the LP keeps, so it goes in first."""
        offset = self.model.offset
        for i, place in enumerate(self.places):
            for pos in np.flatnonzero(priority[offset[i] : offset[i + 1]] > 0.999):
                if self.full(i):
                    break
                j = int(offset[i] + pos)
                if j not in self.chosen and self.fits(int(place.peers[pos]), place.run_index):
                    self.take(i, j)

    def cover_team_rules(self) -> None:
        """Give each team with coverage rules the best free peer for each rule not yet met."""
        for run, engagement in enumerate(self.engagements):
            # (skill, level) rules, then one (None, 0) per team member who must know the type.
            rules: list[tuple[str | None, int]] = list(engagement.team.cover_skills.items())
            rules += [(None, 0)] * (engagement.team.min_type_experience or 0)
            for name, level in rules:
                if self._covered(run, engagement, name, level):
                    continue
                best = self._best_cover(run, engagement, name, level)
                if best is not None:
                    self.take(*best)

    def fill_scarcest_first(self) -> None:
        """Fill every place, fewest candidates per seat first, with the best who fit."""
        places = self.places
        order = sorted(
            range(len(places)), key=lambda i: len(places[i].peers) / max(places[i].count, 1)
        )
        for i in order:
            place = places[i]
            need = place.count - len(self.placed.get(i, []))
            if need <= 0:
                continue
            for pos in self.ranking(i):
                if self.fits(int(place.peers[pos]), place.run_index):
                    self.take(i, int(self.model.offset[i] + pos))
                    need -= 1
                    if need == 0:
                        break

    def empty_broken_teams(self) -> None:
        """Drop all but the locked peers of a team that still breaks a coverage rule."""
        for run, engagement in enumerate(self.engagements):
            on_team = self.team.get(run)
            if not on_team or not engagement.team.has_rules:
                continue
            if self._keeps_team_rules(engagement, on_team):
                continue
            for i in self.own_places.get(run, []):
                for j in self.placed.get(i, []):
                    if int(self.model.var_peer[j]) not in self.places[i].locked:
                        self.chosen.discard(j)

    # Team rules.

    def _covered(self, run: int, engagement: Engagement, name: str | None, level: int) -> bool:
        """Whether the team already meets one rule (``name`` None: the council type rule)."""
        members = np.array(sorted(self.team.get(run, ())), np.int64)
        if name is None:
            need = engagement.team.min_type_experience or 0
            return bool(self.pool.knows_type(members, engagement.council_type).sum() >= need)
        return bool(self.pool.has_skill(members, name, level).any())

    def _best_cover(
        self, run: int, engagement: Engagement, name: str | None, level: int
    ) -> tuple[int, int] | None:
        """(place, variable) of the best-scoring peer who meets the rule and fits, if any.

        Each open place offers its highest-ranked such candidate; the best base score wins.
        """
        best = None
        for i in self.own_places.get(run, []):
            if self.full(i):
                continue
            place = self.places[i]
            if name is None:
                good = self.pool.knows_type(place.peers, engagement.council_type)
            else:
                good = self.pool.has_skill(place.peers, name, level)
            pos = next(
                (p for p in self.ranking(i) if good[p] and self.fits(int(place.peers[p]), run)),
                None,
            )
            if pos is not None and (best is None or place.base[pos] > best[0]):
                best = (place.base[pos], i, int(self.model.offset[i] + pos))
        return None if best is None else (best[1], best[2])

    def _keeps_team_rules(self, engagement: Engagement, members: set[int]) -> bool:
        rows = np.array(sorted(members), np.int64)
        cover = engagement.team.cover_skills.items()
        if not all(self.pool.has_skill(rows, name, level).any() for name, level in cover):
            return False
        need = engagement.team.min_type_experience or 0
        return bool(self.pool.knows_type(rows, engagement.council_type).sum() >= need)
