"""The impact surveys of every demo engagement whose surveys are due, and the answers.

Surveys go out as `impact.services.surveys_due` says: when an engagement closes, or for
an offer with no report stages (a remote panel) once its feedback is given. The council's
contact (standing for the chief executive) and every peer who took a place are asked;
most councils and about half the peers answer within the eight weeks a link is open.
"""

import datetime
import random

from django.utils import timezone

from peerwork.core.periods import year_start
from peerwork.demo.records.figures import YEARS
from peerwork.engagements.models import Engagement, MemberStatus, StatusChange, TeamMember
from peerwork.impact.models import OPEN_FOR, Answer, Audience, Question, SurveyInvitation
from peerwork.impact.models import SurveyResponse as Response
from peerwork.offers.models import CountsAs, Stage

HOUR = datetime.timedelta(hours=1)
COUNCIL_COMMENTS = [
    "The team understood our context quickly and were candid with us.",
    "Very useful; the feedback session with cabinet was the highlight.",
    "We would have liked the report sooner, but it was worth the wait.",
    "The recommendations are already shaping our improvement plan.",
    "Good preparation by the peers; the interviews were well run.",
]
PEER_COMMENTS = [
    "I learned as much as I gave, and will take ideas back to my own council.",
    "Well organised by the peer challenge manager.",
    "A demanding week but a good team.",
]


def _sent_at(engagement: Engagement, moves: dict) -> datetime.datetime | None:
    stages = engagement.offer.stages
    if Stage.REPORT_DRAFTING not in stages and Stage.FEEDBACK_GIVEN in stages:
        return moves.get((engagement.pk, Stage.FEEDBACK_GIVEN))
    return moves.get((engagement.pk, Stage.CLOSED))


def _council_answers(rng, questions, positive_chance: float) -> dict:
    positive = rng.random() < positive_chance
    answers = {
        "positive_impact": positive,
        "satisfaction": rng.choice([5, 5, 4, 4, 4, 3] if positive else [2, 3, 3, 4]),
        "more_confident": positive and rng.random() < 0.9,
        "would_recommend": rng.random() < (0.96 if positive else 0.4),
    }
    if rng.random() < 0.4:
        answers["comments"] = rng.choice(COUNCIL_COMMENTS)
    return {questions[key]: value for key, value in answers.items() if key in questions}


def _peer_answers(rng, questions, positive_chance: float) -> dict:
    positive = rng.random() < positive_chance
    answers = {
        "own_development": positive,
        "satisfaction": rng.choice([5, 4, 4, 4, 3] if positive else [2, 3, 3]),
    }
    if rng.random() < 0.25:
        answers["comments"] = rng.choice(PEER_COMMENTS)
    return {questions[key]: value for key, value in answers.items() if key in questions}


def _answer(response, question, value) -> Answer:
    answer = Answer(response=response, question=question)
    if question.kind == Question.Kind.YES_NO:
        answer.value_bool = value
    elif question.kind == Question.Kind.SCALE5:
        answer.value_int = value
    else:
        answer.value_text = value
    return answer


def surveys_load(*, now: datetime.datetime, seed: int = 2019) -> tuple[int, int]:
    """Invitations and answers for every engagement due its surveys and not yet sent
    them; the caller holds the transaction. Returns (invitations, responses)."""
    rng = random.Random(seed)
    questions = {
        audience: {q.key: q for q in Question.objects.filter(offer__isnull=True, audience=audience)}
        for audience in Audience.values
    }
    due = (
        Engagement.objects.filter(status__in=[Stage.CLOSED, Stage.FEEDBACK_GIVEN])
        .filter(survey_invitations__isnull=True)
        .select_related("offer")
        .order_by("pk")
    )
    due = [
        e for e in due if e.status == Stage.CLOSED or Stage.REPORT_DRAFTING not in e.offer.stages
    ]
    ids = [e.pk for e in due]
    moves = {
        (engagement_id, to_status): at
        for engagement_id, to_status, at in StatusChange.objects.filter(
            engagement_id__in=ids, to_status__in=[Stage.CLOSED, Stage.FEEDBACK_GIVEN]
        ).values_list("engagement_id", "to_status", "at")
    }
    peers: dict[int, dict] = {}
    for engagement_id, peer_id, name, email in (
        TeamMember.objects.filter(engagement_id__in=ids, status=MemberStatus.ACCEPTED)
        .order_by("pk")
        .values_list("engagement_id", "peer_id", "peer__full_name", "peer__email")
    ):
        peers.setdefault(engagement_id, {}).setdefault(email.lower(), (peer_id, name))

    invitations, responses, answers = [], [], []
    for engagement in due:
        sent = _sent_at(engagement, moves)
        if sent is None:
            continue
        contact = engagement.contact_name, engagement.contact_email.lower()
        people = [(Audience.COUNCIL, SurveyInvitation.Role.CHIEF_EXECUTIVE, None, *contact)]
        people += [
            (Audience.PEER, SurveyInvitation.Role.PEER, peer_id, name, email)
            for email, (peer_id, name) in peers.get(engagement.pk, {}).items()
        ]
        for audience, role, peer_id, name, email in people:
            invitation = SurveyInvitation(
                engagement=engagement,
                audience=audience,
                role=role,
                name=name,
                email=email,
                peer_id=peer_id,
                sent_at=sent,
                closes_at=sent + OPEN_FOR,
            )
            invitations.append(invitation)
            # Councils that had a corporate peer challenge all answer, and soon.
            cpc_council = (
                audience == Audience.COUNCIL
                and engagement.offer.counts_as == CountsAs.CORPORATE_PEER_CHALLENGE
            )
            chance = 1.0 if cpc_council else 0.8 if audience == Audience.COUNCIL else 0.55
            if rng.random() >= chance:
                continue
            delay = rng.uniform(0.01, 0.2 if cpc_council else 0.8)
            submitted = sent + (OPEN_FOR - HOUR) * delay
            if submitted > now:
                continue
            invitation.responded_at = submitted
            response = Response(
                engagement=engagement,
                audience=audience,
                offer=engagement.offer,
                submitted_at=submitted,
                invitation=invitation,
            )
            responses.append(response)
            year = YEARS.get(year_start(timezone.localdate(submitted)).year, YEARS[max(YEARS)])
            if audience == Audience.COUNCIL:
                chance = year.positive
                if engagement.offer.counts_as == CountsAs.CORPORATE_PEER_CHALLENGE:
                    chance = year.cpc_positive
                given = _council_answers(rng, questions[audience], chance)
            else:
                given = _peer_answers(rng, questions[audience], 0.92)
            answers += [_answer(response, q, value) for q, value in given.items()]
    SurveyInvitation.objects.bulk_create(invitations, batch_size=1000)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=1000)
    return len(invitations), len(responses)
