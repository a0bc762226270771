"""The modes (propose, batch, repair, alternates), scores and their breakdowns."""

import pytest

from peerwork.assembly import InstanceError, solve
from tests.assembly.build import (
    engagement,
    instance,
    member,
    missing,
    peer,
    slot,
    solved,
    team,
)

CONTRACT = {"status", "objective", "bound", "gap", "seconds", "assignments", "unfilled"}


def three_places(**fields):
    return engagement(
        "E1",
        [slot("lead_member", kind="member"), slot("lead_officer"), slot("officer")],
        **fields,
    )


def test_the_output_has_every_field_of_the_contract():
    data = instance([three_places()], [member("M1"), peer("P1"), peer("P2")])
    result = solved(data, mode="propose")
    assert set(result) >= CONTRACT
    assert result["status"] == "optimal"
    assert result["gap"] == 0.0
    row = result["assignments"][0]
    assert {"engagement", "role", "peer", "score", "breakdown"} <= set(row)


def test_each_score_is_the_sum_of_its_breakdown_and_the_objective_the_sum_of_the_scores():
    data = instance(
        [three_places(on_site=True, lat=52.48, lon=-1.89, previous_team=["P1"])],
        [
            member("M1", accredited=True, council_types=["MD"], load=2, lat=51.5, lon=-0.12),
            peer("P1", skills={"finance": 3}, lat=53.48, lon=-2.24),
            peer("P2", skills={"governance": 1}, council_types=["MD", "CTY"]),
        ],
    )
    result = solved(data)
    for row in result["assignments"]:
        assert row["score"] == pytest.approx(sum(row["breakdown"].values()), abs=1e-9)
    total = sum(row["score"] for row in result["assignments"])
    assert result["objective"] == pytest.approx(total, abs=1e-9)
    breakdown = {row["peer"]: row["breakdown"] for row in result["assignments"]}
    assert breakdown["P1"]["continuity"] == 5.0
    assert breakdown["M1"]["travel"] < 0  # London to Birmingham, on site
    assert "travel" not in breakdown["P2"]  # no location given


def test_an_explicit_affinity_replaces_the_built_in_fit_for_that_pair():
    data = instance(
        [engagement("E1", [slot("officer")])],
        [peer("P1", skills={"finance": 3}, council_types=["MD"])],
        affinity=[["P1", "E1", 0.83]],
    )
    (row,) = solved(data)["assignments"]
    assert row["breakdown"] == {"affinity": 0.83, "workload": -0.5}


def test_a_weight_of_zero_turns_its_term_off():
    # One officer, two engagements that do not overlap: the workload penalty spreads the
    # work; with its weight at 0 the better-fitting peer takes both.
    engagements = [
        engagement("E1", [slot("officer")], dates=("2027-03-01", "2027-03-01")),
        engagement("E2", [slot("officer")], dates=("2027-04-01", "2027-04-01")),
    ]
    affinity = [["P1", "E1", 1.0], ["P1", "E2", 1.0], ["P2", "E1", 0.8], ["P2", "E2", 0.8]]
    data = instance(engagements, [peer("P1"), peer("P2")], affinity=affinity)
    spread = solved(data)
    assert sorted(team(spread, "E1")["officer"] + team(spread, "E2")["officer"]) == ["P1", "P2"]
    assert spread["objective"] == pytest.approx(1.8 - 0.5 - 0.5)

    data["weights"] = {"workload": 0}
    piled = solved(data)
    assert team(piled, "E1") == team(piled, "E2") == {"officer": ["P1"]}
    assert piled["objective"] == pytest.approx(2.0)


def test_repair_replaces_the_declined_peer_without_moving_the_others():
    # P9 declined the officer place; the rest of the team is locked as it was, although
    # P1 would score more as lead officer than the locked P2.
    data = instance(
        [
            three_places(
                locked=[
                    {"role": "lead_member", "peer": "M1"},
                    {"role": "lead_officer", "peer": "P2"},
                ],
                excluded=["P9"],
            )
        ],
        [member("M1"), member("M2"), peer("P1"), peer("P2"), peer("P3"), peer("P9")],
        affinity=[["P1", "E1", 0.9], ["P9", "E1", 1.0], ["P2", "E1", 0.2], ["P3", "E1", 0.1]],
    )
    result = solved(data, mode="repair")
    assert team(result) == {"lead_member": ["M1"], "lead_officer": ["P2"], "officer": ["P1"]}
    locked = {row["peer"]: row["locked"] for row in result["assignments"]}
    assert locked == {"M1": True, "P2": True, "P1": False}


