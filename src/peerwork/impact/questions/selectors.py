"""Reading survey questions for the pages that choose them."""

from django.db.models import QuerySet

from peerwork.accounts import permissions
from peerwork.impact.models import Question
from peerwork.offers.models import Offer


def questions_managed_by(user) -> QuerySet[Question]:
    """Every survey question with its offer, for those who manage survey questions; none
    for anyone else."""
    if not permissions.may_manage_records(user):
        return Question.objects.none()
    return Question.objects.select_related("offer")


def offers_with_own_questions() -> QuerySet[Offer]:
    """Offers that ask questions of their own instead of the defaults, for anyone."""
    return Offer.objects.filter(survey_questions__isnull=False).distinct()
