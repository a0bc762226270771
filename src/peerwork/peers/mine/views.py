"""A peer's own record: profile, skills, availability and declared interests."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from peerwork.accounts.permissions import peer_required
from peerwork.core.errors import EditConflict
from peerwork.peers import selectors, services
from peerwork.peers.mine import presenters
from peerwork.peers.mine.calendar_month import month_weeks, parse_month, shift_month
from peerwork.peers.mine.forms import InterestForm, MyProfileForm, MySkillsForm, UnavailabilityForm

WEEKDAYS = [
    (_lazy("Mon"), _lazy("Monday")),
    (_lazy("Tue"), _lazy("Tuesday")),
    (_lazy("Wed"), _lazy("Wednesday")),
    (_lazy("Thu"), _lazy("Thursday")),
    (_lazy("Fri"), _lazy("Friday")),
    (_lazy("Sat"), _lazy("Saturday")),
    (_lazy("Sun"), _lazy("Sunday")),
]


def own_record(view):
    """Only a peer, and only for the record linked to their account."""

    @peer_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        peer = (
            selectors.peers_visible_to(request.user)
            .select_related("home_council", "party")
            .filter(user=request.user)
            .first()
        )
        if peer is None:
            raise Http404("No peer record is linked to this account.")
        return view(request, peer, *args, **kwargs)

    return wrapped


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@own_record
def my_profile(request, peer):
    return render(
        request,
        "peers/mine/profile.html",
        {
            "peer": peer,
            "conflicts": selectors.peer_conflicts(peer),
            "accreditation_state": selectors.peer_accreditation_state(peer),
            "memberships": selectors.peer_memberships(peer),
        },
    )


@own_record
def my_profile_edit(request, peer):
    form = MyProfileForm(request.POST or None, instance=peer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.peer_update(
                by=request.user, peer=peer, expected_version=data.pop("version"), **data
            )
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed your record while you were editing it. "
                    "Check the details and save again."
                ),
            )
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("peers:my-profile")
    return render(request, "peers/mine/profile_edit.html", {"form": form, "peer": peer})


@own_record
def my_skills(request, peer):
    initial = {f"skill_{s.skill.slug}": s.level for s in peer.skills.select_related("skill")}
    initial["council_types"] = [t.council_type for t in peer.council_types.all()]
    form = MySkillsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.peer_skills_set(
            by=request.user,
            peer=peer,
            levels=form.cleaned_data["levels"],
            council_types=form.cleaned_data["council_types"],
        )
        messages.success(request, _("Your skills have been saved."))
        return redirect("peers:my-profile")
    return render(request, "peers/mine/skills.html", {"form": form})


@own_record
def my_availability(request, peer):
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unavailability_add(by=request.user, peer=peer, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Those dates are saved: you will not be asked then."))
            return redirect(f"{request.path}?month={form.cleaned_data['starts_on']:%Y-%m}")
    first = parse_month(request.GET.get("month"), timezone.localdate())
    periods = list(peer.unavailability.all())
    weeks = month_weeks(first.year, first.month, [(p.starts_on, p.ends_on) for p in periods])
    return render(
        request,
        "peers/mine/availability.html",
        {
            "form": form,
            "periods": periods,
            "month": first,
            "weeks": weeks,
            "calendar": presenters.calendar_table(first, weeks, WEEKDAYS),
            "previous": shift_month(first, -1),
            "next": shift_month(first, 1),
        },
    )


@own_record
@require_POST
def my_availability_remove(request, peer, pk):
    get_object_or_404(peer.unavailability, pk=pk)
    services.unavailability_remove(by=request.user, peer=peer, period_id=pk)
    messages.success(request, _("Those dates are removed."))
    return redirect("peers:my-availability")


@own_record
def my_interests(request, peer):
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_declare(by=request.user, peer=peer, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your interest has been declared."))
            return redirect("peers:my-interests")
    return render(
        request,
        "peers/mine/interests.html",
        {"form": form, "interests": peer.interests.select_related("council")},
    )


@own_record
@require_POST
def my_interests_withdraw(request, peer, pk):
    get_object_or_404(peer.interests, pk=pk)
    services.interest_withdraw(by=request.user, peer=peer, interest_id=pk)
    messages.success(request, _("Your declared interest has been withdrawn."))
    return redirect("peers:my-interests")


@own_record
def my_diversity_withdraw(request, peer):
    """Withdraw the consent behind the diversity answers: asked, then deleted at once."""
    has_answers = selectors.peer_has_diversity_data(peer)
    if request.method == "POST":
        if services.diversity_consent_withdraw(by=request.user, peer=peer):
            messages.success(
                request, _("Your consent is withdrawn and your diversity information is deleted.")
            )
        else:
            messages.success(request, _("peerwork holds no diversity information about you."))
        return redirect("peers:my-profile")
    return render(request, "peers/mine/diversity_withdraw.html", {"has_answers": has_answers})


urlpatterns = [
    path("my/profile/", my_profile, name="my-profile"),
    path("my/profile/edit/", my_profile_edit, name="my-profile-edit"),
    path("my/skills/", my_skills, name="my-skills"),
    path("my/availability/", my_availability, name="my-availability"),
    path("my/availability/<int:pk>/remove/", my_availability_remove, name="my-availability-remove"),
    path("my/interests/", my_interests, name="my-interests"),
    path("my/interests/<int:pk>/withdraw/", my_interests_withdraw, name="my-interests-withdraw"),
    path("my/diversity/withdraw/", my_diversity_withdraw, name="my-diversity-withdraw"),
]
