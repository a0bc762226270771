"""Every service that changes something refuses a person who may not act, and changes
nothing: the rules hold for a command, a task or the API as well as for the pages."""

import datetime
import io
from functools import partial
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from peerwork.accounts import permissions
from peerwork.accounts import services as accounts
from peerwork.accounts.models import Role, User
from peerwork.accounts.two_factor import services as two_factor
from peerwork.engagements import services as engagements
from peerwork.engagements.documents import services as documents
from peerwork.engagements.models import MemberStatus, Note
from peerwork.engagements.panel import services as panel
from peerwork.engagements.sessions import services as sessions
from peerwork.engagements.team import selectors as team
from peerwork.engagements.team import services as members
from peerwork.impact.models import Question, Target
from peerwork.impact.questions import services as questions
from peerwork.impact.surveys import services as surveys
from peerwork.impact.targets import services as targets
from peerwork.matching import services as matching
from peerwork.matching.models import BatchRun, Proposal
from peerwork.offers import services as offers
from peerwork.offers.models import Offer, Stage
from peerwork.peers import services as peers
from peerwork.peers.becoming import services as becoming
from peerwork.peers.models import PeerApplication
from peerwork.peers.pool_files import pool_import
from peerwork.programmes import services as programmes
from peerwork.programmes.imports import IMPORTS, records_import
from peerwork.reports import services as reports
from peerwork.reports.models import Report
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.engagements.factories import EngagementFactory, SessionFactory, TeamMemberFactory
from tests.peers.factories import PeerFactory
from tests.programmes.factories import SavingFactory

pytestmark = pytest.mark.django_db
BASE = "https://peerwork.test/"


@pytest.fixture
def w():
    """The people and records the cases below act on."""
    engagement = EngagementFactory()
    session = SessionFactory(engagement=engagement)
    on_team = TeamMemberFactory(
        engagement=engagement,
        status=MemberStatus.ACCEPTED,
        peer=PeerFactory(user=UserFactory(role=Role.PEER)),
    )
    invited = TeamMemberFactory(
        engagement=engagement, place=2, peer=PeerFactory(user=UserFactory(role=Role.PEER))
    )
    report = Report.objects.create(engagement=engagement, kind=Report.Kind.REPORT)
    section = report.sections.create(order=0, heading="Governance")
    recommendation = section.recommendations.create(order=0, text="Refresh the constitution")
    outsider = PeerFactory(user=UserFactory(role=Role.PEER))
    return SimpleNamespace(
        engagement=engagement,
        session=session,
        on_team=on_team,
        invited=invited,
        report=report,
        section=section,
        recommendation=recommendation,
        staff=UserFactory(role=Role.PROGRAMME_STAFF),
        adviser=UserFactory(role=Role.PRINCIPAL_ADVISER),
        contact=UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council),
        other_contact=UserFactory(role=Role.COUNCIL_CONTACT, council=CouncilFactory()),
        outsider=outsider,
        board=UserFactory(role=Role.BOARD_MEMBER),
        admin=UserFactory(role=Role.ADMINISTRATOR),
        place=team.team_places(engagement)[0],
        application=PeerApplication.objects.create(
            kind="officer", full_name="Ann Applicant", email="ann@example.org"
        ),
        offer=Offer.objects.get(slug="corporate-peer-challenge"),
    )


def _at(report, status):
    Report.objects.filter(pk=report.pk).update(status=status)
    report.refresh_from_db()
    return report


