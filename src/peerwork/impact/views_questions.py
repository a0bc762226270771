"""Managers choose what each survey asks: the association's defaults, or an offer's own.

An offer with any question of its own for an audience asks only its own of that
audience. A question that has been answered keeps its kind and key, so that past
answers stay comparable; its words and order can still change.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from peerwork.accounts.access import manager_required
from peerwork.impact.forms import QuestionForm
from peerwork.impact.models import Audience, Question
from peerwork.offers.models import Offer


@manager_required
def questions(request):
    annotated = Question.objects.select_related("offer").annotate(answered=Count("answers"))
    groups = []
    for offer in [None, *Offer.objects.filter(survey_questions__isnull=False).distinct()]:
        for audience in Audience:
            asked = [q for q in annotated if q.offer == offer and q.audience == audience.value]
            if asked:
                groups.append({"offer": offer, "audience": audience.label, "questions": asked})
    return render(request, "impact/questions.html", {"groups": groups})


class Conflict(Exception):
    pass


@manager_required
def question_edit(request, pk=None):
    question = get_object_or_404(Question, pk=pk) if pk else None
    answered = question is not None and question.answers.exists()
    form = QuestionForm(request.POST or None, instance=question, answered=answered)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(form, question)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("The question is saved."))
            return redirect(f"{_list_url()}#question-{saved.pk}")
    return render(
        request,
        "impact/question_edit.html",
        {"form": form, "question": question, "answered": answered},
    )


@transaction.atomic
def _save(form: QuestionForm, question: Question | None) -> Question:
    """Save unless someone changed the question meanwhile, or it was answered meanwhile
    and the change would alter what its answers mean."""
    if question is not None:
        current = Question.objects.select_for_update().get(pk=question.pk)
        if current.version != form.cleaned_data["version"]:
            raise Conflict(
                _(
                    "Someone else changed this question while you were editing it. "
                    "Open it again to see their change, then make yours."
                )
            )
        meaning = ("offer_id", "audience", "kind", "key")
        changed = any(getattr(current, f) != getattr(form.instance, f) for f in meaning)
        if changed and current.answers.exists():
            raise Conflict(
                _(
                    "This question has been answered since you opened it, so its offer, "
                    "audience, kind and key can no longer change."
                )
            )
    saved = form.save(commit=False)
    saved.version = (question.version + 1) if question else 1
    saved.save()
    return saved


def _list_url() -> str:
    return reverse("impact:questions")
