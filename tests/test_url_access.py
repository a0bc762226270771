"""Every URL pattern, opened by every role: exactly the expected people may see it."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.councils.models import Party
from peerwork.impact.models import Question, Target
from peerwork.peers.models import DiversityRecord, PeerApplication
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import (
    DocumentFactory,
    EngagementFactory,
    SessionFactory,
    TeamMemberFactory,
)
from tests.peers.factories import MemberPeerFactory, PeerFactory
from tests.programmes.factories import LeadershipParticipantFactory

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Role.values]
STAFF = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER}
MANAGERS = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF}
SIGNED_IN = set(Role.values)
CASE = STAFF | {Role.COUNCIL_CONTACT}
EVERYONE = {ANONYMOUS, *Role.values}
# The annual report and the quarterly return: staff and the board.
READERS = STAFF | {Role.BOARD_MEMBER}

# url name -> who may open it with GET. Anyone else gets the sign-in page (when
# anonymous) or the 403 page (when signed in).
ACCESS = {
    "home:home": EVERYONE,
    "home:overdue": MANAGERS,
    "home:my-data": SIGNED_IN,
    "home:my-data-json": SIGNED_IN,
    "home:erase-user": {Role.ADMINISTRATOR},
    "home:erase-peer": {Role.ADMINISTRATOR},
    "core:accessibility": EVERYONE,
    "core:privacy": EVERYONE,
    "core:cookies": EVERYONE,
    "core:health": EVERYONE,
    "accounts:sign-in": EVERYONE,
    "accounts:password-reset": EVERYONE,
    "accounts:password-reset-sent": EVERYONE,
    "accounts:password-reset-confirm": EVERYONE,
    "accounts:password-reset-complete": EVERYONE,
    "accounts:accept-invitation": EVERYONE,
    "accounts:password-change": SIGNED_IN,
    "accounts:account": SIGNED_IN,
    "accounts:two-factor-setup": SIGNED_IN,
    # Opened by someone without two-factor sign-in: sent to set it up first.
    "accounts:two-factor-recovery-codes": SIGNED_IN,
    # The code after the password: with no password given in the session, sign in first.
    "accounts:two-factor-challenge": EVERYONE,
    "accounts:users": MANAGERS,
    "accounts:user-invite": MANAGERS,
    "accounts:user-edit": MANAGERS,
    "audit:log": {Role.ADMINISTRATOR},
    "councils:list": STAFF,
    "councils:detail": STAFF,
    "councils:regions": STAFF,
    "councils:region": STAFF,
    "offers:list": EVERYONE,
    "offers:detail": EVERYONE,
    "offers:new": MANAGERS,
    "offers:edit": MANAGERS,
    "peers:list": STAFF,
    "peers:detail": STAFF,
    "peers:export-csv": STAFF,
    "peers:export-xlsx": STAFF,
    "peers:import": MANAGERS,
    "peers:edit": MANAGERS,
    "peers:history": MANAGERS,
    "peers:apply-start": EVERYONE,
    "peers:apply-step": EVERYONE,
    "peers:apply-check": EVERYONE,
    "peers:apply-sent": EVERYONE,
    "peers:applications": MANAGERS,
    "peers:application": MANAGERS,
    "peers:my-profile": {Role.PEER},
    "peers:my-profile-edit": {Role.PEER},
    "peers:my-skills": {Role.PEER},
    "peers:my-availability": {Role.PEER},
    "peers:my-interests": {Role.PEER},
    "peers:my-diversity-withdraw": {Role.PEER},
    "engagements:list": CASE,
    "engagements:request": CASE,
    "engagements:detail": CASE,
    "engagements:scoping": STAFF,
    "engagements:team": STAFF,
    "engagements:place": STAFF,
    "engagements:feedback": STAFF,
    "engagements:invitation": {Role.PEER},
    "engagements:sessions": STAFF,
    "engagements:session-change": STAFF,
    "engagements:session-calendar": CASE | {Role.PEER},
    "engagements:documents": CASE | {Role.PEER},
    "engagements:document": CASE | {Role.PEER},
    "engagements:panel": CASE,
    "matching:propose": STAFF,
    "matching:batch": STAFF,
    "matching:batch-run": STAFF,
    "reports:published-list": EVERYONE,
    "reports:published": EVERYONE,
    "reports:published-pdf": EVERYONE,
    "reports:report": CASE | {Role.PEER},
    "reports:section": CASE | {Role.PEER},
    "reports:action-plan": CASE,
    "reports:action": CASE,
    "impact:survey": EVERYONE,
    "impact:survey-thanks": EVERYONE,
    "impact:engagement-survey": STAFF,
    "impact:surveys": STAFF,
    "impact:survey-trace": {Role.ADMINISTRATOR},
    "impact:questions": MANAGERS,
    "impact:question-add": MANAGERS,
    "impact:question-edit": MANAGERS,
    "impact:annual-index": READERS,
    "impact:annual": READERS,
    "impact:annual-download": READERS,
    # The walk opens a diversity figure's records: special-category, so managers only.
    "impact:annual-records": MANAGERS,
    "impact:quarterly": READERS,
    "impact:target-add": MANAGERS,
    "impact:target-edit": MANAGERS,
    "programmes:index": STAFF,
    "programmes:list": STAFF,
    "programmes:add": MANAGERS,
    "programmes:edit": MANAGERS,
    "programmes:import": MANAGERS,
    "programmes:import-template": STAFF,
    "programmes:polling-trend": STAFF,
}
# Roles who may open the page, but only for their own records: the walk's record
# belongs to someone else, so they get "not found".
NOT_THEIRS = {
    "engagements:panel": ({Role.COUNCIL_CONTACT}, 404),
    "reports:report": ({Role.COUNCIL_CONTACT, Role.PEER}, 404),
    "reports:section": ({Role.COUNCIL_CONTACT, Role.PEER}, 404),
    "reports:action-plan": ({Role.COUNCIL_CONTACT}, 404),
    "reports:action": ({Role.COUNCIL_CONTACT}, 404),
    "engagements:detail": ({Role.COUNCIL_CONTACT}, 404),
    "engagements:invitation": ({Role.PEER}, 403),
    "engagements:session-calendar": ({Role.COUNCIL_CONTACT, Role.PEER}, 403),
    "engagements:documents": ({Role.COUNCIL_CONTACT, Role.PEER}, 404),
    "engagements:document": ({Role.COUNCIL_CONTACT, Role.PEER}, 404),
}
# Public steps of an application that send a visitor back to the start until the
# earlier questions are answered.
REDIRECTS_WHEN_ALLOWED = {
    "peers:apply-check": "/become-a-peer/",
    "peers:apply-sent": "/become-a-peer/",
    # Feedback on peers opens only once the engagement has given its feedback.
    "engagements:feedback": "/engagements/",
    "accounts:two-factor-recovery-codes": "/account/two-factor/",
    "accounts:two-factor-challenge": "/sign-in/",
}
# Pages that only take POST: a GET is refused for everyone.
POST_ONLY = {
    "engagements:shortlist-send": STAFF,
    "matching:repair": STAFF,
    "matching:batch-cancel": STAFF,
    "reports:start": STAFF,
    "reports:summary": CASE | {Role.PEER},
    "reports:comment": {Role.COUNCIL_CONTACT},
    "reports:resolve": STAFF,
    "reports:send": STAFF,
    "reports:publish": STAFF,
    "reports:action-plan-publish": CASE,
    "accounts:sign-out": SIGNED_IN,
    "accounts:user-unlock": {Role.ADMINISTRATOR},
    "accounts:user-two-factor-reset": {Role.ADMINISTRATOR},
    "peers:my-availability-remove": {Role.PEER},
    "peers:my-interests-withdraw": {Role.PEER},
    "engagements:move": CASE,
    "engagements:note": CASE,
    "engagements:session-cancel": STAFF,
    "engagements:documents-send": STAFF,
}


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_pattern_has_declared_access():
    assert set(_url_names()) == set(ACCESS) | set(POST_ONLY)


@pytest.fixture
def records(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    council = CouncilFactory()
    engagement = EngagementFactory(council=council)
    member = TeamMemberFactory(engagement=engagement)
    session = SessionFactory(engagement=engagement)
    document = DocumentFactory(engagement=engagement)
    report, draft, recommendation = _reports(engagement)
    return {
        "council": {"code": council.code},
        "region": {"slug": council.region.slug},
        "offer": {"slug": "corporate-peer-challenge"},
        "user": {"pk": UserFactory(role=Role.PEER).pk},
        "peer": {"pk": _member_peer_with_sentinel_party().pk},
        "token": {"uidb64": "MQ", "token": "not-a-token"},
        "step": {"step": "kind"},
        "application": {
            "pk": PeerApplication.objects.create(
                kind="officer",
                full_name="Ann Applicant",
                email="ann@example.org",
                home_council=council,
                home_role="chief_executive",
                skills={"finance": 2},
                experience="Chief executive",
            ).pk
        },
        "item": {"pk": 1},
        "engagement": {"pk": engagement.pk},
        "place": {"pk": engagement.pk, "number": 1},
        "member": {"pk": engagement.pk, "member_id": member.pk},
        "invitation": {"token": member.token},
        "session": {"pk": engagement.pk, "session_id": session.pk},
        "document": {"pk": engagement.pk, "document_id": document.pk},
        "published": {"report_id": report.pk},
        "batch": {"run_id": _batch_run(engagement).pk},
        "panel": {"pk": EngagementFactory(council=council, offer=_host_chooses()).pk},
        "report": {"pk": engagement.pk, "kind": report.kind},
        "section": {"pk": engagement.pk, "kind": draft.kind, "section_id": draft.sections.get().pk},
        "comment": {"pk": engagement.pk, "kind": report.kind, "comment_id": 1},
        "recommendation": {"pk": engagement.pk, "recommendation_id": recommendation.pk},
        "survey": {"token": _survey_invitation(engagement).token},
        "year": {"year": 2019},
        "download": {"year": 2019, "fmt": "xlsx"},
        "figure": {"year": 2019, "key": "peers_women_share"},
        "question": {"pk": Question.objects.filter(offer=None).first().pk},
        "target": {
            "pk": Target.objects.create(
                year=2019, figure="peer_challenges", value=100, due_quarter=4
            ).pk
        },
        "programme-kind": {"kind": "leadership-participants"},
        "programme-record": {
            "kind": "leadership-participants",
            "pk": _participant_with_sentinel_party(council).pk,
        },
    }


def _participant_with_sentinel_party(council):
    """A councillor on a leadership cohort whose political group is special-category data."""
    return LeadershipParticipantFactory(
        council=council, party=Party.objects.get(name=SENTINEL_PARTY)
    )


def _batch_run(engagement):
    from peerwork.matching.models import BatchRun

    return BatchRun.objects.create(
        period_from="2027-03-01",
        period_to="2027-03-31",
        created_by=engagement.requested_by,
        summary={"engagements": 1, "places": 5, "filled": 5, "unfilled": 0},
        result={"status": "optimal", "assignments": [], "unfilled": []},
    )


def _host_chooses():
    from peerwork.offers.models import Offer

    return Offer.objects.get(slug="recovery-and-renewal-panel")


def _survey_invitation(engagement):
    from peerwork.impact.models import SurveyInvitation

    return SurveyInvitation.objects.create(
        engagement=engagement,
        audience="council",
        role="chief_executive",
        name=engagement.contact_name,
        email=engagement.contact_email,
    )


def _reports(engagement):
    """A published report with one recommendation, and a draft progress review report."""
    from peerwork.reports.models import Recommendation, Report, Section

    report = Report.objects.create(
        engagement=engagement, kind="report", status="published", published_at=timezone.now()
    )
    section = Section.objects.create(report=report, heading="Governance and culture")
    recommendation = Recommendation.objects.create(section=section, text="Train new members")
    draft = Report.objects.create(engagement=engagement, kind="progress_review")
    Section.objects.create(report=draft, heading="Governance and culture")
    return report, draft, recommendation


SENTINEL_PARTY = "Zephyr Sentinel Party"
SPECIAL_CATEGORY = {Role.ADMINISTRATOR, Role.PROGRAMME_STAFF}


def _member_peer_with_sentinel_party():
    party = Party.objects.create(name=SENTINEL_PARTY, short_name="Z-SENT", political_group="other")
    peer = MemberPeerFactory(party=party)
    DiversityRecord.objects.create(
        peer=peer, consent_given_at=timezone.now(), gender="woman", ethnicity="asian"
    )
    return peer


# Which record each URL with arguments is opened for.
ARGUMENTS = {
    "councils:detail": "council",
    "councils:region": "region",
    "offers:detail": "offer",
    "offers:edit": "offer",
    "accounts:user-edit": "user",
    "home:erase-user": "user",
    "home:erase-peer": "peer",
    "accounts:user-unlock": "user",
    "accounts:user-two-factor-reset": "user",
    "accounts:password-reset-confirm": "token",
    "accounts:accept-invitation": "token",
    "peers:detail": "peer",
    "peers:edit": "peer",
    "peers:history": "peer",
    "peers:apply-step": "step",
    "peers:application": "application",
    "peers:my-availability-remove": "item",
    "peers:my-interests-withdraw": "item",
    "engagements:detail": "engagement",
    "engagements:scoping": "engagement",
    "engagements:move": "engagement",
    "engagements:note": "engagement",
    "engagements:team": "engagement",
    "engagements:place": "place",
    "engagements:feedback": "member",
    "engagements:invitation": "invitation",
    "engagements:sessions": "engagement",
    "engagements:session-change": "session",
    "engagements:session-cancel": "session",
    "engagements:session-calendar": "session",
    "engagements:documents": "engagement",
    "engagements:documents-send": "engagement",
    "engagements:document": "document",
    "engagements:panel": "panel",
    "matching:propose": "engagement",
    "matching:repair": "engagement",
    "matching:batch-run": "batch",
    "matching:batch-cancel": "batch",
    "engagements:shortlist-send": "engagement",
    "reports:published": "published",
    "reports:published-pdf": "published",
    "reports:report": "report",
    "reports:start": "report",
    "reports:summary": "report",
    "reports:send": "report",
    "reports:publish": "report",
    "reports:section": "section",
    "reports:comment": "section",
    "reports:resolve": "comment",
    "reports:action-plan": "engagement",
    "reports:action-plan-publish": "engagement",
    "reports:action": "recommendation",
    "impact:survey": "survey",
    "impact:engagement-survey": "engagement",
    "impact:question-edit": "question",
    "impact:annual": "year",
    "impact:annual-download": "download",
    "impact:annual-records": "figure",
    "impact:target-edit": "target",
    "programmes:list": "programme-kind",
    "programmes:add": "programme-kind",
    "programmes:import": "programme-kind",
    "programmes:import-template": "programme-kind",
    "programmes:edit": "programme-record",
}


def _signed_in_as(client, *roles):
    user = UserFactory(roles=roles)
    if Role.PEER in roles:
        PeerFactory(user=user, email=user.email)
    client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_url_access_for_role(client, records, name, role):
    url = reverse(name, kwargs=records[ARGUMENTS[name]] if name in ARGUMENTS else {})
    if role != ANONYMOUS:
        _signed_in_as(client, role)
    response = client.get(url)
    if role in ACCESS[name]:
        if name == "accounts:sign-in" and role != ANONYMOUS:
            assert response.status_code == 302  # already signed in: sent home
        elif role in NOT_THEIRS.get(name, ((), None))[0]:
            assert response.status_code == NOT_THEIRS[name][1]
        elif name in REDIRECTS_WHEN_ALLOWED:
            assert response.status_code == 302
            assert response["Location"].startswith(REDIRECTS_WHEN_ALLOWED[name])
        else:
            assert response.status_code == 200, f"{role} should see {url}"
    elif role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == 403, f"{role} should not see {url}"
        assert b"You cannot see this page" in response.content
    if role not in SPECIAL_CATEGORY and (
        role not in STAFF or name.startswith(("peers:", "programmes:"))
    ):
        # A peer's party, a councillor's political group and diversity are special-category data.
        body = response.getvalue()  # pages, and the files streamed (exports, PDFs)
        assert SENTINEL_PARTY.encode() not in body
        assert b"Z-SENT" not in body
        assert b"Diversity (given with consent)" not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_urls_refuse_get(client, records, name, role):
    if role != ANONYMOUS:
        _signed_in_as(client, role)
    url = reverse(name, kwargs=records[ARGUMENTS[name]] if name in ARGUMENTS else {})
    response = client.get(url)
    if role == ANONYMOUS:
        assert response.status_code == 302
    elif role not in POST_ONLY[name]:
        assert response.status_code == 403
    else:
        assert response.status_code in (404, 405)  # someone else's record, or GET refused


def test_unknown_url_shows_the_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


# Accounts holding several roles (ADR 0003): a councillor who is a member peer and sits
# on the board, a staff member who is also a principal adviser, a council's contact who
# is also a peer. Each sees exactly what any of its roles may see, and nothing more.
COMBINED = [
    (Role.PEER, Role.BOARD_MEMBER),
    (Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER),
    (Role.COUNCIL_CONTACT, Role.PEER),
]


def _expected(name, roles):
    """The answer a combined account gets: its best role's."""
    allowed = [r for r in roles if r in ACCESS[name]]
    if not allowed:
        return 403
    if name == "accounts:sign-in":
        return 302
    not_theirs, code = NOT_THEIRS.get(name, ((), None))
    if all(r in not_theirs for r in allowed):
        return code
    if name in REDIRECTS_WHEN_ALLOWED:
        return 302
    return 200


