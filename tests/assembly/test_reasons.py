"""Unfilled places come with a reason a coordinator can act on, naming the rule to relax."""

from tests.assembly.build import engagement, instance, member, peer, reason, slot, solved


def test_the_reason_names_the_place_the_dates_and_the_rule_to_relax():
    # The only accredited member peer is Conservative; the place wants Labour.
    data = instance(
        [engagement("E1", [slot("lead_member", kind="member", party="LAB", accredited=True)])],
        [member("P1", "CON", accredited=True), member("P2", "LAB"), peer("P3")],
    )
    result = solved(data)
    assert reason(result, "lead_member") == (
        "no accredited member peer of party LAB is free on 9-12 March 2027 without a conflict "
        "(relax: party rule: 1 peer would then qualify; or accreditation rule: 1 peer would "
        "then qualify)"
    )
    assert result["unfilled"][0]["relax"] == ["party"]


def test_the_rule_that_lets_most_peers_in_comes_first():
    # Relaxing the party rule would let two in; relaxing accreditation, one.
    data = instance(
        [engagement("E1", [slot("lead_member", kind="member", party="LAB", accredited=True)])],
        [
            member("P1", "CON", accredited=True),
            member("P2", "LD", accredited=True),
            member("P3", "LAB"),
        ],
    )
    text = reason(solved(data), "lead_member")
    assert "(relax: party rule: 2 peers would then qualify; or accreditation rule" in text


def test_a_shortfall_says_how_many_are_free_and_how_many_are_needed():
    data = instance(
        [engagement("E1", [slot("finance", count=2, kind="officer", skills={"finance": 2})])],
        [
            peer("P1", skills={"finance": 2}),
            peer("P2", skills={"finance": 2}, unavailable=[["2027-03-01", "2027-03-09"]]),
        ],
    )
    text = reason(solved(data), "finance")
    assert text.startswith(
        "only 1 officer peer with finance level 2 is free on 9-12 March 2027 without a "
        "conflict (2 needed)"
    )
    assert "relax: unavailable dates (or move the engagement): 2 peers would then qualify" in text


def test_when_no_single_rule_is_enough_a_pair_is_named():
    data = instance(
        [engagement("E1", [slot("officer", kind="officer")])],
        [peer("P1", home_council="BIR", avoid_councils=["BIR"])],
    )
    assert "relax: home council rule and the councils to avoid" in reason(solved(data), "officer")


def test_a_place_left_empty_by_the_run_names_the_engagements_that_took_its_peers():
    # One officer for two overlapping engagements: one of them goes without.
    data = instance(
        [
            engagement("E1", [slot("officer")], dates=("2027-03-09", "2027-03-12")),
            engagement("E2", [slot("officer")], dates=("2027-03-10", "2027-03-11")),
        ],
        [peer("P1")],
        affinity=[["P1", "E1", 0.9], ["P1", "E2", 0.1]],
    )
    text = reason(solved(data), "officer", "E2")
    assert text == (
        "all 1 eligible peer free on 10-11 March 2027 are taken: 1 on overlapping engagements "
        "in this run (E1) (relax: move the engagement's dates, or release a peer from E1)"
    )


def test_a_team_rule_no_eligible_peer_can_meet_leaves_the_whole_team_empty_and_says_so():
    data = instance(
        [engagement("E1", [slot("officer", count=2)], team={"cover_skills": {"governance": 2}})],
        [peer("P1"), peer("P2"), peer("P3", skills={"governance": 1})],
    )
    result = solved(data)
    assert result["assignments"] == []
    assert reason(result, "officer") == (
        "the team must include someone with governance level 2, and no peer eligible for any "
        "of its places has it, so no team is proposed (relax: team rule cover_skills governance)"
    )


def test_dates_across_months_and_years_read_naturally():
    data = instance(
        [engagement("E1", [slot("officer")], dates=("2027-12-30", "2028-01-02"))],
        [],
    )
    assert "free on 30 December 2027 - 2 January 2028" in reason(solved(data), "officer")
