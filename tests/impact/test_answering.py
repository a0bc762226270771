"""Answering a survey by its single-use link."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from peerwork.impact.models import Answer, Question, SurveyResponse
from tests.impact.factories import SurveyInvitationFactory
from tests.soundness import assert_page_is_sound

pytestmark = pytest.mark.django_db


def _field(audience, key):
    question = Question.objects.get(offer=None, audience=audience, key=key)
    return f"question-{question.pk}"


COUNCIL_ANSWERS = {
    ("council", "positive_impact"): "yes",
    ("council", "satisfaction"): "4",
    ("council", "more_confident"): "no",
    ("council", "would_recommend"): "yes",
    ("council", "comments"): "  The team listened.  ",
}


def _post(client, invitation, answers):
    data = {_field(*key): value for key, value in answers.items()}
    return client.post(reverse("impact:survey", args=[invitation.token]), data)


def test_the_survey_shows_the_engagement_and_the_questions(client):
    invitation = SurveyInvitationFactory()

    response = client.get(reverse("impact:survey", args=[invitation.token]))

    content = response.content.decode()
    assert response.status_code == 200
    assert invitation.engagement.offer.name in content
    assert invitation.engagement.council.official_name in content
    assert "Has the support had a positive impact on your authority?" in content
    assert "5 – very satisfied" in content
    assert 'class="govuk-radios' in content and 'class="govuk-textarea' in content


def test_a_peer_is_asked_the_peers_questions(client):
    invitation = SurveyInvitationFactory(audience="peer", role="peer")

    content = client.get(reverse("impact:survey", args=[invitation.token])).content.decode()

    assert "positive impact on your own learning and development" in content
    assert "positive impact on your authority" not in content


def test_answering_saves_one_response_and_stamps_the_invitation(client):
    invitation = SurveyInvitationFactory()

    response = _post(client, invitation, COUNCIL_ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == reverse("impact:survey-thanks")
    saved = SurveyResponse.objects.get()
    assert (saved.engagement, saved.audience, saved.offer) == (
        invitation.engagement,
        "council",
        invitation.engagement.offer,
    )
    values = {
        a.question.key: (a.value_bool, a.value_int, a.value_text) for a in saved.answers.all()
    }
    assert values == {
        "positive_impact": (True, None, ""),
        "satisfaction": (None, 4, ""),
        "more_confident": (False, None, ""),
        "would_recommend": (True, None, ""),
        "comments": (None, None, "The team listened."),
    }
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_free_text_may_be_left_empty(client):
    invitation = SurveyInvitationFactory()
    answers = {**COUNCIL_ANSWERS, ("council", "comments"): ""}

    assert _post(client, invitation, answers).status_code == 302
    assert Answer.objects.get(question__key="comments").value_text == ""


def test_a_link_used_twice_is_refused_and_changes_nothing(client):
    invitation = SurveyInvitationFactory()
    _post(client, invitation, COUNCIL_ANSWERS)
    invitation.refresh_from_db()
    stamped = invitation.responded_at

    again = {**COUNCIL_ANSWERS, ("council", "positive_impact"): "no"}
    response = _post(client, invitation, again)

    assert response.status_code == 200
    assert "You have already answered this survey, thank you" in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert Answer.objects.get(question__key="positive_impact").value_bool is True
    invitation.refresh_from_db()
    assert invitation.responded_at == stamped
    page = client.get(reverse("impact:survey", args=[invitation.token]))
    assert "You have already answered this survey, thank you" in page.content.decode()
    assert "govuk-radios" not in page.content.decode()


def test_a_closed_survey_is_refused_and_changes_nothing(client):
    sent = timezone.now() - datetime.timedelta(weeks=9)
    invitation = SurveyInvitationFactory(sent_at=sent)

    page = client.get(reverse("impact:survey", args=[invitation.token]))
    response = _post(client, invitation, COUNCIL_ANSWERS)

    assert "This survey has closed" in page.content.decode()
    assert "This survey has closed" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    invitation.refresh_from_db()
    assert invitation.responded_at is None


def test_an_unknown_link_is_not_found(client):
    response = client.get(reverse("impact:survey", args=[uuid.uuid4()]))

    assert response.status_code == 404


def test_missing_answers_are_explained_and_nothing_is_saved(client):
    invitation = SurveyInvitationFactory()
    answers = {key: value for key, value in COUNCIL_ANSWERS.items() if key[1] != "satisfaction"}
    answers.pop(("council", "more_confident"))

    response = _post(client, invitation, answers)

    content = response.content.decode()
    assert response.status_code == 200
    assert_page_is_sound(response)
    assert "govuk-error-summary" in content
    assert "There is a problem" in content
    assert "Select how satisfied you are" in content
    assert "Select yes or no" in content
    assert f'href="#id_{_field("council", "satisfaction")}"' in content
    assert "<title>Error:" in content
    assert "The team listened." in content  # what was typed is kept
    assert not SurveyResponse.objects.exists()
    invitation.refresh_from_db()
    assert invitation.responded_at is None


def test_an_answer_outside_the_scale_is_refused(client):
    invitation = SurveyInvitationFactory()

    response = _post(client, invitation, {**COUNCIL_ANSWERS, ("council", "satisfaction"): "9"})

    assert "govuk-error-summary" in response.content.decode()
    assert not SurveyResponse.objects.exists()
