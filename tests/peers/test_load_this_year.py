"""A peer's load this year is counted once: the directory and every capacity check agree."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.core.periods import year_start
from peerwork.engagements.models import Part
from peerwork.engagements.team import selectors as team
from peerwork.matching.encode import encode
from peerwork.offers.models import Offer
from peerwork.peers.models import Skill
from peerwork.peers.selectors import load_this_year
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory, PeerSkillFactory

pytestmark = pytest.mark.django_db


def _busy(full_name, capacity):
    """A peer with three accepted places this year (10 days) and places that do not count."""
    today = timezone.localdate()
    start = year_start(today)
    peer = PeerFactory(full_name=full_name, capacity_engagements=capacity)
    # Two skills, so that joining them in the directory's query cannot double a count.
    PeerSkillFactory(peer=peer)
    PeerSkillFactory(peer=peer, skill=Skill.objects.exclude(slug="finance").first())

    def place(status, days=4, part=Part.MAIN, engagement=None, **dates):
        engagement = engagement or EngagementFactory(**dates)
        return TeamMemberFactory(
            peer=peer, status=status, days=days, part=part, engagement=engagement
        )

    dated = place("accepted", days=2, preferred_from=today)
    place("accepted", preferred_from=None)  # counts in the year it was asked for
    place("accepted", part=Part.PROGRESS_REVIEW, engagement=dated.engagement)  # a second place
    place("invited", preferred_from=today)  # holds no capacity until accepted
    place("declined", preferred_from=today)
    place("withdrawn", preferred_from=today)
    place("accepted", preferred_from=start - datetime.timedelta(days=1))  # last year
    place("accepted", preferred_from=datetime.date(start.year + 1, 4, 1))  # next year
    return peer


def test_the_directory_the_team_page_and_team_assembly_count_the_same_load(client):
    full = _busy("Asha Full", capacity=3)
    room = _busy("Bo Room", capacity=4)
    today = timezone.localdate()
    panel = EngagementFactory(
        offer=Offer.objects.get(slug="recovery-and-renewal-panel"),
        preferred_from=today,
        preferred_to=today,
    )
    place = next(p for p in team.team_places(panel) if p.role == "Officer peer")
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))

    load = load_this_year([full.pk, room.pk], on=today)
    listing = client.get(reverse("peers:list"))
    at_capacity = client.get(reverse("peers:list"), {"load": "full"})
    unused = client.get(reverse("peers:list"), {"load": "unused"})
    by_load = client.get(reverse("peers:list"), {"sort": "load", "skill": "finance"})
    eligible, _ = team.candidates(panel, place)
    _, excluded = team.candidates(panel, place, name="Asha Full")
    instance = encode([panel]).instance
    solver_load = {p["id"]: p["load"] for p in instance["peers"]}

    assert load == {
        full.pk: {"engagements": 3, "days": 10},
        room.pk: {"engagements": 3, "days": 10},
    }
    assert listing.content.decode().count("3 engagements, 10 days") == 2
    assert [p.full_name for p in at_capacity.context["page"]] == ["Asha Full"]
    assert [p.full_name for p in unused.context["page"]] == []
    assert [p.year_engagements for p in by_load.context["page"]] == [3, 3]
    assert excluded == [(full, ["already at capacity: 3 of 3 engagements this year"])]
    assert [(p, p.load) for p in eligible if p in (full, room)] == [
        (room, {"engagements": 3, "days": 10})
    ]
    assert (solver_load[str(full.pk)], solver_load[str(room.pk)]) == (3, 3)
