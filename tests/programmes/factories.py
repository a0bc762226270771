import datetime
from decimal import Decimal

import factory

from peerwork.programmes.models import (
    ClimateParticipation,
    ExpertEngagement,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    NgdpCohort,
    NgdpPlacement,
    PollingRound,
    Saving,
)
from tests.councils.factories import CouncilFactory


class LeadershipCohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipCohort

    programme = "academy"
    name = factory.Sequence(lambda n: f"Academy cohort {n}")
    starts_on = datetime.date(2024, 9, 10)
    places = 24


class LeadershipParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipParticipant

    cohort = factory.SubFactory(LeadershipCohortFactory)
    full_name = factory.Sequence(lambda n: f"Councillor {n}")
    council = factory.SubFactory(CouncilFactory)
    enrolled = True


class NgdpCohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NgdpCohort

    intake_year = factory.Sequence(lambda n: 2000 + n)
    name = factory.LazyAttribute(lambda c: f"ngdp {c.intake_year}")
    applications = 3000
    recruitment_closed_on = factory.LazyAttribute(lambda c: datetime.date(c.intake_year, 1, 15))


class NgdpPlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NgdpPlacement

    cohort = factory.SubFactory(NgdpCohortFactory)
    graduate_name = factory.Sequence(lambda n: f"Graduate {n}")
    council = factory.SubFactory(CouncilFactory)
    started_on = datetime.date(2024, 9, 2)


class ExpertEngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertEngagement

    council = factory.SubFactory(CouncilFactory)
    expert_name = "Jo Expert"
    topic = factory.Sequence(lambda n: f"Income review {n}")
    started_on = datetime.date(2024, 5, 1)


class SavingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Saving

    council = factory.SubFactory(CouncilFactory)
    kind = Saving.Kind.SAVING
    amount = Decimal("125000.00")
    description = factory.Sequence(lambda n: f"Shared contract {n}")
    verified_on = datetime.date(2024, 12, 1)


class ClimateParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClimateParticipation

    council = factory.SubFactory(CouncilFactory)
    activity = "training"
    took_part_on = datetime.date(2024, 6, 12)


class HousingBidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingBid

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Housing bid {n}")
    submitted_on = datetime.date(2024, 7, 1)
    outcome = HousingBid.Outcome.AWARDED
    awarded_amount = Decimal("75000.00")


class HousingProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingProject
        skip_postgeneration_save = True

    bid = factory.SubFactory(HousingBidFactory)
    title = factory.Sequence(lambda n: f"Housing project {n}")
    started_on = datetime.date(2024, 10, 1)

    @factory.post_generation
    def councils(self, create, extracted, **kwargs):
        if create:
            self.councils.set(extracted or [self.bid.council])


class HousingSurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingSurveyResponse

    project = factory.SubFactory(HousingProjectFactory)
    submitted_on = datetime.date(2025, 4, 20)
    lasting_positive_impact = True


class PollingRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollingRound

    number = factory.Sequence(lambda n: n + 1)
    fieldwork_from = datetime.date(2024, 6, 3)
    fieldwork_to = datetime.date(2024, 6, 9)
    sample_size = 1002
    satisfied_with_area = Decimal("79.0")
    satisfied_with_council = Decimal("61.0")
    value_for_money = Decimal("43.5")
    acts_on_concerns = Decimal("55.0")
    keeps_informed = Decimal("58.0")
    trust_council = Decimal("57.0")