# What is tried, by whom -> the call, ready to make (its records prepared first). Each
# person holds roles that may do other things, but not this.
CASES = {
    # Accounts
    "a peer invites someone": lambda w: partial(
        accounts.user_invite,
        email="x@example.org",
        full_name="X",
        roles={Role.PEER},
        invited_by=w.outsider.user,
        base_url=BASE,
    ),
    "programme staff make an administrator": lambda w: partial(
        accounts.user_invite,
        email="x@example.org",
        full_name="X",
        roles={Role.ADMINISTRATOR},
        invited_by=w.staff,
        base_url=BASE,
    ),
    "programme staff change an administrator": lambda w: partial(
        accounts.user_update,
        user=w.admin,
        by=w.staff,
        expected_version=w.admin.version,
        full_name="Changed",
        roles={Role.PEER},
        is_active=True,
    ),
    "programme staff lift a sign-in lock-out": lambda w: partial(
        accounts.user_lockout_lift, user=w.contact, by=w.staff
    ),
    "programme staff reset someone's two-factor sign-in": lambda w: partial(
        two_factor.two_factor_reset, user=w.contact, by=w.staff
    ),
    # Offers
    "an adviser changes the catalogue": lambda w: partial(
        offers.offer_save,
        form=None,
        team_formset=None,
        by=w.adviser,
        expected_version=w.offer.version,
    ),
    # The peer pool
    "a peer edits another peer's profile": lambda w: partial(
        peers.peer_update,
        peer=w.on_team.peer,
        by=w.outsider.user,
        expected_version=1,
        experience="Mine now",
    ),
    "a peer marks another peer away": lambda w: partial(
        peers.unavailability_add,
        peer=w.on_team.peer,
        by=w.outsider.user,
        starts_on=datetime.date(2027, 5, 1),
        ends_on=datetime.date(2027, 5, 2),
    ),
    "a peer removes another peer's dates": lambda w: partial(
        peers.unavailability_remove, peer=w.on_team.peer, by=w.outsider.user, period_id=1
    ),
    "a peer declares an interest for another": lambda w: partial(
        peers.interest_declare,
        peer=w.on_team.peer,
        by=w.outsider.user,
        council=w.engagement.council,
        reason="Mine",
    ),
    "a peer withdraws another's interest": lambda w: partial(
        peers.interest_withdraw, peer=w.on_team.peer, by=w.outsider.user, interest_id=1
    ),
    "a peer sets another peer's skills": lambda w: partial(
        peers.peer_skills_set, peer=w.on_team.peer, by=w.outsider.user, levels={}, council_types=[]
    ),
    "an adviser records an accreditation": lambda w: partial(
        peers.accreditation_add,
        peer=w.on_team.peer,
        by=w.adviser,
        name="Training",
        completed_on=datetime.date(2026, 1, 1),
    ),
    "a peer records a former role": lambda w: partial(
        peers.former_role_add,
        peer=w.on_team.peer,
        by=w.on_team.peer.user,
        council=w.engagement.council,
        role="councillor",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    ),
    "an adviser imports the pool": lambda w: partial(
        pool_import, stream=io.StringIO("email\n"), by=w.adviser
    ),
    "an adviser approves an application": lambda w: partial(
        becoming.application_approve,
        application=w.application,
        reviewed_by=w.adviser,
        base_url=BASE,
    ),
    "an adviser rejects an application": lambda w: partial(
        becoming.application_reject, application=w.application, reviewed_by=w.adviser, reason="No"
    ),
    "a board member questions an application": lambda w: partial(
        becoming.application_ask_for_more,
        application=w.application,
        reviewed_by=w.board,
        question="Why?",
    ),
    # Engagements
    "a contact asks for another council": lambda w: partial(
        engagements.engagement_request,
        requested_by=w.other_contact,
        council=w.engagement.council,
        offer=w.offer,
        description="On their behalf",
        contact_name="C",
        contact_email="c@example.org",
    ),
    "the council accepts its own request": lambda w: partial(
        engagements.engagement_move,
        engagement=w.engagement,
        to_status=Stage.SCOPING,
        by=w.contact,
        expected_version=w.engagement.version,
    ),
    "an adviser of another region answers a request": lambda w: partial(
        engagements.engagement_move,
        engagement=w.engagement,
        to_status=Stage.SCOPING,
        by=w.adviser,
        expected_version=w.engagement.version,
    ),
    "staff withdraw the council's request": lambda w: partial(
        engagements.engagement_move,
        engagement=w.engagement,
        to_status="withdrawn",
        by=w.staff,
        reason="Not theirs to withdraw",
        expected_version=w.engagement.version,
    ),
    "a peer cancels an engagement": lambda w: partial(
        engagements.engagement_move,
        engagement=w.engagement,
        to_status="cancelled",
        by=w.on_team.peer.user,
        reason="No",
        expected_version=w.engagement.version,
    ),
    "another council writes a note": lambda w: partial(
        engagements.engagement_add_note,
        engagement=w.engagement,
        by=w.other_contact,
        kind=Note.Kind.ANSWER,
        text="Hello",
    ),
    "the council writes an internal note": lambda w: partial(
        engagements.engagement_add_note,
        engagement=w.engagement,
        by=w.contact,
        kind=Note.Kind.NOTE,
        text="Staff only",
    ),
    "the council scopes its engagement": lambda w: partial(
        engagements.engagement_scope,
        engagement=w.engagement,
        by=w.contact,
        expected_version=w.engagement.version,
    ),
    "the council invites a peer": lambda w: partial(
        members.member_invite,
        engagement=w.engagement,
        place=w.place,
        peer=w.outsider,
        by=w.contact,
        base_url=BASE,
    ),
    "another peer answers an invitation": lambda w: partial(
        members.member_respond, member=w.invited, user=w.outsider.user, accept=True
    ),
    "a peer gives feedback on a peer": lambda w: partial(
        members.feedback_record, member=w.on_team, by=w.outsider.user, contribution=5
    ),
    "the council books a session": lambda w: partial(
        sessions.session_create,
        engagement=w.engagement,
        by=w.contact,
        kind="on_site",
        starts_at=w.session.starts_at,
        ends_at=w.session.ends_at,
    ),
    "the council moves a session": lambda w: partial(
        sessions.session_change,
        session=w.session,
        by=w.contact,
        expected_sequence=w.session.sequence,
    ),
    "a peer cancels a session": lambda w: partial(
        sessions.session_cancel, session=w.session, by=w.on_team.peer.user
    ),
    "another council uploads a document": lambda w: partial(
        documents.document_upload,
        engagement=w.engagement,
        kind="position_statement",
        title="T",
        upload=None,
        by=w.other_contact,
    ),
    "the council sends the reading pack": lambda w: partial(
        documents.documents_send_to_team, engagement=w.engagement, by=w.contact, base_url=BASE
    ),
    "the council shortlists a peer": lambda w: partial(
        panel.shortlist_add, engagement=w.engagement, place=w.place, peer=w.outsider, by=w.contact
    ),
    "the council sends its own shortlist": lambda w: partial(
        panel.shortlist_send, engagement=w.engagement, by=w.contact
    ),
    "another council chooses the panel": lambda w: partial(
        panel.panel_choose,
        engagement=w.engagement,
        by=w.other_contact,
        choices={1: w.outsider.pk},
        base_url=BASE,
    ),
    # Team assembly
    "the council asks the solver": lambda w: partial(
        matching.proposal_make, engagement=w.engagement, by=w.contact
    ),
    "the council accepts a proposal": lambda w: partial(
        matching.proposal_accept,
        proposal=Proposal.objects.create(
            engagement=w.engagement, mode=Proposal.Mode.PROPOSE, created_by=w.staff
        ),
        by=w.contact,
        base_url=BASE,
    ),
    "a peer stops a batch": lambda w: partial(
        matching.batch_cancel,
        run=BatchRun.objects.create(
            period_from=datetime.date(2027, 1, 1),
            period_to=datetime.date(2027, 12, 31),
            created_by=w.staff,
        ),
        by=w.on_team.peer.user,
    ),
    "a board member starts a batch": lambda w: partial(
        matching.batch_start,
        period_from=datetime.date(2027, 1, 1),
        period_to=datetime.date(2027, 12, 31),
        by=w.board,
    ),
    # Reports
    "a peer starts the report": lambda w: partial(
        reports.report_start,
        engagement=w.engagement,
        kind=Report.Kind.REPORT,
        by=w.on_team.peer.user,
    ),
    "a peer not on the team writes a section": lambda w: partial(
        reports.section_save,
        section=w.section,
        by=w.outsider.user,
        expected_version=w.report.version,
        recommendations=[],
        findings="Not mine to write",
    ),
    "a peer not on the team writes the key messages": lambda w: partial(
        reports.summary_save,
        report=w.report,
        by=w.outsider.user,
        expected_version=w.report.version,
        summary="No",
    ),
    "a peer on the team sends the report": lambda w: partial(
        reports.report_send,
        report=w.report,
        by=w.on_team.peer.user,
        expected_version=w.report.version,
    ),
    "another council comments": lambda w: partial(
        reports.comment_add,
        section=_at(w.report, Report.Status.ACCURACY_CHECK).sections.get(),
        by=w.other_contact,
        text="Not ours",
    ),
    "the council resolves its own comment": lambda w: partial(
        reports.comment_resolve,
        comment=w.section.comments.create(by=w.contact, text="Date wrong"),
        by=w.contact,
        resolution="Fixed",
    ),
    "the council publishes the report": lambda w: partial(
        reports.report_publish,
        report=_at(w.report, Report.Status.ACCURACY_CHECK),
        by=w.contact,
        expected_version=w.report.version,
    ),
    "another council writes an action": lambda w: partial(
        reports.action_save,
        recommendation=w.recommendation,
        by=w.other_contact,
        expected_version=None,
        owner="Me",
    ),
    "another council publishes the action plan": lambda w: partial(
        reports.action_plan_publish,
        report=_at(w.report, Report.Status.PUBLISHED),
        by=w.other_contact,
        base_url=BASE,
    ),
    "another council starts the progress review": lambda w: partial(
        reports.progress_review_create, engagement=w.engagement, by=w.other_contact, base_url=BASE
    ),
    # Impact and programme records
    "the council adds someone to survey": lambda w: partial(
        surveys.survey_contact_add,
        engagement=w.engagement,
        by=w.contact,
        role="leader",
        name="L",
        email="l@example.org",
    ),
    "an adviser changes a survey question": lambda w: partial(
        questions.question_save,
        by=w.adviser,
        question=Question.objects.first(),
        fields={},
        expected_version="1",
    ),
    "a board member sets a target": lambda w: partial(
        targets.target_save, by=w.board, target=Target(), fields={}, expected_version=""
    ),
    "an adviser corrects a programme record": lambda w: partial(
        programmes.record_save,
        by=w.adviser,
        record=SavingFactory(),
        fields={},
        expected_version="1",
    ),
    "an adviser imports programme records": lambda w: partial(
        records_import, spec=IMPORTS["savings"], stream=io.StringIO(""), by=w.adviser
    ),
}


