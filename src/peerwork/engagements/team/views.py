"""The team of an engagement: places, choosing and inviting peers, answers, feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import peer_required, staff_required
from peerwork.core.pagination import paginate, short_list
from peerwork.core.params import whole_number
from peerwork.engagements.lifecycle import ORDER
from peerwork.engagements.models import MemberStatus, Part
from peerwork.engagements.panel import services as panel
from peerwork.engagements.selectors import engagement_visible_to
from peerwork.engagements.team import presenters, services
from peerwork.engagements.team import selectors as team
from peerwork.engagements.team.forms import CandidateFilterForm, DeclineForm, FeedbackForm
from peerwork.offers.models import Stage
from peerwork.peers import selectors as peers

# A name search lists who it finds that cannot be chosen, and why: this many at most.
EXCLUDED_SHOWN = 50


def _feedback_open(engagement) -> bool:
    return engagement.status in ORDER and ORDER.index(engagement.status) >= ORDER.index(
        Stage.FEEDBACK_GIVEN
    )


@staff_required
def team_page(request, pk):
    engagement = engagement_visible_to(request.user, pk)
    places = team.team_places(engagement)
    return render(
        request,
        "engagements/team.html",
        {
            "engagement": engagement,
            "table": presenters.places_table(
                places,
                engagement,
                shortlisting=engagement.offer.host_chooses_team,
                feedback_open=_feedback_open(engagement),
            ),
            "has_reopened": any(p.member is None and p.past for p in places),
            "review_places": (
                team.team_places(engagement, Part.PROGRESS_REVIEW)
                if hasattr(engagement, "progress_review")
                else None
            ),
            "feedback_open": _feedback_open(engagement),
            "shortlist": (
                engagement.shortlist.select_related("peer")
                if engagement.offer.host_chooses_team
                else None
            ),
        },
    )


def _chosen_peer(request):
    """The peer a place's form chose (by id), or "not found"."""
    chosen = whole_number(request.POST.get("peer"))
    return get_object_or_404(peers.peers_visible_to(request.user), pk=chosen)


@staff_required
def place_page(request, pk, number):
    engagement = engagement_visible_to(request.user, pk)
    part = request.POST.get("part") or request.GET.get("part") or Part.MAIN
    if part not in Part.values or (
        part == Part.PROGRESS_REVIEW and not hasattr(engagement, "progress_review")
    ):
        raise Http404
    place = next((p for p in team.team_places(engagement, part) if p.number == number), None)
    if place is None:
        raise Http404
    shortlisting = engagement.offer.host_chooses_team and part == Part.MAIN
    if request.method == "POST" and shortlisting:
        peer = _chosen_peer(request)
        try:
            panel.shortlist_add(engagement=engagement, place=place, peer=peer, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s is on the shortlist.") % {"name": peer.full_name})
        return redirect("engagements:place", pk, number)
    if request.method == "POST":
        peer = _chosen_peer(request)
        eligible, _excluded = team.candidates(engagement, place, name=peer.full_name, part=part)
        if peer not in eligible:
            messages.error(
                request, _("%(name)s cannot fill this place.") % {"name": peer.full_name}
            )
            return redirect("engagements:place", pk, number)
        try:
            services.member_invite(
                engagement=engagement,
                place=place,
                peer=peer,
                by=request.user,
                base_url=request.build_absolute_uri("/"),
                part=part,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("engagements:place", pk, number)
        messages.success(request, _("%(name)s has been invited.") % {"name": peer.full_name})
        return redirect("engagements:team", pk)
    form = CandidateFilterForm(request.GET, place_kind=place.peer_kind)
    name, narrowing, sort = form.narrowing()
    eligible, excluded = team.candidates(
        engagement, place, name=name, part=part, narrowing=narrowing, sort=sort
    )
    page = paginate(request, eligible)
    return render(
        request,
        "engagements/place.html",
        {
            "engagement": engagement,
            "place": place,
            "form": form,
            "page": page,
            "table": presenters.eligible_table(
                page, part=part, shortlisting=shortlisting, csrf_input=csrf_input(request)
            ),
            "excluded": short_list(excluded, size=EXCLUDED_SHOWN),
            "name": name,
            "part": part,
            "shortlisting": shortlisting,
            "shortlisted": engagement.shortlist.filter(place=number).select_related("peer"),
        },
    )


@peer_required
def invitation(request, token):
    member = get_object_or_404(team.invitations_for(request.user), token=token)
    permissions.require(permissions.may_answer_invitation(request.user, member))
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_respond(
                member=member,
                user=request.user,
                accept=form.cleaned_data["answer"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answer has been sent."))
            return redirect("peers:my-profile")
    return render(
        request,
        "engagements/invitation.html",
        {"member": member, "form": form, "answered": member.status != MemberStatus.INVITED},
    )


@staff_required
def feedback(request, pk, member_id):
    engagement = engagement_visible_to(request.user, pk)
    member = get_object_or_404(engagement.team.select_related("peer"), pk=member_id)
    if not _feedback_open(engagement) or member.status != MemberStatus.ACCEPTED:
        messages.error(
            request, _("Feedback on peers opens once the feedback has been given to the council.")
        )
        return redirect("engagements:team", pk)
    existing = getattr(member, "feedback", None)
    form = FeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        services.feedback_record(member=member, by=request.user, **data)
        messages.success(
            request, _("Feedback on %(name)s saved.") % {"name": member.peer.full_name}
        )
        return redirect("engagements:team", pk)
    return render(
        request,
        "engagements/feedback.html",
        {"engagement": engagement, "member": member, "form": form},
    )
