"""Survey pages: the public single-use link, an engagement's survey page for staff,
and the staff page of figures. No page here shows who gave which answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import administrator_required, staff_required
from peerwork.core import audit
from peerwork.core.pagination import paginate
from peerwork.core.periods import year_label
from peerwork.engagements.selectors import engagements_visible_to
from peerwork.impact.models import Audience, SurveyInvitation, SurveyResponse
from peerwork.impact.surveys import presenters, selectors, services
from peerwork.impact.surveys.forms import (
    ImpactFilterForm,
    SurveyContactForm,
    SurveyForm,
    TraceFilterForm,
)


def _unavailable(invitation: SurveyInvitation) -> str | None:
    if invitation.responded_at is not None:
        return _("You have already answered this survey, thank you")
    if invitation.is_closed():
        return _("This survey has closed")
    return None


def _refused(request, invitation, message):
    return render(
        request, "impact/survey_unavailable.html", {"invitation": invitation, "message": message}
    )


@login_not_required
def survey(request, token):
    invitation = selectors.survey_invitation(token)
    message = _unavailable(invitation)
    if message:
        return _refused(request, invitation, message)
    questions = selectors.questions_for(invitation.engagement.offer, invitation.audience)
    posted = request.POST if request.method == "POST" else None
    form = SurveyForm(posted, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(invitation=invitation, answers=form.answers())
        except services.SurveyUnavailable as refused:
            return _refused(request, invitation, " ".join(refused.messages))
        return redirect("impact:survey-thanks")
    return render(request, "impact/survey.html", {"invitation": invitation, "form": form})


@login_not_required
def survey_thanks(request):
    return render(request, "impact/survey_thanks.html")


@staff_required
def engagement_survey(request, pk):
    engagement = get_object_or_404(
        engagements_visible_to(request.user).select_related("council", "offer"), pk=pk
    )
    form = SurveyContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.survey_contact_add(
                engagement=engagement,
                by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is on the survey list.") % {"name": contact.name})
            return redirect("impact:engagement-survey", pk)
    invitations = engagement.survey_invitations.all()
    return render(
        request,
        "impact/engagement_survey.html",
        {
            "engagement": engagement,
            "form": form,
            "sent": invitations.exists(),
            "due": services.surveys_due(engagement),
            "counts": presenters.invitation_counts_table(selectors.invitation_counts(engagement)),
            "invitations": presenters.invitations_table(invitations),
            "contacts": engagement.survey_contacts.all(),
        },
    )


@staff_required
def surveys(request):
    years = selectors.year_choices()
    current = selectors.year_start(timezone.localdate())
    form = ImpactFilterForm({"year": str(current.year), **request.GET.dict()}, years=years)
    year, offer = current, None
    if form.is_valid():
        if form.cleaned_data["year"]:
            year = current.replace(year=form.cleaned_data["year"])
        offer = form.cleaned_data["offer"]
    responses = selectors.responses_for_year(year)
    if offer is not None:
        responses = responses.filter(offer=offer)
    tables = []
    for audience in Audience:
        chosen = responses.filter(audience=audience.value)
        tables.append(
            {
                "audience": audience.label,
                "count": chosen.count(),
                "comments": selectors.comments(chosen),
                "table": presenters.figures_table(
                    _("Answers"),
                    selectors.impact_figures(chosen),
                    selectors.question_labels(audience.value, offer),
                ),
            }
        )
    return render(
        request,
        "impact/surveys.html",
        {
            "form": form,
            "year_label": year_label(year.year),
            "offer": offer,
            "tables": tables,
            "perms_manage": permissions.may_manage_records(request.user),
        },
    )


@administrator_required
def survey_trace(request):
    """Administrators only: which invitation each response came from, for a subject
    access request or to remove a response given in error."""
    form = TraceFilterForm(request.GET)
    email = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, selectors.responses_traced_for(request.user, email=email))
    audit.log_access(
        SurveyResponse,
        [response.pk for response in page],
        what="survey trace" + (f" (searched for {email})" if email else ""),
        columns=["given by"],
    )
    return render(
        request,
        "impact/survey_trace.html",
        {"form": form, "page": page, "table": presenters.trace_table(page)},
    )
