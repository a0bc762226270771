"""The staff survey pages, and that no page tells who gave which answer."""

import datetime
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.engagements.models import Engagement, MemberStatus
from peerwork.impact.models import Question, SurveyContact, SurveyInvitation
from peerwork.impact.surveys import selectors, services
from peerwork.offers.models import Offer, Stage
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, TeamMemberFactory
from tests.impact.factories import SurveyInvitationFactory, respond
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


def _this_year():
    return selectors.year_start(timezone.localdate()).year


def _answer_as(client, invitation, comment):
    questions = Question.objects.filter(offer=None, audience=invitation.audience)
    data = {}
    for question in questions:
        name = f"question-{question.pk}"
        data[name] = {"yes_no": "yes", "scale5": "5", "text": comment}[question.kind]
    response = client.post(reverse("impact:survey", args=[invitation.token]), data)
    assert response.status_code == 302


def test_staff_see_the_years_figures_with_no_data_shown_as_such(client, sign_in):
    engagement = EngagementFactory()
    respond(engagement, positive_impact=True, satisfaction=4)
    respond(engagement, positive_impact=False, satisfaction=2)
    sign_in(Role.PROGRAMME_STAFF)

    content = client.get(reverse("impact:surveys")).content.decode()

    assert "2 responses" in content
    assert "50% said yes" in content  # one yes of two
    assert "50% satisfied (4 or 5); mean 3.0 out of 5" in content
    unanswered = content.split("Are you more confident of delivering your priorities?")[1]
    assert "No data" in unanswered.split("</tr>")[0]  # not 0%


def test_the_filters_choose_the_year_and_the_offer(client, sign_in):
    cpc = EngagementFactory()
    mentoring = EngagementFactory(offer=Offer.objects.get(slug="mentoring"))
    respond(cpc, positive_impact=True)
    respond(mentoring, positive_impact=False)
    last_year = timezone.now() - datetime.timedelta(days=400)
    respond(cpc, positive_impact=False, submitted_at=last_year)
    sign_in(Role.PRINCIPAL_ADVISER)
    url = reverse("impact:surveys")

    only_cpc = client.get(url, {"offer": "corporate-peer-challenge"}).content.decode()
    earlier = client.get(url, {"year": selectors.year_start(last_year.date()).year})

    assert "1 response" in only_cpc and "100% said yes" in only_cpc
    assert "0% said yes" in earlier.content.decode()


def test_a_year_with_no_responses_shows_no_data(client, sign_in):
    sign_in(Role.ADMINISTRATOR)

    content = client.get(reverse("impact:surveys")).content.decode()

    assert "0 responses" in content
    assert "No data" in content
    assert "said yes" not in content


def test_the_impact_page_does_not_reveal_who_answered(client, sign_in):
    engagement = EngagementFactory()
    invitation = SurveyInvitationFactory(
        engagement=engagement, name="Rowan Respondent", email="rowan@example.org"
    )
    _answer_as(client, invitation, "The challenge changed how we plan.")
    sign_in(Role.PROGRAMME_STAFF)

    impact = client.get(reverse("impact:surveys")).content.decode()

    assert "The challenge changed how we plan." in impact
    for revealing in ("Rowan Respondent", "rowan@example.org", engagement.council.short_name):
        assert revealing not in impact


def test_the_engagement_page_counts_answers_but_never_says_who_or_what(client, sign_in):
    engagement = EngagementFactory()
    answered = SurveyInvitationFactory(
        engagement=engagement, name="Rowan Respondent", email="rowan@example.org"
    )
    SurveyInvitationFactory(engagement=engagement, name="Sam Silent", email="sam@example.org")
    _answer_as(client, answered, "A secret comment")
    sign_in(Role.PROGRAMME_STAFF)

    response = client.get(reverse("impact:engagement-survey", args=[engagement.pk]))

    content = response.content.decode()
    rows = [row for row in content.split("<tr") if "Councils" in row]
    assert any(">2<" in row and ">1<" in row for row in rows)  # two sent, one answered
    assert "A secret comment" not in content
    assert "responded" not in content.lower() and "answered on" not in content.lower()
    # The two people's rows differ only in their names and emails.
    rowan = content.split("Rowan Respondent")[1].split("</tr>")[0]
    sam = content.split("Sam Silent")[1].split("</tr>")[0]
    assert rowan.replace("rowan@example.org", "EMAIL") == sam.replace("sam@example.org", "EMAIL")


def test_staff_add_a_leader_who_is_invited_at_once_once_surveys_have_gone_out(
    client, sign_in, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory()
    TeamMemberFactory(engagement=engagement, status=MemberStatus.ACCEPTED, peer=PeerFactory())
    Engagement.objects.filter(pk=engagement.pk).update(status=Stage.CLOSED)
    from peerwork.impact.surveys.services import surveys_send

    surveys_send(engagement)
    sign_in(Role.PROGRAMME_STAFF)
    url = reverse("impact:engagement-survey", args=[engagement.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"role": "leader", "name": "Lee Leader", "email": "Lee@Example.org"}
        )

    assert response.status_code == 302
    invitation = SurveyInvitation.objects.get(email="lee@example.org")
    assert (invitation.audience, invitation.role, invitation.name) == (
        "council",
        "leader",
        "Lee Leader",
    )
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert f"/surveys/{invitation.token}/" in mail.outbox[0].body


def test_a_contact_added_before_the_survey_waits_for_it(client, sign_in):
    engagement = EngagementFactory()
    sign_in(Role.PROGRAMME_STAFF)

    client.post(
        reverse("impact:engagement-survey", args=[engagement.pk]),
        {"role": "chief_executive", "name": "Casey Chief", "email": "casey@example.org"},
    )

    assert SurveyContact.objects.get().name == "Casey Chief"
    assert not SurveyInvitation.objects.exists()


def test_a_contact_form_with_mistakes_is_explained(client, sign_in):
    engagement = EngagementFactory(contact_email="chris@example.org")
    sign_in(Role.PROGRAMME_STAFF)
    url = reverse("impact:engagement-survey", args=[engagement.pk])

    empty = unescape(client.post(url, {}).content.decode())
    taken = client.post(url, {"role": "leader", "name": "Chris", "email": "chris@example.org"})

    for message in (
        "Select the person's role",
        "Enter the person's full name",
        "Enter the person's email address",
    ):
        assert message in empty
    assert "already on the survey list" in taken.content.decode()
    assert not SurveyContact.objects.exists()


@pytest.mark.parametrize("role", [Role.PEER, Role.COUNCIL_CONTACT, Role.BOARD_MEMBER])
def test_only_staff_open_the_staff_survey_pages(client, sign_in, role):
    engagement = EngagementFactory()
    sign_in(role)

    assert client.get(reverse("impact:surveys")).status_code == 403
    assert client.get(reverse("impact:engagement-survey", args=[engagement.pk])).status_code == 403


def test_only_administrators_can_trace_a_response_to_its_author(client):
    invitation = SurveyInvitationFactory(name="Tracey Sentinel-Author")
    questions = Question.objects.filter(offer=None, audience="council")
    services.survey_answer(
        invitation=invitation,
        answers={
            q: (True if q.kind == "yes_no" else 4 if q.kind == "scale5" else "") for q in questions
        },
    )
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    assert client.get(reverse("impact:survey-trace")).status_code == 403
    surveys = client.get(reverse("impact:surveys"))
    assert "Sentinel-Author" not in surveys.content.decode()

    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    page = client.get(reverse("impact:survey-trace"), {"q": invitation.email})

    assert "Tracey Sentinel-Author" in page.content.decode()
    assert "positive_impact: yes" in page.content.decode()