@pytest.mark.parametrize("roles", COMBINED, ids="+".join)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_url_access_for_an_account_with_several_roles(client, records, name, roles):
    url = reverse(name, kwargs=records[ARGUMENTS[name]] if name in ARGUMENTS else {})
    _signed_in_as(client, *roles)
    response = client.get(url)
    assert response.status_code == _expected(name, roles), f"{roles} at {url}"
    sees_special = any(r in SPECIAL_CATEGORY for r in roles) or (
        any(r in STAFF for r in roles) and not name.startswith(("peers:", "programmes:"))
    )
    if not sees_special:
        body = response.getvalue()
        assert SENTINEL_PARTY.encode() not in body
        assert b"Z-SENT" not in body
        assert b"Diversity (given with consent)" not in body


def test_a_peer_on_the_board_has_both_menus_and_no_more(client, db):
    _signed_in_as(client, Role.PEER, Role.BOARD_MEMBER)
    page = client.get(reverse("home:home")).content.decode()
    links = re.findall(r'class="govuk-service-navigation__link"[^>]*>(.*?)</a>', page, re.S)
    menu = [re.sub(r"<[^>]+>|\s+", " ", link).strip() for link in links]
    assert menu == ["peerwork", "Home", "Your profile", "Offers", "Reports", "Impact"]
