"""Figures computed from hand-built responses; each test works out its own answer."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from peerwork.impact.models import SurveyResponse
from peerwork.impact.surveys import selectors
from peerwork.offers.models import Offer
from tests.engagements.factories import EngagementFactory
from tests.impact.factories import respond

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_yes_no_figures_are_the_share_who_said_yes():
    engagement = EngagementFactory()
    respond(engagement, positive_impact=True, would_recommend=True)
    respond(engagement, positive_impact=True, would_recommend=False)
    respond(engagement, positive_impact=False)
    respond(engagement, positive_impact=True)

    figures = selectors.impact_figures(SurveyResponse.objects.all())

    assert figures["positive_impact"].answered == 4
    assert figures["positive_impact"].share_yes == pytest.approx(3 / 4)
    assert figures["would_recommend"].answered == 2
    assert figures["would_recommend"].share_yes == pytest.approx(1 / 2)


def test_the_scale_gives_a_mean_and_the_share_satisfied():
    engagement = EngagementFactory()
    for value in (5, 4, 2, 3, 5):
        respond(engagement, satisfaction=value)

    figure = selectors.impact_figures(SurveyResponse.objects.all())["satisfaction"]

    assert figure.answered == 5
    assert figure.mean == pytest.approx((5 + 4 + 2 + 3 + 5) / 5)
    assert figure.share_satisfied == pytest.approx(3 / 5)  # the 5, 4 and 5
    assert figure.share_yes is None


def test_no_answers_give_none_never_zero():
    engagement = EngagementFactory()
    respond(engagement, positive_impact=True)  # no one answered the satisfaction question

    figures = selectors.impact_figures(SurveyResponse.objects.all())
    empty = selectors.impact_figures(SurveyResponse.objects.none())

    assert figures["satisfaction"].answered == 0
    assert figures["satisfaction"].mean is None
    assert figures["satisfaction"].share_satisfied is None
    assert figures["more_confident"].share_yes is None
    assert set(empty) >= {"positive_impact", "satisfaction", "own_development", "comments"}
    assert all(f.answered == 0 for f in empty.values())
    assert all(f.share_yes is None and f.mean is None for f in empty.values())


def test_figures_count_only_the_responses_given():
    council = EngagementFactory()
    respond(council, positive_impact=True, satisfaction=5)
    respond(council, positive_impact=False, satisfaction=1)
    respond(council, "peer", own_development=True, satisfaction=4)

    councils = selectors.impact_figures(SurveyResponse.objects.filter(audience="council"))
    peers = selectors.impact_figures(SurveyResponse.objects.filter(audience="peer"))

    assert councils["satisfaction"].mean == pytest.approx(3)
    assert councils["satisfaction"].share_satisfied == pytest.approx(1 / 2)
    assert councils["own_development"].share_yes is None
    assert peers["satisfaction"].mean == pytest.approx(4)
    assert peers["own_development"].share_yes == pytest.approx(1)
    assert peers["positive_impact"].answered == 0


def test_a_year_runs_april_to_march_by_the_clock_in_london():
    engagement = EngagementFactory()
    # 00:30 on 1 April 2026 in London is still 31 March in UTC.
    first = respond(engagement, submitted_at=datetime.datetime(2026, 4, 1, 0, 30, tzinfo=LONDON))
    last = respond(engagement, submitted_at=datetime.datetime(2027, 3, 31, 23, 59, tzinfo=LONDON))
    respond(engagement, submitted_at=datetime.datetime(2026, 3, 31, 23, 59, tzinfo=LONDON))
    respond(engagement, submitted_at=datetime.datetime(2027, 4, 1, 0, 0, tzinfo=LONDON))

    year = selectors.responses_for_year(datetime.date(2026, 4, 1))

    assert set(year) == {first, last}


def test_comments_are_in_the_order_of_their_text_not_of_who_gave_them():
    engagement = EngagementFactory()
    respond(engagement, comments="Very useful")
    respond(engagement, comments="")
    respond(engagement, "peer", comments="an eye-opener")
    respond(engagement, comments="Brilliant team")

    assert selectors.comments(SurveyResponse.objects.all()) == [
        "an eye-opener",
        "Brilliant team",
        "Very useful",
    ]
    assert selectors.impact_figures(SurveyResponse.objects.all())["comments"].answered == 3


def test_an_offers_own_question_counts_under_its_key():
    from peerwork.impact.models import Answer, Question

    offer = Offer.objects.get(slug="mentoring")
    own = Question.objects.create(
        offer=offer, audience="council", kind="yes_no", key="positive_impact", text="Did it help?"
    )
    engagement = EngagementFactory(offer=offer)
    respond(engagement, positive_impact=False)
    Answer.objects.create(response=respond(engagement), question=own, value_bool=True)

    figure = selectors.impact_figures(SurveyResponse.objects.all())["positive_impact"]

    assert (figure.answered, figure.share_yes) == (2, pytest.approx(1 / 2))
