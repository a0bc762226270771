"""The big-batch path (LP bound, LP rounding, neighbourhood search, pruning), exercised small.

The thresholds are lowered so that an instance of a few dozen peers takes the
path a year's batch takes; the answers must keep every rule and match the
plain CP-SAT path's optimum.
"""

import random

import pytest

from peerwork.assembly import modes, solver
from tests.assembly.build import engagement, instance, member, peer, slot, solved


def year(seed=5, engagements=12, peers=40):
    rng = random.Random(seed)
    pool = []
    for i in range(peers):
        skills = {s: rng.randint(1, 3) for s in rng.sample(["finance", "governance", "housing"], 2)}
        fields = {"skills": skills, "capacity": rng.randint(1, 3), "load": rng.randint(0, 1)}
        if rng.random() < 0.4:
            pool.append(
                member(f"P{i}", rng.choice(["LAB", "CON", "LD"]), accredited=True, **fields)
            )
        else:
            pool.append(peer(f"P{i}", council_types=rng.sample(["MD", "CTY"], 1), **fields))
    work = []
    for e in range(engagements):
        day = rng.randint(1, 20)
        work.append(
            engagement(
                f"E{e}",
                [
                    slot("lead_member", kind="member", accredited=True),
                    slot("finance", kind="officer", skills={"finance": 2}),
                    slot("officer", count=2, kind="officer"),
                ],
                dates=(f"2027-03-{day:02d}", f"2027-03-{day + rng.randint(0, 2):02d}"),
                council=f"C{e % 5}",
                team={"cover_skills": {"governance": 2}, "max_same_party": 1},
            )
        )
    return instance(work, pool)


@pytest.fixture
def big_batch_path(monkeypatch):
    monkeypatch.setattr(solver, "LP_FROM", 10)
    monkeypatch.setattr(solver, "NEIGHBOURHOOD", 40)


def test_the_lp_path_reaches_the_same_optimum_as_cp_sat_alone(big_batch_path, monkeypatch):
    calls = []
    relax = solver.relax

    def spy(*args, **kwargs):
        calls.append(kwargs.get("engine", "glop"))
        return relax(*args, **kwargs)

    monkeypatch.setattr(solver, "relax", spy)
    lp_path = solved(year(), time_limit=10)
    assert calls == ["glop", "glop_dual"]  # the fill LP, then the score LP
    assert lp_path["status"] == "optimal"
    assert lp_path["filled"] < lp_path["places"]  # some places cannot be filled

    monkeypatch.setattr(solver, "LP_FROM", 10**9)
    plain = solved(year(), time_limit=10)
    assert plain["status"] == "optimal"
    assert (lp_path["filled"], lp_path["objective"]) == (plain["filled"], plain["objective"])


def test_pruned_candidates_make_the_bound_scope_say_so(monkeypatch):
    monkeypatch.setattr(modes, "PER_GROUP_IN_BATCH", 1)
    monkeypatch.setattr(modes, "PER_PEER", 1)
    result = solved(year(), time_limit=10, per_place=2)
    assert result["variables"] < result["eligible_pairs"]
    assert result["bound_scope"].startswith("pruned model: each place keeps its best 2")
    assert result["status"] == "feasible"  # optimal for the pruned model is not claimed
    assert result["bound_unpruned"] >= result["objective"]


def test_a_huge_batch_is_solved_in_windows_of_dates_with_a_bound_for_the_whole(monkeypatch):
    monkeypatch.setattr(modes, "HUGE", 20)
    monkeypatch.setattr(modes, "WINDOW", 12)
    whole = solved(year(), time_limit=10)
    monkeypatch.setattr(modes, "HUGE", 10**9)
    together = solved(year(), time_limit=10)
    assert whole["bound_scope"].startswith("the batch was solved in 3 windows of dates")
    assert whole["status"] == "feasible"
    # The whole batch's bound holds: it is at least the optimum solving it together reaches.
    assert together["status"] == "optimal"
    assert whole["bound"] >= together["objective"] >= whole["objective"]
    assert whole["window_bound"] >= whole["objective"]
    # Later windows see the earlier windows' proposals as bookings: no rule breaks across them.
    assert len(whole["assignments"]) > 0