def _everything():
    """Every row of every peerwork table, to show a refusal changed nothing."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values()))
        for model in apps.get_models()
        if model.__module__.startswith("peerwork.")
    }


@pytest.mark.parametrize("case", CASES)
def test_a_service_refuses_a_person_who_may_not_act(w, case):
    call = CASES[case](w)
    before = _everything()

    with pytest.raises(permissions.Denied):
        call()

    assert _everything() == before


def test_a_refused_move_is_refused_whoever_calls_it(w):
    """The same refusal a page shows reaches a command: it names no page."""
    with pytest.raises(permissions.Denied):
        engagements.engagement_move(
            engagement=w.engagement,
            to_status="cancelled",
            by=w.board,
            reason="No",
            expected_version=w.engagement.version,
        )
    w.engagement.refresh_from_db()
    assert w.engagement.status == Stage.REQUESTED


def test_the_person_who_may_act_is_let_through(w, django_capture_on_commit_callbacks):
    """The refusals above are about the person, not the call: the right person succeeds."""
    with django_capture_on_commit_callbacks(execute=True):
        engagements.engagement_move(
            engagement=w.engagement,
            to_status="withdrawn",
            by=w.contact,
            reason="Not this year",
            expected_version=w.engagement.version,
        )
    w.engagement.refresh_from_db()
    assert w.engagement.status == "withdrawn"


def test_a_council_contact_on_another_councils_team_sees_its_report_not_its_plan(client, w):
    """Two roles meet: the peer's part opens the team's report, and the council's part
    does not open another council's action plan."""
    both = UserFactory(roles=(Role.COUNCIL_CONTACT, Role.PEER))
    w.on_team.peer.user = both
    w.on_team.peer.save()
    _at(w.report, Report.Status.PUBLISHED)
    Report.objects.filter(pk=w.report.pk).update(published_at="2027-04-01T10:00Z")
    client.force_login(both)

    pk = w.engagement.pk
    assert client.get(reverse("reports:report", args=[pk, "report"])).status_code == 200
    assert client.get(reverse("reports:action-plan", args=[pk])).status_code == 404
    recommendation = reverse("reports:action", args=[pk, w.recommendation.pk])
    assert client.get(recommendation).status_code == 404


def test_an_application_joined_to_an_account_without_a_role_makes_it_a_peers(w):
    account = UserFactory(roles=(), email="ann@example.org")

    becoming.application_approve(application=w.application, reviewed_by=w.staff, base_url=BASE)

    account.refresh_from_db()
    assert account.peer.email == "ann@example.org"
    assert permissions.is_peer(User.objects.get(pk=account.pk))


def test_the_team_cannot_change_the_key_messages_once_the_report_is_sent(w):
    report = _at(w.report, Report.Status.ACCURACY_CHECK)

    with pytest.raises(ValidationError, match="only staff can change it now"):
        reports.summary_save(
            report=report, by=w.on_team.peer.user, expected_version=report.version, summary="X"
        )
    reports.summary_save(report=report, by=w.staff, expected_version=report.version, summary="Y")
    report.refresh_from_db()
    assert report.summary == "Y"
