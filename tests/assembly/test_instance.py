"""A malformed instance is refused with the path of the offending field."""

import pytest

from peerwork.assembly import InstanceError, validate
from tests.assembly.build import engagement, instance, member, peer, slot


def good():
    return instance(
        [engagement("E1", [slot("lead_member", kind="member"), slot("officer", count=2)])],
        [member("M1"), peer("P1", unavailable=[["2027-03-01", "2027-03-02"]])],
        affinity=[["P1", "E1", 0.5]],
        weights={"skill": 2},
    )


def field_of(data):
    with pytest.raises(InstanceError) as error:
        validate(data)
    return error.value.field


def test_a_good_instance_reads_into_dataclasses_with_the_defaults():
    parsed = validate(good())
    assert parsed.engagements[0].slots[1].count == 2
    assert parsed.peers[1].capacity is None
    assert parsed.weights.skill == 2.0
    assert parsed.weights.workload == 0.5
    assert parsed.affinity == {("P1", "E1"): 0.5}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("peers"), "peers"),
        (lambda d: d["engagements"][0].pop("start"), "engagements[0].start"),
        (lambda d: d["engagements"][0].update(end="2027-02-30"), "engagements[0].end"),
        (lambda d: d["engagements"][0].update(end="2027-03-01"), "engagements[0].end"),
        (
            lambda d: d["engagements"][0]["slots"][1].update(count=-1),
            "engagements[0].slots[1].count",
        ),
        (
            lambda d: d["engagements"][0]["slots"][1].update(count=True),
            "engagements[0].slots[1].count",
        ),
        (
            lambda d: d["engagements"][0]["slots"][0].update(kind="mayor"),
            "engagements[0].slots[0].kind",
        ),
        (
            lambda d: d["engagements"][0]["slots"][1].update(skills={"finance": "high"}),
            "engagements[0].slots[1].skills.finance",
        ),
        (
            lambda d: d["engagements"][0]["slots"][1].update(role="lead_member"),
            "engagements[0].slots[1].role",
        ),
        (lambda d: d["engagements"][0].update(excluded=["P99"]), "engagements[0].excluded[0]"),
        (
            lambda d: d["engagements"][0].update(locked=[{"role": "chair", "peer": "P1"}]),
            "engagements[0].locked[0].role",
        ),
        (lambda d: d["engagements"][0].update(lat=52.5), "engagements[0].lon"),
        (lambda d: d["peers"][1].update(kind=None), "peers[1].kind"),
        (lambda d: d["peers"][1].update(id="M1"), "peers[1].id"),
        (lambda d: d["peers"][1].update(unavailable=[["2027-03-01"]]), "peers[1].unavailable[0]"),
        (lambda d: d["peers"][1].update(booked=[["2027-03-05", "x"]]), "peers[1].booked[0][1]"),
        (lambda d: d["peers"][1].update(capacity=1.5), "peers[1].capacity"),
        (lambda d: d["affinity"].append(["P1", "E9", 0.1]), "affinity[1][1]"),
        (lambda d: d["affinity"].append(["P1", "E1", "high"]), "affinity[1][2]"),
        (lambda d: d["weights"].update(skils=1), "weights.skils"),
        (lambda d: d["weights"].update(travel=-1), "weights.travel"),
    ],
)
def test_the_error_names_the_offending_field(change, field):
    data = good()
    change(data)
    assert field_of(data) == field


def test_the_message_says_what_was_expected_and_what_came():
    data = good()
    data["engagements"][0]["slots"][1]["count"] = "two"
    with pytest.raises(InstanceError, match=r"expected a whole number, got 'two'"):
        validate(data)
