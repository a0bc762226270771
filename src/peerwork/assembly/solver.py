"""The CP-SAT model: one boolean per (peer, place) that survived eligibility and pruning.

Hard rules become constraints:

- rule 1: a place takes at most its count (unfilled places are reported, not
  forced, so the model is never infeasible for want of peers);
- rules 2 and 4: for each peer, one "at most one" per maximal set of mutually
  overlapping engagements of the run (an engagement overlaps itself, so this
  also gives one place per peer per engagement);
- rule 5: a peer's engagements in the run stay within capacity left;
- rule 7: at most ``max_same_party`` members of one party; a team with anyone
  on it covers each ``cover_skills`` entry and has ``min_type_experience``
  members who know the council type;
- rule 8: locked pairs are fixed to 1; excluded peers have no variable.
  Rules 3 and 6 and the per-peer dates are settled by eligibility.

The objective is lexicographic: first as many places filled as possible, then,
with that many places kept filled, the largest total score minus the convex
workload penalty (extra booleans z_k, "the peer takes a k-th engagement", each
costing the increment of ``workload * (load + k)``).

Small runs (one engagement) go straight to CP-SAT. Big batches first solve the
linear relaxation with GLOP (``lp.py``): its optimum is the bound, rounding it
gives the start, and reduced-cost fixing removes every variable that cannot be
in a better solution before CP-SAT searches what is left. The start always
keeps every hard rule and is the answer if the time limit passes first.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from peerwork.assembly import progress
from peerwork.assembly.candidates import Place
from peerwork.assembly.eligibility import Pool
from peerwork.assembly.instance import Engagement
from peerwork.assembly.lp import relax
from peerwork.assembly.scoring import workload_cost
from peerwork.assembly.start import construct

WORKERS = 2
# CP-SAT's full presolve spends seconds on these models (dominance and inclusion
# detection over tens of thousands of at-most-ones) and gains little: the model
# is built lean already. Measured in bench/team_assembly.py.
PARAMETERS = {"cp_model_presolve": False}
LP_FROM = 4000  # variables; below this CP-SAT alone is quicker
NEIGHBOURHOOD = 5_000  # variables CP-SAT searches well in seconds on two cores
FILL_SHARE = 0.3  # of the time limit, at most, for proving the most places fillable
# Of the time left, at most: the score LP is what the bound and the start rest on.
FILL_LP_SHARE, SCORE_LP_SHARE = 0.2, 0.6
GAP_LIMIT = 1e-4  # a big batch stops searching within 0.01 % of the bound


@dataclass
class Outcome:
    status: str  # optimal, feasible or infeasible
    chosen: list[tuple[int, int]]  # (place number, peer row)
    bound: int | None  # on the score objective, thousandths
    seconds: float
    fill_proven: bool
    filled: int
    fill_bound: int
    variables: int
    notes: list[str] = field(default_factory=list)


class Model:
    """The CP-SAT model of one run (one engagement, or a whole batch).

    Every constraint is also recorded as a row ``(columns, coefficients, lower,
    upper)`` so that the same model can be handed to an LP solver.
    """

    def __init__(self, pool: Pool, engagements: list[Engagement], places: list[Place]) -> None:
        self.pool = pool
        self.engagements = engagements
        self.places = places
        self.first = np.array([e.start.toordinal() for e in engagements], np.int64)
        self.last = np.array([e.end.toordinal() for e in engagements], np.int64)
        sizes = [len(place.peers) for place in places]
        self.offset = np.r_[0, np.cumsum(sizes)].astype(np.int64)
        self.n = int(self.offset[-1])
        self.var_peer = np.concatenate([p.peers for p in places]) if places else np.zeros(0, int)
        self.var_place = np.repeat(np.arange(len(places)), sizes)
        self.var_run = np.array([p.run_index for p in places], np.int64)[self.var_place]
        self.var_base = np.concatenate([p.base for p in places]) if places else np.zeros(0, int)

        self.model = cp_model.CpModel()
        self.columns = 0
        self.variables: list[cp_model.IntVar] = []
        self.rows: list[tuple[list[int], list[int], float, float]] = []
        self.fixed_one: list[int] = []
        self.x = [self._bool() for _ in range(self.n)]
        self.extras: list[tuple[int, list[int], list[int]]] = []  # peer, z columns, costs
        self.active: dict[int, int] = {}  # run -> column
        self.peer_most = np.ones(pool.size, np.int64)
        self._place_constraints()
        self._peer_constraints()
        self._team_constraints()

    # Building.

    def _bool(self) -> cp_model.IntVar:
        var = self.model.new_bool_var("")
        assert var.index == self.columns  # columns are CP-SAT variable indices
        self.variables.append(var)
        self.columns += 1
        return var

    def _linear(self, columns, coefficients, lower: float, upper: float) -> None:
        columns = [int(c) for c in columns]
        coefficients = [int(c) for c in coefficients]
        expr = cp_model.LinearExpr.weighted_sum([self.variables[c] for c in columns], coefficients)
        if lower == -math.inf:
            self.model.add(expr <= int(upper))
        elif upper == math.inf:
            self.model.add(expr >= int(lower))
        else:
            self.model.add_linear_constraint(expr, int(lower), int(upper))
        self.rows.append((columns, coefficients, lower, upper))

    def _at_most(self, columns, k: int) -> None:
        columns = [int(c) for c in columns]
        if k == 1:
            self.model.add_at_most_one([self.variables[c] for c in columns])
            self.rows.append((columns, [1] * len(columns), -math.inf, 1))
        else:
            self._linear(columns, [1] * len(columns), -math.inf, k)

    def _fix_one(self, column: int) -> None:
        self.model.add(self.variables[column] == 1)
        self.fixed_one.append(column)

    def _place_constraints(self) -> None:
        for i, place in enumerate(self.places):
            columns = range(self.offset[i], self.offset[i + 1])
            if len(columns) > place.count:
                self._at_most(columns, place.count)
            for peer in place.locked:
                self._fix_one(int(self.offset[i] + np.flatnonzero(place.peers == peer)[0]))

    def _peer_constraints(self) -> None:
        weight = self.pool.instance.weights.workload
        order = np.argsort(self.var_peer, kind="stable")
        peers = self.var_peer[order]
        bounds = np.flatnonzero(np.r_[True, peers[1:] != peers[:-1], True])
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            if b - a == 1:
                continue
            peer = int(peers[a])
            js = order[a:b]
            runs = self.var_run[js]
            distinct = np.unique(runs)
            if len(distinct) == 1:
                self._at_most(js, 1)
                continue
            by_run = {int(r): js[runs == r].tolist() for r in distinct}
            for clique in _cliques(distinct, self.first, self.last):
                columns = [j for r in clique for j in by_run[r]]
                if len(columns) > 1:
                    self._at_most(columns, 1)
            most = _most_disjoint(distinct, self.first, self.last)
            capacity = int(self.pool.capacity_left[peer])
            if capacity < most:
                self._at_most(js, capacity)
            most = min(most, capacity)
            self.peer_most[peer] = most
            if weight and most >= 2:
                load = int(self.pool.load[peer])
                first = workload_cost(weight, load, 1)
                costs = [workload_cost(weight, load, k) - first for k in range(2, most + 1)]
                zs = [self._bool().index for _ in costs]
                # sum x <= 1 + sum z, and z_k only after z_(k-1): the k-th engagement costs more.
                self._linear(list(js) + zs, [1] * len(js) + [-1] * len(zs), -math.inf, 1)
                for z, z_next in zip(zs, zs[1:], strict=False):
                    self._linear([z_next, z], [1, -1], -math.inf, 0)
                self.extras.append((peer, zs, costs))

    def _team_constraints(self) -> None:
        places_of: dict[int, list[int]] = {}
        for i, place in enumerate(self.places):
            places_of.setdefault(place.run_index, []).append(i)
        for run_index, engagement in enumerate(self.engagements):
            indices = places_of.get(run_index, [])
            if not indices:
                continue
            js = np.concatenate([np.arange(self.offset[i], self.offset[i + 1]) for i in indices])
            if engagement.team.max_same_party is not None:
                self._party_cap(js, engagement.team.max_same_party)
            if engagement.team.has_rules:
                self._team_rules(run_index, engagement, indices, js)

    def _party_cap(self, js: np.ndarray, cap: int) -> None:
        """At most ``cap`` of a team's columns ``js`` go to members of one party."""
        parties = self.pool.party[self.var_peer[js]]
        for party in np.unique(parties[parties >= 0]):
            members = js[parties == party]
            if len(members) > cap:
                self._at_most(members, cap)

    def _team_rules(
        self, run_index: int, engagement: Engagement, indices: list[int], js: np.ndarray
    ) -> None:
        """Coverage rules that bind a team only once anyone is on it (its ``active`` column)."""
        pool, team = self.pool, engagement.team
        peers = self.var_peer[js]
        active = self._bool().index
        self.active[run_index] = active
        seats = sum(self.places[i].count for i in indices)
        # Anyone on the team makes it active; an active team keeps the team rules.
        self._linear(list(js) + [active], [1] * len(js) + [-seats], -math.inf, 0)
        if any(self.places[i].locked for i in indices):
            self._fix_one(active)
        for name, level in team.cover_skills.items():
            covering = js[pool.has_skill(peers, name, level)].tolist()
            self._linear(covering + [active], [1] * len(covering) + [-1], 0, math.inf)
        if team.min_type_experience:
            knowing = js[pool.knows_type(peers, engagement.council_type)].tolist()
            need = team.min_type_experience
            self._linear(knowing + [active], [1] * len(knowing) + [-need], 0, math.inf)

    # Objectives and values.

    def score_vector(self) -> np.ndarray:
        """The score objective's coefficient of every column."""
        vector = np.zeros(self.columns)
        vector[: self.n] = self.var_base
        for _, zs, costs in self.extras:
            vector[zs] = -np.asarray(costs, float)
        return vector

    def score(self, chosen: set[int]) -> int:
        """The score objective of a solution given by its x columns (z set at their best)."""
        columns = np.fromiter(chosen, np.int64, len(chosen))
        value = int(self.var_base[columns].sum())
        taken = np.bincount(self.var_peer[columns], minlength=self.pool.size)
        for peer, _, costs in self.extras:
            value -= sum(costs[: max(0, int(taken[peer]) - 1)])
        return value

    def fill_bound(self) -> int:
        """An upper bound on the places that can be filled: a max flow that keeps capacity,
        one place per peer per engagement and the counts, and drops clashes and team rules."""
        if self.n == 0:
            return 0
        runs = len(self.engagements)
        pairs, pair_of_var = np.unique(self.var_peer * runs + self.var_run, return_inverse=True)
        peers, peer_of_pair = np.unique(pairs // runs, return_inverse=True)
        n_peers, n_pairs, n_places = len(peers), len(pairs), len(self.places)
        peer_node = 2 + np.arange(n_peers)
        pair_node = 2 + n_peers + np.arange(n_pairs)
        place_node = 2 + n_peers + n_pairs + np.arange(n_places)
        capacity = np.minimum(self.pool.capacity_left[peers], self.peer_most[peers])
        counts = np.array([place.count for place in self.places], np.int64)
        tails = np.concatenate(
            [
                np.zeros(n_peers, np.int64),
                peer_node[peer_of_pair],
                pair_node[pair_of_var],
                place_node,
            ]
        )
        heads = np.concatenate(
            [peer_node, pair_node, place_node[self.var_place], np.ones(n_places, np.int64)]
        )
        capacities = np.concatenate([capacity, np.ones(n_pairs + self.n, np.int64), counts])
        flow = max_flow.SimpleMaxFlow()
        flow.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32), capacities)
        flow.solve(0, 1)
        return int(flow.optimal_flow())

    def hint(self, chosen: set[int]) -> None:
        values = np.zeros(self.columns, np.int64)
        values[list(chosen)] = 1
        taken = np.bincount(self.var_peer[list(chosen)], minlength=self.pool.size)
        for peer, zs, _ in self.extras:
            values[zs] = [int(taken[peer] >= k) for k in range(2, len(zs) + 2)]
        runs = {int(self.var_run[j]) for j in chosen}
        for run_index, active in self.active.items():
            values[active] = int(run_index in runs)
        self.model.clear_hints()
        hint = self.model.proto.solution_hint
        hint.vars.extend(range(self.columns))
        hint.values.extend(values.tolist())

    def pairs(self, chosen: set[int]) -> list[tuple[int, int]]:
        return [(int(self.var_place[j]), int(self.var_peer[j])) for j in sorted(chosen)]

    def columns_of(self, pairs: list[tuple[int, int]]) -> set[int]:
        """The x columns of (place, peer) pairs; the pairs must all be in the model."""
        return {
            int(self.offset[i] + np.searchsorted(self.places[i].peers, peer)) for i, peer in pairs
        }

    def _chosen(self, solver: cp_model.CpSolver) -> set[int]:
        values = np.asarray(solver.response_proto.solution, np.int64)[: self.n]
        return set(np.flatnonzero(values).tolist())

    # Solving.

    def solve(self, deadline: float) -> Outcome:
        """Solve until ``deadline`` (a ``time.perf_counter()`` value)."""
        started = time.perf_counter()

        def left() -> float:
            return max(0.05, deadline - time.perf_counter())

        notes: list[str] = []
        use_lp = self.n >= LP_FROM
        fill_bound = self.fill_bound()
        priority = None
        if use_lp:
            fill = np.r_[np.ones(self.n), np.zeros(self.columns - self.n)]
            fill_lp = relax(self, fill, time_limit=FILL_LP_SHARE * left())
            if fill_lp is not None:
                fill_bound = min(fill_bound, fill_lp.bound)
                priority = fill_lp.values
        chosen = construct(self, priority)

        if len(chosen) < fill_bound and not use_lp:
            # Prove the most places that can be filled (a big batch relies on the LP instead).
            share = max(0.05, FILL_SHARE * (deadline - started))
            most = self._most_filled(chosen, fill_bound, lambda: min(left(), share))
            if most is None:
                return self._infeasible(started)
            chosen, fill_bound = most

        bound_for = len(chosen)  # the bound holds for solutions filling at least this many
        searched = self._best_score(chosen, use_lp, left, notes)
        if searched is None:
            return self._infeasible(started)
        pairs, bound = searched
        return self._outcome(pairs, bound, fill_bound, bound_for, started, notes)

    def _most_filled(
        self, chosen: set[int], fill_bound: int, time_limit: Callable[[], float]
    ) -> tuple[set[int], int] | None:
        """CP-SAT on the number of places filled, from ``chosen``: the best found and the
        bound it proved, or None if the locked choices cannot be kept."""
        self.hint(chosen)
        self.model.maximize(_sum(self.x))
        solver = _solver(time_limit())
        status = solver.solve(self.model, progress.callback())
        if status == cp_model.INFEASIBLE:
            return None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = self._chosen(solver)
            if len(found) >= len(chosen):
                chosen = found
            if status == cp_model.OPTIMAL:
                fill_bound = len(chosen)
            else:
                fill_bound = min(fill_bound, math.floor(solver.best_objective_bound + 1e-6))
        return chosen, fill_bound

    def _best_score(
        self, chosen: set[int], use_lp: bool, left: Callable[[], float], notes: list[str]
    ) -> tuple[list[tuple[int, int]], int | None] | None:
        """The best-scoring solution filling as many places as ``chosen``, and the bound;
        None if the locked choices cannot be kept."""
        filled = len(chosen)
        score_lp = None
        if use_lp:
            score_lp = relax(
                self,
                self.score_vector(),
                at_least=(np.arange(self.n), filled),
                engine="glop_dual",
                time_limit=SCORE_LP_SHARE * left(),
            )
        if score_lp is None:
            status_name, bound, pairs = self._search(self.pairs(chosen), filled, left(), notes)
            return None if status_name == "infeasible" else (pairs, bound)
        rounded = construct(self, score_lp.values)
        more = len(rounded) > filled
        if more or (len(rounded) == filled and self.score(rounded) > self.score(chosen)):
            chosen, filled = rounded, len(rounded)
        return self._improve(score_lp, chosen, filled, left, notes)

    def _outcome(
        self,
        pairs: list[tuple[int, int]],
        bound: int | None,
        fill_bound: int,
        bound_for: int,
        started: float,
        notes: list[str],
    ) -> Outcome:
        fill_bound = max(fill_bound, len(pairs))
        fill_proven = len(pairs) >= fill_bound
        if not fill_proven:
            notes.append(
                f"the most places that can be filled was not proven: {len(pairs)} filled, "
                f"at most {fill_bound} possible; the bound holds for solutions filling at "
                f"least {bound_for}"
            )
        value = self.score(self.columns_of(pairs))
        optimal = fill_proven and bound is not None and value >= bound
        return Outcome(
            status="optimal" if optimal else "feasible",
            chosen=pairs,
            bound=bound,
            seconds=time.perf_counter() - started,
            fill_proven=fill_proven,
            filled=len(pairs),
            fill_bound=fill_bound,
            variables=self.n,
            notes=notes,
        )

    def _search(
        self,
        start: list[tuple[int, int]],
        filled: int,
        time_limit: float,
        notes: list[str],
        gap: float = 0.0,
    ) -> tuple[str, int | None, list[tuple[int, int]]]:
        """Maximise the score keeping ``filled`` places filled, from ``start``."""
        chosen = self.columns_of(start)
        self.model.add(_sum(self.x) >= filled)
        self.hint(chosen)
        self.model.maximize(
            cp_model.LinearExpr.weighted_sum(
                self.variables, self.score_vector().astype(int).tolist()
            )
        )
        solver = _solver(time_limit, gap)
        status = solver.solve(self.model, progress.callback())
        if status == cp_model.INFEASIBLE:
            return "infeasible", None, []
        bound = None
        if math.isfinite(solver.best_objective_bound):
            bound = int(math.floor(solver.best_objective_bound + 1e-6))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = self._chosen(solver)
            if self.score(found) >= self.score(chosen):
                chosen = found
        else:
            notes.append("the time limit passed before CP-SAT improved on the start")
        return "searched", bound, self.pairs(chosen)

    def _improve(self, lp, chosen: set[int], filled: int, left, notes: list[str]) -> tuple:
        """Search from the rounded LP; returns (pairs, bound).

        If reduced-cost fixing leaves a model CP-SAT can take whole, search it:
        its bound then holds for the whole model too. Otherwise search growing
        neighbourhoods of the LP solution (the variables the LP uses, the start's,
        and those with the smallest reduced costs), a heuristic, and report the
        LP bound.
        """
        start_value = self.score(chosen)
        slack = 1e-6 * max(1.0, abs(lp.value))
        possible = (lp.values[: self.n] > 1e-6) | (
            lp.value + lp.reduced[: self.n] >= start_value - slack
        )
        possible[list(chosen)] = True
        pairs = self.pairs(chosen)
        if possible.sum() <= NEIGHBOURHOOD:
            exact = self._restrict(possible)
            _, found_bound, pairs = exact._search(pairs, filled, left(), notes)
            bound = lp.bound
            if found_bound is not None:
                # Every solution better than the start is in the restricted model.
                bound = min(lp.bound, max(found_bound, start_value))
            return pairs, bound

        size = NEIGHBOURHOOD
        closeness = np.where(lp.values[: self.n] > 1e-6, np.inf, lp.reduced[: self.n])
        while True:
            keep = np.zeros(self.n, bool)
            keep[np.argsort(-closeness, kind="stable")[:size]] = True
            keep[list(self.columns_of(pairs))] = True
            share = left() if size * 2 >= self.n else max(1.0, left() / 2)
            _, _, found = self._restrict(keep)._search(pairs, filled, share, [], GAP_LIMIT)
            if self.score(self.columns_of(found)) > self.score(self.columns_of(pairs)):
                pairs = found
            value = self.score(self.columns_of(pairs))
            close = lp.bound - value <= GAP_LIMIT * max(1, abs(lp.bound))
            if close or size >= self.n or left() < 1.0:
                break
            size *= 2
        if value < lp.bound and size < self.n and not close:
            notes.append(
                "searched around the LP solution only (the best "
                f"{min(size, self.n)} of {self.n} variables by reduced cost)"
            )
        return pairs, lp.bound

    def _restrict(self, keep: np.ndarray) -> Model:
        """The same model over the variables in ``keep`` only."""
        if keep.all():
            return self
        places = []
        for i, place in enumerate(self.places):
            mask = keep[self.offset[i] : self.offset[i + 1]]
            places.append(
                Place(
                    run_index=place.run_index,
                    slot_index=place.slot_index,
                    engagement=place.engagement,
                    slot=place.slot,
                    eligible=place.eligible,
                    peers=place.peers[mask],
                    terms={name: column[mask] for name, column in place.terms.items()},
                    base=place.base[mask],
                    locked=place.locked,
                    best_possible=place.best_possible,
                )
            )
        return Model(self.pool, self.engagements, places)

    def _infeasible(self, started: float) -> Outcome:
        seconds = time.perf_counter() - started
        return Outcome("infeasible", [], None, seconds, True, 0, 0, self.n)


def _sum(variables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum(list(variables))


def _solver(time_limit: float, gap: float = 0.0) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = WORKERS
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.relative_gap_limit = gap
    for name, value in PARAMETERS.items():
        setattr(solver.parameters, name, value)
    return solver


def _cliques(runs: np.ndarray, first: np.ndarray, last: np.ndarray) -> list[list[int]]:
    """Maximal sets of pairwise-overlapping engagements (dates inclusive)."""
    events = sorted(
        [(int(first[r]), 0, int(r)) for r in runs] + [(int(last[r]), 1, int(r)) for r in runs]
    )
    active: list[int] = []
    grew = False
    cliques = []
    for _, is_end, r in events:
        if not is_end:
            active.append(r)
            grew = True
        else:
            if grew:
                cliques.append(list(active))
                grew = False
            active.remove(r)
    return cliques


def _most_disjoint(runs: np.ndarray, first: np.ndarray, last: np.ndarray) -> int:
    """The most engagements among ``runs`` one person could do (earliest-end-first)."""
    count, free_from = 0, -(1 << 62)
    for r in sorted(runs.tolist(), key=lambda r: last[r]):
        if first[r] > free_from:
            count += 1
            free_from = last[r]
    return count
