import datetime

import factory
from django.utils import timezone

from peerwork.impact.models import Answer, Question, SurveyInvitation, SurveyResponse
from tests.engagements.factories import EngagementFactory


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    engagement = factory.SubFactory(EngagementFactory)
    audience = "council"
    role = "chief_executive"
    name = "Casey Chief"
    email = factory.Sequence(lambda n: f"chief{n}@example.org")
    sent_at = factory.LazyFunction(timezone.now)
    closes_at = factory.LazyAttribute(lambda i: i.sent_at + datetime.timedelta(weeks=8))


def respond(engagement, audience="council", submitted_at=None, **values):
    """A response built by hand: values by question key, e.g. positive_impact=True."""
    response = SurveyResponse.objects.create(
        engagement=engagement,
        audience=audience,
        offer=engagement.offer,
        submitted_at=submitted_at or timezone.now(),
    )
    for key, value in values.items():
        question = Question.objects.get(offer=None, audience=audience, key=key)
        field = {"yes_no": "value_bool", "scale5": "value_int", "text": "value_text"}
        Answer.objects.create(response=response, question=question, **{field[question.kind]: value})
    return response
