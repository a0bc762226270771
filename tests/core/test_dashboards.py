import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.engagements.models import Booking
from peerwork.home import dashboards
from peerwork.offers.models import Offer
from peerwork.reports.models import Action, Recommendation, Report, Section
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory, RegionFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2027, 9, 1)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _delivered(end: datetime.date, **extra):
    """An engagement whose on-site days ended on `end`, so its deadlines count from it."""
    extra.setdefault("status", "report_drafting")
    engagement = EngagementFactory(**extra)
    SessionFactory(engagement=engagement, starts_at=_at(end, 9), ends_at=_at(end, 17))
    return engagement


def _action(engagement, due_on, published_on):
    report = Report.objects.create(
        engagement=engagement,
        kind=Report.Kind.REPORT,
        status=Report.Status.PUBLISHED,
        sent_for_check_at=_at(published_on),
        published_at=_at(published_on),
        action_plan_published_at=_at(published_on),
    )
    section = Section.objects.create(report=report, heading="Capacity for improvement")
    recommendation = Recommendation.objects.create(section=section, text="Invest in data")
    return Action.objects.create(
        recommendation=recommendation,
        action="Appoint a head of data",
        owner="Chief executive",
        due_on=due_on,
    )


def _offer(slug):
    return Offer.objects.get(slug=slug)


# Programme staff and administrators


@pytest.mark.django_db
def test_a_manager_sees_their_own_engagements_counted_by_stage():
    manager = UserFactory(role=Role.PROGRAMME_STAFF)
    EngagementFactory(manager=manager, status="delivery")
    EngagementFactory(manager=manager, status="delivery")
    EngagementFactory(manager=manager, status="scoping")
    EngagementFactory(manager=UserFactory(role=Role.PROGRAMME_STAFF), status="preparation")
    EngagementFactory(status="team_forming")

    sections = dashboards.sections_for(manager, today=TODAY)

    assert [(r["label"], r["count"]) for r in sections["my_engagements_by_stage"]] == [
        ("Scoping", 1),
        ("Delivery", 2),
    ]
    assert sections["my_engagements_by_stage"][1]["url"] == "/engagements/?status=delivery&mine=on"


@pytest.mark.django_db
def test_overdue_lists_every_unfinished_engagement_with_an_overdue_deadline_or_action():
    late_report = _delivered(datetime.date(2027, 7, 1))  # report was due 29 July
    on_time = _delivered(datetime.date(2027, 8, 20))  # report due 17 September
    late_action = _delivered(datetime.date(2027, 6, 1))
    _action(late_action, due_on=datetime.date(2027, 8, 1), published_on=datetime.date(2027, 6, 20))
    _delivered(datetime.date(2027, 7, 1), status="cancelled")

    sections = dashboards.sections_for(
        UserFactory(role=Role.ADMINISTRATOR), today=datetime.date(2027, 8, 2)
    )

    overdue = {o.engagement: o for o in sections["overdue"]}
    assert set(overdue) == {late_report, late_action}
    assert [d.key for d in overdue[late_report].deadlines] == ["report"]
    assert overdue[late_action].deadlines == [] and len(overdue[late_action].actions) == 1
    assert on_time not in overdue


@pytest.mark.django_db
def test_the_overdue_section_takes_the_same_queries_however_many_engagements():
    manager = UserFactory(role=Role.PROGRAMME_STAFF)
    _delivered(datetime.date(2027, 6, 1), manager=manager)
    assert manager.roles  # read once a request, when the signed-in user is loaded

    def queries():
        with CaptureQueriesContext(connection) as captured:
            dashboards.sections_for(manager, today=TODAY)
        return len(captured)

    few = queries()
    for month in (2, 3, 4, 5):
        engagement = _delivered(datetime.date(2027, month, 1), manager=manager)
        _action(
            engagement, due_on=datetime.date(2027, 8, 1), published_on=datetime.date(2027, 7, 1)
        )
    assert queries() == few


