"""On tiny random instances the solver equals a brute-force optimum and never breaks a rule.

The optimum is lexicographic: as many places filled as possible, then the
highest score. Scores are explicit affinities minus the workload penalty,
computed here independently of the solver's scoring code.
"""

import itertools
import random

import pytest

from peerwork.assembly import greedy, solve, violations
from tests.assembly.build import engagement, instance, peer, slot

OFF = dict.fromkeys(("skill", "council_type", "continuity", "development", "travel"), 0)


def tiny(seed):
    rng = random.Random(seed)
    peers = []
    for i in range(5):
        kind = rng.choice(["member", "officer"])
        fields = {"load": rng.randint(0, 2), "skills": {"finance": rng.randint(1, 3)}}
        if rng.random() < 0.5:
            fields["capacity"] = fields["load"] + rng.randint(0, 2)
        if kind == "member":
            fields["party"] = rng.choice(["LAB", "CON"])
        if rng.random() < 0.2:
            fields["unavailable"] = [["2027-03-10", "2027-03-10"]]
        peers.append(peer(f"P{i}", kind, **fields))
    second = rng.choice([("2027-03-11", "2027-03-12"), ("2027-03-20", "2027-03-20")])
    engagements = []
    for e, dates in enumerate([("2027-03-09", "2027-03-11"), second]):
        slots = [slot("a", kind=rng.choice(["member", "officer", None]))]
        if rng.random() < 0.5:
            slots.append(slot("b", skills={"finance": 2}))
        team = {}
        if rng.random() < 0.3:
            team["max_same_party"] = 1
        if rng.random() < 0.3:
            team["cover_skills"] = {"finance": 3}
        engagements.append(engagement(f"E{e}", slots, dates=dates, council=f"C{e}", team=team))
    affinity = [[p["id"], e["id"], round(rng.random(), 2)] for e in engagements for p in peers]
    workload = rng.choice([0, 0.25])
    return instance(engagements, peers, affinity=affinity, weights={**OFF, "workload": workload})


def brute_force(data):
    """The lexicographic optimum (places filled, score) over every rule-keeping assignment."""
    seats = [(e["id"], s["role"]) for e in data["engagements"] for s in e["slots"]]
    ids = [p["id"] for p in data["peers"]]
    given = {(p, e): v for p, e, v in data["affinity"]}
    loads = {p["id"]: p.get("load", 0) for p in data["peers"]}
    workload = data["weights"]["workload"]
    best = (0, 0.0)
    for choice in itertools.product([None, *ids], repeat=len(seats)):
        rows = [
            {"engagement": e, "role": r, "peer": p}
            for (e, r), p in zip(seats, choice, strict=True)
            if p is not None
        ]
        if violations(data, rows):
            continue
        score = sum(given[row["peer"], row["engagement"]] for row in rows)
        for p in ids:
            taken = sum(row["peer"] == p for row in rows)
            score -= sum(workload * (loads[p] + k) for k in range(1, taken + 1))
        best = max(best, (len(rows), round(score, 6)))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_the_solver_equals_the_brute_force_optimum(seed):
    data = tiny(seed)
    result = solve(data, time_limit=5)
    assert violations(data, result["assignments"]) == []
    assert result["status"] == "optimal"
    found = (len(result["assignments"]), round(result["objective"], 6))
    assert found == brute_force(data)


@pytest.mark.parametrize("seed", range(12))
def test_the_solver_is_never_worse_than_a_rule_keeping_greedy_start(seed):
    data = tiny(seed)
    baseline = greedy(data)
    result = solve(data, time_limit=5)
    if not baseline["violations"]:
        ours = (len(result["assignments"]), result["objective"])
        assert ours >= (len(baseline["assignments"]), baseline["objective"])
