import datetime

import factory

from peerwork.peers.models import (
    DeclaredInterest,
    FormerRole,
    Peer,
    PeerKind,
    PeerSkill,
    Skill,
    Unavailability,
)
from tests.councils.factories import CouncilFactory


class PeerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Peer

    kind = PeerKind.OFFICER
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"peer{n}@example.org")
    home_council = factory.SubFactory(CouncilFactory)
    home_role = "chief_executive"


class MemberPeerFactory(PeerFactory):
    kind = PeerKind.MEMBER
    home_role = "leader"
    party = factory.LazyFunction(
        lambda: __import__("peerwork.councils.models", fromlist=["Party"]).Party.objects.get(
            short_name="Lab"
        )
    )


class PeerSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerSkill

    peer = factory.SubFactory(PeerFactory)
    skill = factory.LazyFunction(lambda: Skill.objects.get(slug="finance"))
    level = 2


class DeclaredInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclaredInterest

    peer = factory.SubFactory(PeerFactory)
    council = factory.SubFactory(CouncilFactory)
    reason = "My partner works there"


class FormerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormerRole

    peer = factory.SubFactory(PeerFactory)
    council = factory.SubFactory(CouncilFactory)
    role = "director"
    ended_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=400))


class UnavailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unavailability

    peer = factory.SubFactory(PeerFactory)
    starts_on = datetime.date(2027, 3, 1)
    ends_on = datetime.date(2027, 3, 14)