@pytest.mark.django_db
def test_a_manager_home_page_links_each_stage_and_each_overdue_engagement(client, sign_in):
    manager = sign_in(Role.PROGRAMME_STAFF)
    late = _delivered(timezone.localdate() - datetime.timedelta(weeks=8), manager=manager)

    page = client.get(reverse("home:home")).content.decode()

    assert "My engagements by stage" in page
    assert 'href="/engagements/?status=report_drafting&amp;mine=on"' in page
    assert "Overdue" in page and f'href="/engagements/{late.pk}/"' in page
    assert "Report to the council (due" in page
    assert "Find peers in the pool" in page  # what was there before stays


# Principal advisers


@pytest.fixture
def adviser_region(db):
    adviser = UserFactory(role=Role.PRINCIPAL_ADVISER)
    region = RegionFactory(name="North East")
    region.principal_advisers.add(adviser)
    return adviser, region


@pytest.mark.django_db
def test_an_adviser_sees_requests_waiting_in_their_regions_only(adviser_region):
    adviser, region = adviser_region
    ours = EngagementFactory(council=CouncilFactory(region=region))
    EngagementFactory(council=CouncilFactory(region=RegionFactory(name="London")))
    EngagementFactory(council=CouncilFactory(region=region), status="scoping")

    assert dashboards.sections_for(adviser, today=TODAY)["waiting"].rows == [ours]


@pytest.mark.django_db
def test_an_adviser_sees_the_councils_in_their_regions_never_challenged(adviser_region):
    adviser, region = adviser_region
    untouched = CouncilFactory(region=region, short_name="Aville")
    declined_only = CouncilFactory(region=region, short_name="Bton")
    EngagementFactory(council=declined_only, status="declined")
    challenged = CouncilFactory(region=region, short_name="Cford")
    EngagementFactory(council=challenged, offer=_offer("finance-peer-challenge"), status="closed")
    CouncilFactory(region=region, short_name="Dby", end_date=datetime.date(2020, 3, 31))
    CouncilFactory(region=RegionFactory(name="London"), short_name="Elsewhere")

    never = dashboards.sections_for(adviser, today=TODAY)["never_challenged"]

    assert never == [untouched, declined_only]


@pytest.mark.django_db
def test_an_adviser_sees_councils_due_a_corporate_peer_challenge_in_the_offers_cycle(
    adviser_region,
):
    adviser, region = adviser_region
    never = CouncilFactory(region=region, short_name="Aville")
    lapsed = CouncilFactory(region=region, short_name="Bton")
    EngagementFactory(council=lapsed, status="closed", preferred_from=datetime.date(2022, 8, 31))
    EngagementFactory(council=lapsed, status="withdrawn", preferred_from=datetime.date(2026, 5, 1))
    recent = CouncilFactory(region=region, short_name="Cford")
    EngagementFactory(council=recent, status="closed", preferred_from=datetime.date(2022, 9, 1))
    finance_only = CouncilFactory(region=region, short_name="Dby")
    EngagementFactory(council=finance_only, offer=_offer("finance-peer-challenge"), status="closed")

    sections = dashboards.sections_for(adviser, today=TODAY)

    assert [(c, c.last_cpc) for c in sections["cpc_due"]] == [
        (never, None),
        (lapsed, datetime.date(2022, 8, 31)),
        (finance_only, None),
    ]


@pytest.mark.django_db
def test_a_shorter_cycle_makes_more_councils_due(adviser_region):
    adviser, region = adviser_region
    Offer.objects.filter(slug="corporate-peer-challenge").update(entitlement_cycle_years=3)
    council = CouncilFactory(region=region)
    EngagementFactory(council=council, status="closed", preferred_from=datetime.date(2024, 1, 1))

    assert dashboards.sections_for(adviser, today=TODAY)["cpc_due"] == [council]


@pytest.mark.django_db
def test_an_adviser_home_page_shows_their_three_lists(client, adviser_region):
    adviser, region = adviser_region
    waiting = EngagementFactory(council=CouncilFactory(region=region, short_name="Aville"))
    untouched = CouncilFactory(region=region, short_name="Bton")
    client.force_login(adviser)

    page = client.get(reverse("home:home")).content.decode()

    assert "Requests waiting in your regions" in page
    assert f'href="/engagements/{waiting.pk}/"' in page
    assert "Councils in your regions never challenged" in page
    assert page.count(f'href="/councils/{untouched.code}/"') == 2  # never challenged, and due
    assert "Councils due a Corporate Peer Challenge" in page and "Never" in page


