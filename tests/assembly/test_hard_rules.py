"""Every hard rule of the specification, each on an instance where breaking it would pay.

The instances give scores by explicit affinity, so the peer who breaks the rule
is always the best-scoring one: the solver must pass them over.
"""

from tests.assembly.build import engagement, instance, member, missing, peer, slot, solved, team


def best_breaks_the_rule(place, best, second, **fields):
    """An engagement with one place; ``best`` scores higher than ``second``."""
    return instance(
        [engagement("E1", [place], **fields)],
        [best, second],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.1]],
    )


def test_a_member_place_takes_only_member_peers():
    data = best_breaks_the_rule(slot("lead_member", kind="member"), peer("P1"), member("P2"))
    assert team(solved(data)) == {"lead_member": ["P2"]}


def test_an_accredited_place_takes_only_accredited_peers():
    data = best_breaks_the_rule(
        slot("lead_member", kind="member", accredited=True),
        member("P1"),
        member("P2", accredited=True),
    )
    assert team(solved(data)) == {"lead_member": ["P2"]}


def test_a_party_place_takes_only_that_party():
    data = best_breaks_the_rule(
        slot("lead_member", kind="member", party="LAB"), member("P1", "CON"), member("P2", "LAB")
    )
    assert team(solved(data)) == {"lead_member": ["P2"]}


def test_a_place_may_accept_any_of_several_parties():
    data = best_breaks_the_rule(
        slot("lead_member", party=["LAB", "LD"]), member("P1", "CON"), member("P2", "LD")
    )
    assert team(solved(data)) == {"lead_member": ["P2"]}


def test_a_place_takes_only_peers_with_the_minimum_skill_level():
    data = best_breaks_the_rule(
        slot("finance", skills={"finance": 2}),
        peer("P1", skills={"finance": 1}),
        peer("P2", skills={"finance": 2}),
    )
    assert team(solved(data)) == {"finance": ["P2"]}


def test_a_peer_never_works_for_a_council_they_must_avoid():
    data = best_breaks_the_rule(slot("officer"), peer("P1", avoid_councils=["BIR"]), peer("P2"))
    assert team(solved(data)) == {"officer": ["P2"]}


def test_a_peer_never_works_for_their_home_council():
    data = best_breaks_the_rule(slot("officer"), peer("P1", home_council="BIR"), peer("P2"))
    assert team(solved(data)) == {"officer": ["P2"]}


def test_a_peer_unavailable_on_any_day_of_the_engagement_is_not_placed():
    # The engagement runs 9-12 March; P1 is away from the 12th (the last day).
    data = best_breaks_the_rule(
        slot("officer"), peer("P1", unavailable=[["2027-03-12", "2027-03-20"]]), peer("P2")
    )
    assert team(solved(data)) == {"officer": ["P2"]}


def test_unavailability_that_only_touches_the_dates_does_not_count():
    data = best_breaks_the_rule(
        slot("officer"), peer("P1", unavailable=[["2027-03-13", "2027-03-20"]]), peer("P2")
    )
    assert team(solved(data)) == {"officer": ["P1"]}


def test_a_peer_booked_on_an_overlapping_engagement_outside_the_run_is_not_placed():
    data = best_breaks_the_rule(
        slot("officer"), peer("P1", booked=[["2027-03-08", "2027-03-09"]]), peer("P2")
    )
    assert team(solved(data)) == {"officer": ["P2"]}


def test_a_peer_at_capacity_is_not_placed():
    data = best_breaks_the_rule(slot("officer"), peer("P1", capacity=2, load=2), peer("P2"))
    assert team(solved(data)) == {"officer": ["P2"]}


def test_an_excluded_peer_is_never_proposed():
    data = best_breaks_the_rule(slot("officer"), peer("P1"), peer("P2"), excluded=["P1"])
    assert team(solved(data)) == {"officer": ["P2"]}


