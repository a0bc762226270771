"""Managers choose each survey's questions; answered questions keep their meaning."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.impact.models import Question
from peerwork.impact.questions import services as questions
from peerwork.impact.questions.forms import QuestionForm
from peerwork.impact.surveys.selectors import questions_for
from peerwork.offers.models import Offer
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory
from tests.impact.factories import respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    return client


def test_a_manager_gives_an_offer_its_own_question_and_its_survey_asks_it(manager):
    offer = Offer.objects.get(slug="planning-peer-challenge")

    response = manager.post(
        reverse("impact:question-add"),
        {
            "offer": offer.pk,
            "audience": "council",
            "kind": "yes_no",
            "text": "Has the challenge sped up your planning decisions?",
            "key": "faster_decisions",
            "order": "1",
        },
    )

    assert response.status_code == 302
    assert [q.key for q in questions_for(offer, "council")] == ["faster_decisions"]
    listing = manager.get(reverse("impact:questions")).content.decode()
    assert "Has the challenge sped up your planning decisions?" in listing


def test_an_answered_question_keeps_its_kind_and_key_but_its_words_can_change(manager):
    question = Question.objects.get(offer=None, audience="council", key="positive_impact")
    respond(EngagementFactory(), positive_impact=True)

    manager.post(
        reverse("impact:question-edit", args=[question.pk]),
        {
            "offer": "",
            "audience": "peer",
            "kind": "text",
            "text": "Did the support make a positive difference to your council?",
            "key": "changed",
            "order": "0",
            "version": "1",
        },
    )

    question.refresh_from_db()
    assert question.text == "Did the support make a positive difference to your council?"
    assert (question.audience, question.kind, question.key) == (
        "council",
        "yes_no",
        "positive_impact",
    )


def test_a_key_the_defaults_count_another_way_is_refused(manager):
    offer = Offer.objects.get(slug="planning-peer-challenge")

    response = manager.post(
        reverse("impact:question-add"),
        {
            "offer": offer.pk,
            "audience": "council",
            "kind": "text",
            "text": "Positive impact?",
            "key": "positive_impact",
            "order": "1",
        },
    )

    assert "counts the key positive_impact with another kind of answer" in response.content.decode()
    assert not Question.objects.filter(offer=offer).exists()


def test_a_question_without_words_is_explained(manager):
    response = manager.post(
        reverse("impact:question-add"),
        {"offer": "", "audience": "council", "kind": "yes_no", "text": "", "key": "x", "order": 1},
    )

    assert "Enter the question" in response.content.decode()


@pytest.mark.parametrize("role", [Role.PRINCIPAL_ADVISER, Role.BOARD_MEMBER, Role.PEER])
def test_only_managers_change_questions(client, role):
    client.force_login(UserFactory(role=role))

    assert client.get(reverse("impact:questions")).status_code == 403


def test_a_stale_edit_of_a_question_changes_nothing(manager):
    question = Question.objects.get(offer=None, audience="peer", key="own_development")
    Question.objects.filter(pk=question.pk).update(text="Changed meanwhile", version=2)

    response = manager.post(
        reverse("impact:question-edit", args=[question.pk]),
        {
            "offer": "",
            "audience": "peer",
            "kind": "yes_no",
            "text": "My words",
            "key": "own_development",
            "order": "5",
            "version": "1",
        },
    )

    assert "Someone else changed this question" in response.content.decode()
    question.refresh_from_db()
    assert question.text == "Changed meanwhile"


def test_a_question_answered_while_it_was_being_edited_keeps_its_meaning():
    question = Question.objects.get(offer=None, audience="council", key="positive_impact")
    form = QuestionForm(
        {
            "offer": "",
            "audience": "council",
            "kind": "yes_no",
            "text": question.text,
            "key": "renamed",
            "order": question.order,
            "version": question.version,
        },
        instance=question,
        answered=False,
    )
    assert form.is_valid()
    respond(EngagementFactory(), positive_impact=True)

    with pytest.raises(ValidationError, match="answered since you opened it"):
        questions.question_save(
            by=UserFactory(role=Role.PROGRAMME_STAFF),
            question=question,
            fields={k: v for k, v in form.cleaned_data.items() if k != "version"},
            expected_version=str(form.cleaned_data["version"]),
        )

    question.refresh_from_db()
    assert (question.key, question.version) == ("positive_impact", 1)
