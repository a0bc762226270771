"""The annual report's figures are computed once and kept until a record behind them
changes (peerwork.impact.annual.kept)."""

import contextlib
import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.core.signals import bulk_written
from peerwork.impact.annual import kept
from peerwork.impact.annual.figures import annual_report
from peerwork.impact.models import FiguresGeneration, KeptFigures, Target
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
    Saving,
)
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.impact.factories import respond
from tests.impact.test_annual import at, delivered, session
from tests.peers.factories import PeerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Two peer challenges delivered in 2019/20, with a peer on one team."""
    council = CouncilFactory(short_name="Lowmoor")
    first = delivered(council, "corporate-peer-challenge", datetime.date(2019, 6, 3))
    delivered(CouncilFactory(), "finance-peer-challenge", datetime.date(2019, 9, 3))
    first.team.create(
        place=1,
        role="Lead peer",
        peer=PeerFactory(full_name="Robin Lead"),
        status="accepted",
        days=4,
        invited_by=UserFactory(role=Role.PROGRAMME_STAFF),
    )
    return council


def _page(client, year=2019):
    return client.get(reverse("impact:annual", args=[year]))


def _peer_challenges(page) -> int:
    return page.context["report"].value("peer_challenges")


def test_the_second_request_reads_the_kept_figures_with_a_handful_of_queries(
    client, records, django_assert_max_num_queries
):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    with CaptureQueriesContext(connection) as first:
        computed = _page(client)

    with django_assert_max_num_queries(8):
        again = _page(client)

    assert len(first) > 100
    assert _peer_challenges(computed) == _peer_challenges(again) == 2
    assert again.context["report"] == computed.context["report"]


def test_a_change_behind_a_figure_shows_on_the_next_page(
    client, records, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    assert _peer_challenges(_page(client)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        delivered(records, "corporate-peer-challenge", datetime.date(2019, 11, 5))

    assert _peer_challenges(_page(client)) == 3


def test_deleting_a_record_behind_a_figure_shows_on_the_next_page(
    client, records, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    assert _page(client).context["report"].value("peers_used") == 1

    with django_capture_on_commit_callbacks(execute=True):
        records.engagements.get(offer__slug="corporate-peer-challenge").team.get().delete()

    assert _page(client).context["report"].value("peers_used") == 0


def test_a_change_to_a_programme_record_through_a_relation_shows_on_the_next_page(
    client, records, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    bid = HousingBid.objects.create(
        council=records, title="Homes", submitted_on=datetime.date(2018, 4, 2)
    )
    project = HousingProject.objects.create(
        bid=bid, title="Homes", started_on=datetime.date(2019, 5, 1)
    )
    before = _page(client).context["report"].line("reach_housing_share").now

    with django_capture_on_commit_callbacks(execute=True):
        project.councils.add(records)

    after = _page(client).context["report"].line("reach_housing_share").now
    assert (before.value, after.value) == (0, 1 / after.base)


def test_a_bulk_write_to_a_watched_model_makes_the_figures_stale(
    django_capture_on_commit_callbacks,
):
    generation = kept._generation()

    with django_capture_on_commit_callbacks(execute=True):
        bulk_written.send(sender=HousingSurveyResponse)
        bulk_written.send(sender=HousingSurveyResponse)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_written.send(sender=Target)  # not behind the figures

    # One raise for the transaction, however many records it wrote.
    assert kept._generation() == generation + 1


def test_a_change_rolled_back_leaves_the_figures_kept(records, django_capture_on_commit_callbacks):
    kept.annual_report_kept(2019)
    generation = kept._generation()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        delivered(records, "corporate-peer-challenge", datetime.date(2019, 11, 5))
        raise RuntimeError

    assert callbacks == []
    assert kept._generation() == generation


def test_figures_read_while_a_change_committed_are_not_kept(records, monkeypatch):
    def computed_while_someone_saves(year, **kwargs):
        report = annual_report(year, **kwargs)
        kept._raise_generation()  # another process's change commits meanwhile
        return report

    monkeypatch.setattr(kept, "annual_report", computed_while_someone_saves)

    report = kept.annual_report_kept(2019)

    assert report.value("peer_challenges") == 2
    assert not KeptFigures.objects.exists()


def test_a_year_still_running_is_computed_again_when_its_next_session_ends(records):
    coming = delivered(records, "finance-peer-challenge", datetime.date(2020, 2, 10))
    ends = coming.sessions.get().ends_at
    before = ends - datetime.timedelta(hours=1)

    assert kept.annual_report_kept(2019, now=before).value("peer_challenges") == 2
    assert KeptFigures.objects.get().valid_until == ends
    assert kept.annual_report_kept(2019, now=before).value("peer_challenges") == 2
    assert (
        kept.annual_report_kept(2019, now=ends + datetime.timedelta(hours=1)).value(
            "peer_challenges"
        )
        == 3
    )


def test_kept_figures_are_the_numbers_computed(records):
    Saving.objects.create(
        council=records,
        kind="saving",
        amount=Decimal("1000000.50"),
        description="Shared waste contract",
        verified_on=datetime.date(2019, 5, 1),
    )
    computed = kept.annual_report_kept(2019)
    KeptFigures.objects.get()  # kept

    again = kept.annual_report_kept(2019)

    assert again == computed
    assert again.value("savings_total") == Decimal("1000000.50")
    assert [type(line.now.value) for line in again.lines] == [
        type(line.now.value) for line in computed.lines
    ]


def test_figures_kept_by_a_release_that_counted_otherwise_are_computed_again(records):
    kept.annual_report_kept(2019)
    KeptFigures.objects.update(data={"rules": "an older release", "lines": []})

    assert kept.annual_report_kept(2019).value("peer_challenges") == 2


def test_the_pdf_is_drawn_once_for_each_version_of_the_figures(
    client, records, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(UserFactory(role=Role.BOARD_MEMBER))
    url = reverse("impact:annual-download", args=[2019, "pdf"])
    first = client.get(url).getvalue()
    [before] = default_storage.listdir("impact/annual/2019")[1]

    def not_drawn(html):
        raise AssertionError("drawn again")

    with monkeypatch.context() as patched:
        patched.setattr("peerwork.core.pdfs.pdf_drawn", not_drawn)
        response = client.get(url)
        assert response.getvalue() == first
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'inline; filename="annual-report-2019-20.pdf"'

    with django_capture_on_commit_callbacks(execute=True):
        delivered(records, "corporate-peer-challenge", datetime.date(2019, 11, 5))
    assert client.get(url).getvalue() != first
    [after] = default_storage.listdir("impact/annual/2019")[1]
    assert after != before


# Every table the figures read is watched --------------------------------------------


@pytest.fixture
def every_kind_of_record(records):
    """At least one record of every kind the figures count, in 2019/20."""
    council = records
    engagement = delivered(council, "corporate-peer-challenge", datetime.date(2019, 7, 1))
    session(engagement, "progress_review", datetime.date(2019, 12, 1))
    respond(engagement, submitted_at=at(datetime.date(2019, 8, 1)), positive_impact=True)
    cohort = LeadershipCohort.objects.create(
        programme="academy", name="Autumn 2019", starts_on=datetime.date(2019, 10, 1), places=3
    )
    LeadershipParticipant.objects.create(
        cohort=cohort, full_name="A", council=council, enrolled=True
    )
    intake = NgdpCohort.objects.create(
        intake_year=2020,
        name="C22",
        applications=9,
        recruitment_closed_on=datetime.date(2020, 1, 1),
    )
    NgdpPlacement.objects.create(
        cohort=intake, graduate_name="G", council=council, started_on=datetime.date(2019, 9, 2)
    )
    Saving.objects.create(
        council=council,
        kind="saving",
        amount=Decimal("100.00"),
        description="d",
        verified_on=datetime.date(2019, 5, 1),
    )
    ExpertEngagement.objects.create(
        council=council, expert_name="E", topic="Waste", started_on=datetime.date(2019, 5, 1)
    )
    ClimateParticipation.objects.create(
        council=council, activity="training", took_part_on=datetime.date(2019, 7, 1)
    )
    bid = HousingBid.objects.create(
        council=council, title="Homes", submitted_on=datetime.date(2019, 4, 2)
    )
    project = HousingProject.objects.create(
        bid=bid, title="Homes for all", started_on=datetime.date(2019, 5, 1)
    )
    project.councils.add(council)
    HousingSurveyResponse.objects.create(
        project=project, submitted_on=datetime.date(2019, 12, 1), lasting_positive_impact=True
    )
    return council


def test_every_table_the_figures_read_is_watched(every_kind_of_record):
    tables = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    with CaptureQueriesContext(connection) as queries:
        report = annual_report(2019)
    read = {
        name
        for query in queries
        for name in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"])
        if name in tables
    }

    assert report.has_data()
    assert all(line.now.value is not None for line in report.lines if "reach" in line.key)
    unwatched = {tables[name]._meta.label for name in read} - {
        model._meta.label for model in kept.WATCHED
    }
    assert unwatched == set()
    assert FiguresGeneration.objects.count() <= 1