# Council contacts


@pytest.mark.django_db
def test_a_council_contact_sees_what_their_council_owes_and_nothing_of_another_council(
    client, sign_in
):
    contact = sign_in(Role.COUNCIL_CONTACT)
    today = timezone.localdate()
    # Delivered ten weeks ago: the report went for its check, the action plan is due soon.
    ours = _delivered(
        today - datetime.timedelta(weeks=12) + datetime.timedelta(days=5), council=contact.council
    )
    Report.objects.create(
        engagement=ours,
        kind=Report.Kind.REPORT,
        status=Report.Status.ACCURACY_CHECK,
        sent_for_check_at=timezone.now(),
    )
    earlier = _delivered(today - datetime.timedelta(days=400), council=contact.council)
    _action(earlier, due_on=today - datetime.timedelta(days=3), published_on=today.replace(day=1))
    theirs = _delivered(
        today - datetime.timedelta(weeks=12),
        status="delivery",
        council=CouncilFactory(short_name="Othertown"),
    )
    Report.objects.create(
        engagement=theirs, kind=Report.Kind.REPORT, status=Report.Status.ACCURACY_CHECK
    )

    sections = dashboards.sections_for(contact)
    page = client.get(reverse("home:home")).content.decode()

    assert set(sections["our_engagements"]) == {ours, earlier}
    assert [r.engagement for r in sections["accuracy_checks"]] == [ours]
    owed = {o.engagement: o for o in sections["we_owe"]}
    assert [d.key for d in owed[ours].deadlines] == ["action_plan", "action_plan_latest"]
    assert [a.action for a in owed[earlier].actions] == ["Appoint a head of data"]
    assert all(d.owner == "council" for o in owed.values() for d in o.deadlines)
    assert "Our engagements" in page and "What we owe" in page
    assert "waiting for your factual-accuracy check" in page
    assert "Report and action plan published by" in page and "Due soon" in page
    assert "Appoint a head of data" in page
    assert f"/engagements/{ours.pk}/" in page
    assert f"/engagements/{theirs.pk}/" not in page
    assert theirs.council.short_name not in page


@pytest.mark.django_db
def test_a_council_contact_with_nothing_owed_is_told_so(client, sign_in):
    contact = sign_in(Role.COUNCIL_CONTACT)
    EngagementFactory(council=contact.council)

    page = client.get(reverse("home:home")).content.decode()

    assert "Nothing is waiting for your council." in page


# Peers


@pytest.mark.django_db
def test_a_peer_sees_their_invitations_waiting_for_an_answer(client, sign_in):
    user = sign_in(Role.PEER)
    peer = PeerFactory(user=user, email=user.email)
    waiting = TeamMemberFactory(peer=peer)
    TeamMemberFactory(peer=peer, status="declined")
    TeamMemberFactory(engagement=waiting.engagement, place=2)  # someone else's

    sections = dashboards.sections_for(user)
    page = client.get(reverse("home:home")).content.decode()

    assert sections["invitations"] == [waiting]
    assert reverse("engagements:invitation", args=[waiting.token]) in page
    assert page.count("/engagements/invitations/") == 1


@pytest.mark.django_db
def test_a_peer_sees_their_upcoming_booked_sessions_with_calendar_links(client, sign_in):
    user = sign_in(Role.PEER)
    peer = PeerFactory(user=user, email=user.email)
    member = TeamMemberFactory(peer=peer, status="accepted")
    soon = timezone.now() + datetime.timedelta(days=10)
    past = timezone.now() - datetime.timedelta(days=10)

    def booked(starts, live=True, cancelled=False):
        session = SessionFactory(
            engagement=member.engagement,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            cancelled=cancelled,
        )
        Booking.objects.create(
            peer=peer, session=session, starts_at=starts, ends_at=session.ends_at, live=live
        )
        return session

    upcoming = booked(soon)
    booked(past)
    booked(soon + datetime.timedelta(days=1), live=False, cancelled=True)

    sections = dashboards.sections_for(user)
    page = client.get(reverse("home:home")).content.decode()

    assert [b.session for b in sections["upcoming_bookings"]] == [upcoming]
    calendar = reverse("engagements:session-calendar", args=[member.engagement.pk, upcoming.pk])
    assert calendar in page and page.count(".ics") == 1
    assert client.get(calendar).status_code == 200


