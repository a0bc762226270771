"""The pure assignment case: CP-SAT reaches the exact min-cost-flow optimum."""

import random

import pytest

from peerwork.assembly import NotPureAssignment, solve, solve_flow
from tests.assembly.build import engagement, instance, peer, slot

WEIGHTS_OFF = dict.fromkeys(("skill", "council_type", "continuity", "development", "travel"), 0)


def pure_instance(seed, workload=0.0):
    rng = random.Random(seed)
    peers = [
        peer(
            f"P{i}",
            kind=rng.choice(["member", "officer"]),
            capacity=rng.randint(1, 3),
            load=rng.randint(0, 1),
            avoid_councils=rng.sample(["C0", "C1", "C2", "C3"], rng.randint(0, 2)),
        )
        for i in range(24)
    ]
    engagements = [
        engagement(
            f"E{e}",
            [slot("member", kind="member"), slot("officer", count=2, kind="officer"), slot("any")],
            dates=(f"2027-03-{e + 1:02d}", f"2027-03-{e + 1:02d}"),
            council=f"C{e % 4}",
        )
        for e in range(9)
    ]
    affinity = [[p["id"], e["id"], round(rng.random(), 3)] for e in engagements for p in peers]
    return instance(
        engagements, peers, affinity=affinity, weights={**WEIGHTS_OFF, "workload": workload}
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_cp_sat_equals_the_min_cost_flow_optimum_on_a_pure_assignment(seed):
    data = pure_instance(seed)
    exact = solve_flow(data)
    result = solve(data, time_limit=10)
    assert result["status"] == "optimal"
    assert result["objective"] == exact["objective"]
    assert len(result["assignments"]) == len(exact["assignments"])
    # With every other weight at 0 the objective is the sum of the chosen affinities.
    given = {(p, e): v for p, e, v in data["affinity"]}
    chosen = sum(given[row["peer"], row["engagement"]] for row in result["assignments"])
    assert result["objective"] == pytest.approx(chosen)


def test_the_convex_workload_penalty_is_exact_in_the_flow_too():
    data = pure_instance(3, workload=0.25)
    assert solve(data, time_limit=10)["objective"] == solve_flow(data)["objective"]


def test_the_flow_refuses_an_instance_with_team_rules():
    data = pure_instance(4)
    data["engagements"][0]["team"] = {"max_same_party": 1}
    with pytest.raises(NotPureAssignment, match="team rules"):
        solve_flow(data)
