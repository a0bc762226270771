"""An application's transition table: the moves it refuses, and the history every move
leaves, from the public's application to the staff decision."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from peerwork.accounts.models import Role
from peerwork.peers.becoming import lifecycle, services
from peerwork.peers.models import ApplicationStatus, ApplicationStatusChange, PeerApplication
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory

pytestmark = pytest.mark.django_db

LEGAL = [(status, target) for status, moves in lifecycle.MOVES.items() for target in moves]
ILLEGAL = [
    (status, target)
    for status in ApplicationStatus.values
    for target in ApplicationStatus.values
    if target not in lifecycle.MOVES[status]
]


def _application(status=ApplicationStatus.SUBMITTED, **extra) -> PeerApplication:
    return PeerApplication.objects.create(
        kind="officer",
        full_name="Mo Officer",
        email="mo@example.org",
        home_council=CouncilFactory(),
        home_role="chief_executive",
        experience="Chief executive for six years.",
        status=status,
        **extra,
    )


def test_staff_decide_an_open_application_once_asking_for_more_as_often_as_they_need():
    assert lifecycle.OPEN == (ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFORMATION)
    assert (ApplicationStatus.MORE_INFORMATION, ApplicationStatus.MORE_INFORMATION) in LEGAL
    assert not lifecycle.MOVES[ApplicationStatus.APPROVED]
    assert not lifecycle.MOVES[ApplicationStatus.REJECTED]


@pytest.mark.parametrize(("status", "target"), ILLEGAL)
def test_a_move_the_table_does_not_allow_is_refused_and_changes_nothing(status, target):
    application = _application(status)

    with pytest.raises(ValidationError) as refused:
        lifecycle.application_move(application, target, by=UserFactory(), reason="Why")

    if status not in lifecycle.OPEN:
        assert "already been decided" in refused.value.messages[0]
    application.refresh_from_db()
    assert (application.status, application.reviewed_at) == (status, None)
    assert not ApplicationStatusChange.objects.exists()


@pytest.mark.parametrize(("status", "target"), LEGAL)
def test_each_move_the_table_allows_writes_one_row_with_who_made_it(status, target):
    application = _application(status, decision_note="Which council?")
    staff = UserFactory(role=Role.PROGRAMME_STAFF)

    lifecycle.application_move(application, target, by=staff, reason=" Tell us more ")

    change = ApplicationStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        status,
        target,
        staff,
        "Tell us more",
    )
    application.refresh_from_db()
    assert (application.status, application.reviewed_by) == (target, staff)
    assert application.reviewed_at == change.at
    # Only a rejection or a question is sent to the applicant, and kept as the note.
    sent = target in lifecycle.SENT_TO_APPLICANT
    assert application.decision_note == ("Tell us more" if sent else "Which council?")


def _answers():
    return {
        "kind": "officer",
        "full_name": "Mo Officer",
        "email": "mo@example.org",
        "home_council": CouncilFactory().pk,
        "home_role": "chief_executive",
        "skills": {"finance": 3},
        "experience": "Chief executive for six years.",
    }


def test_the_application_and_each_decision_are_kept_and_shown_to_staff(client):
    application = services.application_submit(answers=_answers())
    staff = UserFactory(role=Role.PROGRAMME_STAFF, full_name="Sam Staff")
    services.application_ask_for_more(
        application=application, reviewed_by=staff, question="Which scrutiny roles?"
    )
    services.application_approve(
        application=application, reviewed_by=staff, base_url="https://peerwork.example/"
    )

    assert [(c.from_status, c.to_status, c.by) for c in application.history.all()] == [
        ("", ApplicationStatus.SUBMITTED, None),
        (ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFORMATION, staff),
        (ApplicationStatus.MORE_INFORMATION, ApplicationStatus.APPROVED, staff),
    ]
    with pytest.raises(ValidationError, match="already been decided: Approved"):
        services.application_reject(application=application, reviewed_by=staff, reason="No")
    assert application.history.count() == 3

    client.force_login(staff)
    page = client.get(reverse("peers:application", args=[application.pk])).content.decode()
    assert "The applicant" in page and "More information asked for" in page
