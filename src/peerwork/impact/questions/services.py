"""Changing survey questions: managers add and correct them; once a question has been
answered, what its answers mean is fixed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core import versioning
from peerwork.impact.models import Question

# What a question's answers mean: fixed once anyone has answered it.
MEANING = ("offer_id", "audience", "kind", "key")


@transaction.atomic
def question_save(
    *, by, question: Question | None, fields: dict, expected_version: str
) -> Question:
    """Save unless someone changed the question meanwhile, or it was answered meanwhile
    and the change would alter what its answers mean."""
    permissions.require(permissions.may_manage_records(by))
    before = None
    if question is not None:
        before = Question.objects.select_for_update().filter(pk=question.pk).values(*MEANING)
        before = before.first()
    saved = versioning.record_save(
        record=question or Question(), fields=fields, expected_version=expected_version
    )
    changed = before and any(before[name] != getattr(saved, name) for name in MEANING)
    if changed and saved.answers.exists():
        raise ValidationError(
            _(
                "This question has been answered since you opened it, so its offer, "
                "audience, kind and key can no longer change."
            )
        )
    return saved
