"""Who is sent a survey, and when."""

import pytest
from django.core import mail

from peerwork.accounts.models import Role
from peerwork.engagements import services as engagement_services
from peerwork.engagements.models import Engagement, MemberStatus
from peerwork.impact.models import Question, SurveyContact, SurveyInvitation
from peerwork.impact.surveys import services
from peerwork.offers.models import Offer, Stage
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


def _at(engagement, status):
    Engagement.objects.filter(pk=engagement.pk).update(status=status)
    engagement.refresh_from_db()
    return engagement


def _move(engagement, to_status):
    return engagement_services.engagement_move(
        engagement=engagement,
        to_status=to_status,
        by=UserFactory(role=Role.PROGRAMME_STAFF),
        expected_version=engagement.version,
    )


@pytest.fixture
def engagement():
    engagement = EngagementFactory(contact_name="Chris Contact", contact_email="Chris@Example.org")
    TeamMemberFactory(
        engagement=engagement,
        place=1,
        status=MemberStatus.ACCEPTED,
        peer=PeerFactory(full_name="Ada Accepted", email="ada@example.org"),
    )
    TeamMemberFactory(
        engagement=engagement,
        place=2,
        status=MemberStatus.DECLINED,
        peer=PeerFactory(full_name="Dan Declined", email="dan@example.org"),
    )
    TeamMemberFactory(
        engagement=engagement,
        place=2,
        status=MemberStatus.ACCEPTED,
        peer=PeerFactory(full_name="Bea Accepted", email="bea@example.org"),
    )
    return engagement


def _invited(engagement):
    return sorted(
        SurveyInvitation.objects.filter(engagement=engagement).values_list(
            "email", "audience", "role"
        )
    )


def test_the_associations_default_questions_are_installed():
    defaults = Question.objects.filter(offer=None)

    council = list(defaults.filter(audience="council").values_list("key", "kind"))
    peer = list(defaults.filter(audience="peer").values_list("key", "kind"))

    assert council == [
        ("positive_impact", "yes_no"),
        ("satisfaction", "scale5"),
        ("more_confident", "yes_no"),
        ("would_recommend", "yes_no"),
        ("comments", "text"),
    ]
    assert peer == [("own_development", "yes_no"), ("satisfaction", "scale5"), ("comments", "text")]
    assert defaults.get(key="positive_impact").text == (
        "Has the support had a positive impact on your authority?"
    )


def test_an_offer_with_its_own_questions_asks_those_instead():
    from peerwork.impact.surveys.selectors import questions_for

    offer = Offer.objects.get(slug="mentoring")
    own = Question.objects.create(
        offer=offer, audience="council", kind="yes_no", key="positive_impact", text="Did it help?"
    )

    assert list(questions_for(offer, "council")) == [own]
    assert [q.key for q in questions_for(offer, "peer")][0] == "own_development"


def test_closing_invites_the_contact_and_the_accepted_peers_only(
    engagement, django_capture_on_commit_callbacks
):
    _at(engagement, Stage.PROGRESS_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        _move(engagement, Stage.CLOSED)

    assert _invited(engagement) == [
        ("ada@example.org", "peer", "peer"),
        ("bea@example.org", "peer", "peer"),
        ("chris@example.org", "council", "chief_executive"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada@example.org",
        "bea@example.org",
        "chris@example.org",
    ]
    invitation = SurveyInvitation.objects.get(email="ada@example.org")
    message = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert f"http://127.0.0.1:8000/surveys/{invitation.token}/" in message.body
    assert (invitation.closes_at - invitation.sent_at).days == 56


def test_no_survey_before_the_engagement_closes(engagement):
    _at(engagement, Stage.DELIVERY)

    _move(engagement, Stage.FEEDBACK_GIVEN)  # a peer challenge: its report comes next

    assert not SurveyInvitation.objects.exists()


def test_sending_twice_invites_no_one_twice(engagement, django_capture_on_commit_callbacks):
    _at(engagement, Stage.CLOSED)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.surveys_send(engagement)
        second = services.surveys_send(engagement)

    assert len(first) == 3
    assert second == []
    assert SurveyInvitation.objects.count() == 3
    assert len(mail.outbox) == 3


def test_a_recorded_leader_is_invited_and_a_peer_who_is_also_the_contact_once(engagement):
    SurveyContact.objects.create(
        engagement=engagement, role="leader", name="Lee Leader", email="lee@example.org"
    )
    TeamMemberFactory(
        engagement=engagement,
        place=3,
        status=MemberStatus.ACCEPTED,
        peer=PeerFactory(email="chris@example.org"),
    )
    _at(engagement, Stage.CLOSED)

    services.surveys_send(engagement)

    assert _invited(engagement) == [
        ("ada@example.org", "peer", "peer"),
        ("bea@example.org", "peer", "peer"),
        ("chris@example.org", "council", "chief_executive"),
        ("lee@example.org", "council", "leader"),
    ]


def test_a_remote_panel_surveys_after_its_feedback_and_not_again_on_closing(
    django_capture_on_commit_callbacks,
):
    panel = EngagementFactory(offer=Offer.objects.get(slug="recovery-and-renewal-panel"))
    TeamMemberFactory(engagement=panel, status=MemberStatus.ACCEPTED)
    panel = _at(panel, Stage.DELIVERY)

    with django_capture_on_commit_callbacks(execute=True):
        panel = _move(panel, Stage.FEEDBACK_GIVEN)
    assert SurveyInvitation.objects.filter(engagement=panel).count() == 2
    assert len(mail.outbox) == 2

    with django_capture_on_commit_callbacks(execute=True):
        _move(panel, Stage.CLOSED)
    assert SurveyInvitation.objects.filter(engagement=panel).count() == 2
    assert len(mail.outbox) == 2


def test_an_engagement_that_did_not_take_place_is_not_surveyed(engagement):
    engagement_services.engagement_move(
        engagement=engagement,
        to_status="withdrawn",
        by=UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council),
        reason="Not this year",
        expected_version=engagement.version,
    )

    assert not SurveyInvitation.objects.exists()