# Board members


@pytest.mark.django_db
def test_a_board_member_sees_the_year_so_far_against_the_targets(client, sign_in):
    from peerwork.impact.models import Target

    board = sign_in(Role.BOARD_MEMBER)
    Target.objects.create(year=2027, figure="peer_challenges", value=4, due_quarter=4)
    engagement = EngagementFactory(status="closed")
    SessionFactory(
        engagement=engagement,
        kind="on_site",
        starts_at=timezone.make_aware(datetime.datetime(2027, 6, 1, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2027, 6, 1, 17)),
    )

    sections = dashboards.sections_for(board, today=TODAY)
    page = client.get(reverse("home:home")).content.decode()

    # Quarter 2 of 4: two of the four expected by now, and one held.
    [line] = sections["board_return"]
    assert (sections["board_quarter"], line.expected, line.result.value) == (2, 2, 1)
    assert line.status == "red"
    assert "Targets for" in page
    assert "See the support the programme offers councils" in page
    assert "What we owe" not in page and "Overdue" not in page


@pytest.mark.django_db
def test_staff_who_are_also_advisers_see_both_parts_of_the_dashboard():
    both = UserFactory(roles=(Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER))

    sections = dashboards.sections_for(both, today=TODAY)

    assert "waiting" in sections and "never_challenged" in sections  # the adviser's part
    assert "overdue" in sections  # the manager's part


# Lists that grow with the years: a short list on the home page, the whole on its own page


@pytest.mark.django_db
def test_a_long_overdue_section_shows_ten_and_links_to_every_overdue_engagement(client, sign_in):
    from tests.pagination import assert_paginates

    sign_in(Role.PROGRAMME_STAFF)
    late = timezone.localdate() - datetime.timedelta(weeks=8)
    for _ in range(53):
        _delivered(late)

    home = client.get(reverse("home:home"))
    sections = home.context["dashboard"]

    assert len(sections["overdue"].rows) == 10 and sections["overdue"].total == 53
    assert len(sections["overdue_table"].rows) == 10
    assert 'href="/engagements/overdue/"' in home.content.decode()
    assert "See all 53 overdue engagements" in home.content.decode()
    assert_paginates(client, reverse("home:overdue"), per_page=50)


@pytest.mark.django_db
def test_a_short_overdue_section_has_no_link_to_more(client, sign_in):
    sign_in(Role.PROGRAMME_STAFF)
    _delivered(timezone.localdate() - datetime.timedelta(weeks=8))

    page = client.get(reverse("home:home")).content.decode()

    assert "Report to the council (due" in page
    assert "/engagements/overdue/" not in page


@pytest.mark.django_db
def test_an_advisers_long_queue_links_to_the_requests_in_their_regions(client, adviser_region):
    adviser, region = adviser_region
    EngagementFactory.create_batch(11, council=CouncilFactory(region=region))
    client.force_login(adviser)

    page = client.get(reverse("home:home"))

    assert len(page.context["dashboard"]["waiting"].rows) == 10
    assert "See all 11 requests waiting" in page.content.decode()
    assert 'href="/engagements/?status=requested&amp;my_regions=on"' in page.content.decode()


@pytest.mark.django_db
def test_a_council_with_many_engagements_sees_the_latest_and_a_link_to_all(client, sign_in):
    contact = sign_in(Role.COUNCIL_CONTACT)
    EngagementFactory.create_batch(12, council=contact.council, status="closed")

    page = client.get(reverse("home:home"))

    ours = page.context["dashboard"]["our_engagements"]
    assert len(ours.rows) == 10 and ours.total == 12
    assert "See all 12 engagements" in page.content.decode()


@pytest.mark.django_db
def test_the_home_page_takes_the_same_queries_however_long_its_lists(client, adviser_region):
    adviser, region = adviser_region
    council = CouncilFactory(region=region)
    EngagementFactory.create_batch(11, council=council)
    client.force_login(adviser)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("home:home"))
        return len(captured)

    few = queries()
    EngagementFactory.create_batch(30, council=council)
    assert queries() == few
