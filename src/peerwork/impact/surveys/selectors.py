"""Reading surveys: an offer's questions and the figures computed from the answers.

Nothing here but `responses_traced_for` (administrators only) reads
`SurveyResponse.invitation`: figures and comments come from the answers alone, so no
report can tell who gave them.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from peerwork.accounts import permissions
from peerwork.core.periods import LONDON, Period, year_start, years_between
from peerwork.impact.models import Answer, Question, SurveyInvitation, SurveyResponse


def questions_for(offer, audience: str) -> QuerySet[Question]:
    """The offer's own questions for the audience if it has any, else the defaults."""
    own = Question.objects.filter(offer=offer, audience=audience)
    if own.exists():
        return own
    return Question.objects.filter(offer__isnull=True, audience=audience)


def responses_in(period: Period) -> QuerySet[SurveyResponse]:
    """Responses submitted in the period, by the clock in London."""
    first, after = period.instants()
    return SurveyResponse.objects.filter(submitted_at__gte=first, submitted_at__lt=after)


def responses_for_year(year_start_date: datetime.date) -> QuerySet[SurveyResponse]:
    """Responses submitted from 1 April to 31 March."""
    return responses_in(Period.year(year_start_date.year))


@dataclass(frozen=True)
class Figure:
    """What the answers to one key add up to. Every share and mean is None, never 0,
    when no one answered; shares are fractions from 0 to 1."""

    key: str
    kind: str
    answered: int
    share_yes: float | None = None
    mean: float | None = None
    share_satisfied: float | None = None


_GIVEN = {
    Question.Kind.YES_NO: Q(value_bool__isnull=False),
    Question.Kind.SCALE5: Q(value_int__isnull=False),
    Question.Kind.TEXT: ~Q(value_text=""),
}


def impact_figures(responses: QuerySet[SurveyResponse]) -> dict[str, Figure]:
    """Per question key: how many answered and, for yes/no, the share who said yes; for
    the five-point scale, the mean and the share satisfied (4 or 5).

    Every key any question uses is present, answered or not. Keys shared by both
    audiences (satisfaction) are counted together: filter `responses` by audience to
    keep them apart.
    """
    kinds = {key: question.kind for key, question in _by_key(Question.objects.all()).items()}
    answers = Answer.objects.filter(response__in=responses.values("pk"))
    figures = {}
    for key, kind in sorted(kinds.items()):
        given = answers.filter(_GIVEN[kind], question__key=key)
        totals = given.aggregate(
            answered=Count("pk"),
            yes=Count("pk", filter=Q(value_bool=True)),
            mean=Avg("value_int"),
            satisfied=Count("pk", filter=Q(value_int__gte=4)),
        )
        answered = totals["answered"]
        figure = Figure(key=key, kind=kind, answered=answered)
        if answered and kind == Question.Kind.YES_NO:
            figure = Figure(key, kind, answered, share_yes=totals["yes"] / answered)
        elif answered and kind == Question.Kind.SCALE5:
            figure = Figure(
                key,
                kind,
                answered,
                mean=float(totals["mean"]),
                share_satisfied=totals["satisfied"] / answered,
            )
        figures[key] = figure
    return figures


def comments(responses: QuerySet[SurveyResponse]) -> list[str]:
    """The free-text answers, in the order of their text so the order reveals no one."""
    texts = (
        Answer.objects.filter(
            response__in=responses.values("pk"), question__kind=Question.Kind.TEXT
        )
        .exclude(value_text="")
        .values_list("value_text", flat=True)
    )
    return sorted(texts, key=lambda text: (text.casefold(), text))


def question_labels(audience: str, offer=None) -> dict[str, str]:
    """Each key's words, in the order asked: the offer's questions when an offer is
    given, else the defaults followed by any key only an offer asks."""
    if offer is not None:
        return {q.key: q.text for q in questions_for(offer, audience)}
    labels = {q.key: q.text for q in Question.objects.filter(offer__isnull=True, audience=audience)}
    for question in Question.objects.filter(offer__isnull=False, audience=audience):
        labels.setdefault(question.key, question.text)
    return labels


def _by_key(questions: QuerySet[Question]) -> dict[str, Question]:
    """One question per key: the default one where there is one, else an offer's."""
    chosen = {q.key: q for q in questions.filter(offer__isnull=False).order_by("-pk")}
    chosen.update({q.key: q for q in questions.filter(offer__isnull=True).order_by("-pk")})
    return chosen


def year_choices(today: datetime.date | None = None) -> list[datetime.date]:
    """The first day of each year with responses, up to the current year, latest first."""
    current = year_start(today or timezone.localdate())
    first = SurveyResponse.objects.order_by("submitted_at").values_list("submitted_at", flat=True)
    earliest = first.first()
    start = year_start(timezone.localtime(earliest, LONDON).date()) if earliest else current
    return years_between(min(start, current), current)


def invitation_counts(engagement) -> dict[str, dict[str, int]]:
    """Per audience: invitations sent and answered. Counts only, never who."""
    rows = engagement.survey_invitations.values("audience").annotate(
        sent=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False))
    )
    return {row["audience"]: {"sent": row["sent"], "answered": row["answered"]} for row in rows}


def survey_invitation(token: str) -> SurveyInvitation:
    """The invitation a survey link names, with its engagement, or "not found": whoever
    holds the link may answer, signed in or not."""
    return get_object_or_404(
        SurveyInvitation.objects.select_related("engagement__council", "engagement__offer"),
        token=token,
    )


def responses_traced_for(user, *, email: str = "") -> QuerySet[SurveyResponse]:
    """Every response with the invitation it came from and its answers, newest first, for
    administrators alone (a subject access request, a response given in error); none for
    anyone else. With `email`, only the responses of the person invited at that address."""
    if not permissions.may_trace_survey_answers(user):
        return SurveyResponse.objects.none()
    responses = SurveyResponse.objects.select_related(
        "engagement__council", "offer", "invitation"
    ).prefetch_related("answers__question")
    if email:
        responses = responses.filter(invitation__email__iexact=email)
    return responses.order_by("-submitted_at", "-pk")
