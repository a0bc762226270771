"""The hand-made baseline breaks rules the solver keeps; the checker counts them."""

from peerwork.assembly import greedy, violations
from tests.assembly.build import engagement, instance, member, peer, slot, solved, team


def crafted():
    # The best-looking member peer is Conservative and unaccredited, for a Labour
    # council's accredited lead member place; the best officer is away on the dates.
    return instance(
        [
            engagement(
                "E1",
                [
                    slot("lead_member", kind="member", party="LAB", accredited=True),
                    slot("officer", kind="officer"),
                ],
            )
        ],
        [
            member("M1", "CON"),
            member("M2", "LAB", accredited=True),
            peer("P1", unavailable=[["2027-03-10", "2027-03-10"]]),
            peer("P2"),
        ],
        affinity=[["M1", "E1", 0.9], ["M2", "E1", 0.2], ["P1", "E1", 0.9], ["P2", "E1", 0.2]],
    )


def test_greedy_takes_the_best_looking_peers_and_breaks_rules():
    baseline = greedy(crafted())
    assert team(baseline) == {"lead_member": ["M1"], "officer": ["P1"]}
    assert baseline["status"] == "infeasible"
    broken = sorted(v["name"] for v in baseline["violations"])
    assert broken == ["accreditation", "party", "unavailable"]
    assert baseline["objective"] > 0


def test_the_solver_keeps_every_rule_on_the_same_instance():
    result = solved(crafted())
    assert team(result) == {"lead_member": ["M2"], "officer": ["P2"]}


def test_the_checker_counts_each_kind_of_violation():
    data = instance(
        [
            engagement("E1", [slot("officer")], team={"cover_skills": {"finance": 2}}),
            engagement("E2", [slot("officer")], locked=[{"role": "officer", "peer": "P2"}]),
        ],
        [peer("P1", capacity=1, load=1), peer("P2")],
    )
    rows = [
        {"engagement": "E1", "role": "officer", "peer": "P1"},
        {"engagement": "E2", "role": "officer", "peer": "P1"},
    ]
    names = sorted(v["name"] for v in violations(data, rows))
    assert names == ["capacity", "cover_skills", "locked", "overlap"]