def test_alternates_are_the_next_best_eligible_peers_in_order():
    peers = [peer(f"P{i}") for i in range(1, 7)] + [peer("P7", home_council="BIR")]
    affinity = [[f"P{i}", "E1", round(1 - i / 10, 1)] for i in range(1, 8)]
    data = instance([engagement("E1", [slot("officer")])], peers, affinity=affinity)
    result = solved(data, mode="alternates")
    assert team(result) == {"officer": ["P1"]}
    (row,) = result["alternates"]
    assert (row["engagement"], row["role"]) == ("E1", "officer")
    assert [p["peer"] for p in row["peers"]] == ["P2", "P3", "P4"]  # 3 by default
    assert [p["score"] for p in row["peers"]] == [0.3, 0.2, 0.1]  # affinity - 0.5 workload
    assert row["peers"][0]["breakdown"] == {"affinity": 0.8, "workload": -0.5}

    result = solved(data, alternates=5)
    assert [p["peer"] for p in result["alternates"][0]["peers"]] == ["P2", "P3", "P4", "P5", "P6"]


def test_alternates_leave_out_peers_busy_elsewhere_in_the_run():
    data = instance(
        [
            engagement("E1", [slot("officer")], dates=("2027-03-09", "2027-03-12")),
            engagement("E2", [slot("officer")], dates=("2027-03-10", "2027-03-10")),
        ],
        [peer("P1"), peer("P2"), peer("P3")],
        affinity=[["P1", "E1", 0.9], ["P2", "E2", 0.9], ["P2", "E1", 0.5], ["P3", "E1", 0.1]],
    )
    result = solved(data, alternates=2)
    e1 = next(row for row in result["alternates"] if row["engagement"] == "E1")
    assert [p["peer"] for p in e1["peers"]] == ["P3"]


def test_propose_takes_engagements_one_at_a_time_each_seeing_the_earlier_proposals():
    data = instance(
        [
            engagement("E1", [slot("officer")], dates=("2027-03-09", "2027-03-12")),
            engagement("E2", [slot("officer")], dates=("2027-03-10", "2027-03-10")),
        ],
        [peer("P1"), peer("P2")],
        affinity=[["P1", "E1", 0.1], ["P1", "E2", 0.9], ["P2", "E1", 0.05]],
        weights={"workload": 0},
    )
    # One at a time E1 takes P1 first; together, P1 goes to E2 where it is worth more.
    assert (team(solved(data, mode="propose"), "E1")) == {"officer": ["P1"]}
    batch = solved(data, mode="batch")
    assert team(batch, "E1") == {"officer": ["P2"]}
    assert team(batch, "E2") == {"officer": ["P1"]}


def test_locked_choices_that_break_a_rule_make_the_instance_infeasible_with_the_reason():
    data = instance(
        [three_places(locked=[{"role": "lead_officer", "peer": "P1"}])],
        [member("M1"), peer("P1", home_council="BIR"), peer("P2")],
    )
    result = solve(data)
    assert result["status"] == "infeasible"
    assert result["assignments"] == []
    (conflict,) = result["conflicts"]
    assert conflict["peer"] == "P1"
    assert "is from this council" in conflict["reason"]
    assert missing(result)[("E1", "lead_officer")] == 1


def test_one_peer_locked_on_two_overlapping_engagements_is_infeasible():
    lock = [{"role": "officer", "peer": "P1"}]
    data = instance(
        [
            engagement("E1", [slot("officer")], locked=lock),
            engagement("E2", [slot("officer")], locked=lock),
        ],
        [peer("P1")],
    )
    result = solve(data)
    assert result["status"] == "infeasible"
    assert "overlap" in result["conflicts"][0]["reason"]


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown mode"):
        solve(instance([], []), mode="fastest")


def test_a_malformed_instance_raises_an_error_naming_the_field():
    data = instance([engagement("E1", [slot("officer", count="two")])], [])
    with pytest.raises(InstanceError) as error:
        solve(data)
    assert error.value.field == "engagements[0].slots[0].count"
    assert str(error.value) == "engagements[0].slots[0].count: expected a whole number, got 'two'"


def test_a_place_locked_in_a_later_engagement_is_reserved_while_earlier_ones_are_proposed():
    # P1 has room for one more engagement and is locked into E2; E1, proposed first,
    # would take P1 if the lock were not reserved.
    data = instance(
        [
            engagement("E1", [slot("officer")], dates=("2027-03-01", "2027-03-01")),
            engagement(
                "E2",
                [slot("officer")],
                dates=("2027-04-01", "2027-04-01"),
                locked=[{"role": "officer", "peer": "P1"}],
            ),
        ],
        [peer("P1", capacity=1), peer("P2")],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.1]],
    )
    result = solved(data, mode="propose")
    assert result["status"] == "optimal"
    assert (team(result, "E1"), team(result, "E2")) == ({"officer": ["P2"]}, {"officer": ["P1"]})
