"""Managers choose what each survey asks: the association's defaults, or an offer's own.

An offer with any question of its own for an audience asks only its own of that
audience. A question that has been answered keeps its kind and key, so that past
answers stay comparable; its words and order can still change.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from peerwork.accounts.permissions import manager_required
from peerwork.core.errors import EditConflict
from peerwork.impact.models import Audience
from peerwork.impact.questions import presenters, selectors, services
from peerwork.impact.questions.forms import QuestionForm


@manager_required
def questions(request):
    annotated = selectors.questions_managed_by(request.user).annotate(answered=Count("answers"))
    tables = []
    for offer in [None, *selectors.offers_with_own_questions()]:
        for audience in Audience:
            asked = [q for q in annotated if q.offer == offer and q.audience == audience.value]
            if asked:
                tables.append(presenters.question_table(offer, audience.label, asked))
    return render(request, "impact/questions.html", {"tables": tables})


@manager_required
def question_edit(request, pk=None):
    questions = selectors.questions_managed_by(request.user)
    question = get_object_or_404(questions, pk=pk) if pk else None
    answered = question is not None and question.answers.exists()
    form = QuestionForm(request.POST or None, instance=question, answered=answered)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.question_save(
                by=request.user,
                question=question,
                fields={k: v for k, v in form.cleaned_data.items() if k != "version"},
                expected_version=str(form.cleaned_data["version"] or ""),
            )
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed this question while you were editing it. "
                    "Open it again to see their change, then make yours."
                ),
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The question is saved."))
            return redirect(f"{_list_url()}#question-{saved.pk}")
    return render(
        request,
        "impact/question_edit.html",
        {"form": form, "question": question, "answered": answered},
    )


def _list_url() -> str:
    return reverse("impact:questions")
