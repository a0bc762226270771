"""Becoming a peer: the public application (one question a page) and staff review."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from peerwork.accounts.permissions import manager_required
from peerwork.core.pagination import paginate
from peerwork.councils import selectors as councils
from peerwork.peers import selectors
from peerwork.peers.becoming import presenters, services
from peerwork.peers.becoming.forms import (
    ApplicationSearchForm,
    CouncilForm,
    DecisionForm,
    DiversityForm,
    ExperienceForm,
    KindForm,
    NameForm,
    PartyForm,
    SkillsForm,
)
from peerwork.peers.models import (
    ApplicationStatus,
    CouncilRole,
    DiversityRecord,
    PeerKind,
    SkillLevel,
)

SESSION_KEY = "peer_application"


@dataclass(frozen=True)
class Step:
    slug: str
    form: type
    title: str
    members_only: bool = False


STEPS = [
    Step("kind", KindForm, _lazy("Are you a councillor or a council officer?")),
    Step("name", NameForm, _lazy("Your name and contact details")),
    Step("council", CouncilForm, _lazy("Your council and role")),
    Step("party", PartyForm, _lazy("Your political party or group"), members_only=True),
    Step("skills", SkillsForm, _lazy("Your skills")),
    Step("experience", ExperienceForm, _lazy("Tell us about your experience")),
    Step("diversity", DiversityForm, _lazy("Diversity monitoring (optional)")),
]


def _answers(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _steps_for(answers) -> list[Step]:
    member = answers.get("kind", {}).get("kind") == PeerKind.MEMBER
    return [s for s in STEPS if member or not s.members_only]


def _first_unanswered(answers) -> Step | None:
    return next((s for s in _steps_for(answers) if s.slug not in answers), None)


def _onwards(answers):
    """The next unanswered question, or the check page once all are answered."""
    following = _first_unanswered(answers)
    if following is None:
        return redirect("peers:apply-check")
    return redirect("peers:apply-step", following.slug)


def _make_form(step: Step, answers, data=None):
    kwargs = {"initial": answers.get(step.slug)} if data is None else {"data": data}
    if step.form is CouncilForm:
        kwargs["kind"] = answers.get("kind", {}).get("kind")
    return step.form(**kwargs)


def _storable(cleaned: dict) -> dict:
    """Session-safe answers: records by primary key."""
    return {k: getattr(v, "pk", v) for k, v in cleaned.items()}


@login_not_required
def apply_start(request):
    return render(request, "peers/becoming/start.html")


@login_not_required
def apply_step(request, step):
    current = next((s for s in STEPS if s.slug == step), None)
    if current is None:
        raise Http404
    answers = _answers(request)
    steps = _steps_for(answers)
    if current not in steps:
        return _onwards(answers)
    earlier = steps[: steps.index(current)]
    missing = next((s for s in earlier if s.slug not in answers), None)
    if missing:
        return redirect("peers:apply-step", missing.slug)

    form = _make_form(current, answers, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answers[current.slug] = _storable(form.cleaned_data)
        if current.slug == "kind" and answers["kind"]["kind"] == PeerKind.OFFICER:
            answers.pop("party", None)
        request.session[SESSION_KEY] = answers
        if request.GET.get("change") == "1" and _first_unanswered(answers) is None:
            return redirect("peers:apply-check")
        following = _first_unanswered(answers)
        return (
            redirect("peers:apply-step", following.slug)
            if following
            else redirect("peers:apply-check")
        )
    index = steps.index(current)
    back = (
        reverse("peers:apply-step", args=[steps[index - 1].slug])
        if index
        else reverse("peers:apply-start")
    )
    return render(
        request,
        "peers/becoming/step.html",
        {"form": form, "step": current, "back": back, "number": index + 1, "total": len(steps)},
    )


def _check_rows(answers) -> list[tuple]:
    kinds = dict(PeerKind.choices)
    roles = dict(CouncilRole.choices)
    levels = dict(SkillLevel.choices)
    skills = selectors.skill_names()
    council = councils.council_by_pk(answers["council"]["home_council"])
    rows = [
        ("kind", _("Kind of peer"), kinds.get(answers["kind"]["kind"], "")),
        ("name", _("Name"), answers["name"]["full_name"]),
        ("name", _("Email address"), answers["name"]["email"]),
        ("name", _("Phone number"), answers["name"].get("phone", "")),
        ("council", _("Council"), council.short_name if council else ""),
        ("council", _("Role"), roles.get(answers["council"]["home_role"], "")),
    ]
    if "party" in answers:
        party = councils.party_by_pk(answers["party"]["party"])
        rows.append(("party", _("Party or group"), party.name if party else ""))
    rows.append(
        (
            "skills",
            _("Skills"),
            "; ".join(f"{skills[s]}: {levels[lvl]}" for s, lvl in answers["skills"].items()),
        )
    )
    rows.append(("experience", _("Experience"), answers["experience"]["experience"]))
    diversity = answers["diversity"]
    given = [
        str(dict(choices).get(diversity.get(key), ""))
        for key, choices in (
            ("gender", DiversityRecord.Gender.choices),
            ("disability", DiversityRecord.YesNo.choices),
            ("ethnicity", DiversityRecord.Ethnicity.choices),
        )
        if diversity.get(key)
    ]
    rows.append(
        ("diversity", _("Diversity monitoring"), "; ".join(given) if given else _("No answers"))
    )
    return rows


def _flatten(answers) -> dict:
    flat = {}
    for slug, values in answers.items():
        if slug == "skills":
            flat["skills"] = values
        else:
            flat.update(values)
    return flat


@login_not_required
def apply_check(request):
    answers = _answers(request)
    missing = _first_unanswered(answers)
    if missing:
        return redirect("peers:apply-step", missing.slug)
    if request.method == "POST":
        try:
            services.application_submit(answers=_flatten(answers))
        except ValidationError:
            messages.error(request, _("Something in your answers has changed: check them again."))
            return redirect("peers:apply-check")
        del request.session[SESSION_KEY]
        request.session["peer_application_sent"] = True
        return redirect("peers:apply-sent")
    return render(
        request, "peers/becoming/check.html", {"rows": presenters.check_rows(_check_rows(answers))}
    )


@login_not_required
def apply_sent(request):
    if not request.session.get("peer_application_sent"):
        return redirect("peers:apply-start")
    return render(request, "peers/becoming/sent.html")


@manager_required
def application_list(request):
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ApplicationStatus.SUBMITTED
    form = ApplicationSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, selectors.application_search(request.user, status=status, q=q))
    return render(
        request,
        "peers/becoming/application_list.html",
        {
            "form": form,
            "page": page,
            "table": presenters.application_table(page),
            "status": status,
            "statuses": ApplicationStatus.choices,
        },
    )


@manager_required
def application_detail(request, pk):
    application = get_object_or_404(
        selectors.applications_for(request.user).select_related("party"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "approve":
                services.application_approve(
                    application=application,
                    reviewed_by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
                done = _("%(name)s is now in the pool and has been invited to sign in.")
            elif decision == "reject":
                services.application_reject(
                    application=application, reviewed_by=request.user, reason=note
                )
                done = _("%(name)s has been told their application is not accepted.")
            else:
                services.application_ask_for_more(
                    application=application, reviewed_by=request.user, question=note
                )
                done = _("Your question has been emailed to %(name)s.")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done % {"name": application.full_name})
            return redirect("peers:applications")
    skills = selectors.skill_names()
    return render(
        request,
        "peers/becoming/application_detail.html",
        {
            "application": application,
            "form": form,
            "rows": presenters.application_rows(
                application, [(skills.get(s, s), lvl) for s, lvl in application.skills.items()]
            ),
            "decided": application.status not in services.OPEN,
        },
    )


urlpatterns = [
    path("become-a-peer/", apply_start, name="apply-start"),
    path("become-a-peer/check/", apply_check, name="apply-check"),
    path("become-a-peer/sent/", apply_sent, name="apply-sent"),
    path("become-a-peer/<slug:step>/", apply_step, name="apply-step"),
    path("peers/applications/", application_list, name="applications"),
    path("peers/applications/<int:pk>/", application_detail, name="application"),
]