def test_a_locked_choice_is_kept_even_when_another_scores_higher():
    data = best_breaks_the_rule(
        slot("officer"), peer("P1"), peer("P2"), locked=[{"role": "officer", "peer": "P2"}]
    )
    result = solved(data)
    assert team(result) == {"officer": ["P2"]}
    assert result["assignments"][0]["locked"] is True


def test_a_place_takes_at_most_its_count():
    data = instance(
        [engagement("E1", [slot("officer", count=2)])],
        [peer("P1"), peer("P2"), peer("P3")],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.5], ["P3", "E1", 0.1]],
    )
    assert team(solved(data)) == {"officer": ["P1", "P2"]}


def test_a_peer_holds_at_most_one_place_on_an_engagement():
    data = instance(
        [engagement("E1", [slot("lead_officer"), slot("officer")])],
        [peer("P1"), peer("P2")],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.1]],
    )
    result = solved(data)
    assert sorted(row["peer"] for row in result["assignments"]) == ["P1", "P2"]


def test_a_peer_is_not_placed_on_two_overlapping_engagements_of_the_run():
    data = instance(
        [
            engagement("E1", [slot("officer")], dates=("2027-03-09", "2027-03-12")),
            engagement("E2", [slot("officer")], dates=("2027-03-12", "2027-03-13")),
        ],
        [peer("P1"), peer("P2")],
        affinity=[["P1", "E1", 0.9], ["P1", "E2", 0.9], ["P2", "E1", 0.1], ["P2", "E2", 0.1]],
    )
    result = solved(data)
    assert sorted([team(result, "E1")["officer"][0], team(result, "E2")["officer"][0]]) == [
        "P1",
        "P2",
    ]


def test_capacity_counts_the_engagements_of_this_run():
    # The engagements do not overlap, but P1 has room for only one more.
    data = instance(
        [
            engagement("E1", [slot("officer")], dates=("2027-03-01", "2027-03-02")),
            engagement("E2", [slot("officer")], dates=("2027-04-01", "2027-04-02")),
        ],
        [peer("P1", capacity=3, load=2), peer("P2")],
        affinity=[["P1", "E1", 0.9], ["P1", "E2", 0.8], ["P2", "E1", 0.1], ["P2", "E2", 0.1]],
        weights={"workload": 0},
    )
    result = solved(data)
    # Best total: P1 on E1 (0.9) and P2 on E2 (0.1) = 1.0 beats P1 on E2 and P2 on E1 = 0.9.
    assert (team(result, "E1"), team(result, "E2")) == ({"officer": ["P1"]}, {"officer": ["P2"]})


def test_the_team_covers_its_required_skills():
    data = instance(
        [
            engagement(
                "E1",
                [slot("officer", count=2)],
                team={"cover_skills": {"governance": 2}},
            )
        ],
        [peer("P1"), peer("P2"), peer("P3", skills={"governance": 2})],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.8], ["P3", "E1", 0.1]],
    )
    assert team(solved(data)) == {"officer": ["P1", "P3"]}


def test_at_most_so_many_members_of_one_party():
    data = instance(
        [engagement("E1", [slot("member", count=3, kind="member")], team={"max_same_party": 2})],
        [member("P1"), member("P2"), member("P3"), member("P4", "CON")],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.9], ["P3", "E1", 0.9], ["P4", "E1", 0.1]],
    )
    result = solved(data)
    assert "P4" in team(result)["member"]
    assert len(team(result)["member"]) == 3


def test_the_team_has_the_council_type_experience_it_needs():
    data = instance(
        [engagement("E1", [slot("officer", count=2)], team={"min_type_experience": 1})],
        [peer("P1"), peer("P2"), peer("P3", council_types=["MD"])],
        affinity=[["P1", "E1", 0.9], ["P2", "E1", 0.8], ["P3", "E1", 0.1]],
    )
    assert "P3" in team(solved(data))["officer"]


def test_a_place_nobody_can_take_is_reported_not_filled_by_breaking_a_rule():
    data = instance([engagement("E1", [slot("lead_member", kind="member")])], [peer("P1")])
    result = solved(data)
    assert result["assignments"] == []
    assert missing(result) == {("E1", "lead_member"): 1}
