"""The public catalogue of support, and the staff pages that edit it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import manager_required
from peerwork.core.errors import EditConflict
from peerwork.offers import presenters, selectors, services
from peerwork.offers.forms import OfferForm, TeamPlaceFormSet
from peerwork.offers.models import Offer


def _can_manage(request) -> bool:
    return permissions.may_manage_records(request.user)


@login_not_required
def offer_list(request):
    offers = selectors.offers_for(request.user)
    return render(
        request, "offers/offer_list.html", {"offers": offers, "can_manage": _can_manage(request)}
    )


@login_not_required
def offer_detail(request, slug):
    offers = selectors.offers_for(request.user).prefetch_related("team_places")
    offer = get_object_or_404(offers, slug=slug)
    return render(
        request,
        "offers/offer_detail.html",
        {
            "offer": offer,
            "can_manage": _can_manage(request),
            "rows": presenters.offer_summary_rows(offer),
        },
    )


@manager_required
def offer_edit(request, slug=None):
    if slug:
        offer = get_object_or_404(selectors.offers_for(request.user), slug=slug)
    else:
        offer = Offer(stages=[])
    form = OfferForm(request.POST or None, instance=offer)
    team = TeamPlaceFormSet(request.POST or None, instance=offer, prefix="team")
    if request.method == "POST" and form.is_valid() and team.is_valid():
        try:
            offer = services.offer_save(
                form=form,
                team_formset=team,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed this offer while you were editing it. "
                    "Open it again to see their changes, then make yours."
                ),
            )
        else:
            messages.success(request, _("%(name)s saved.") % {"name": offer.name})
            return redirect("offers:detail", offer.slug)
    return render(request, "offers/offer_edit.html", {"form": form, "team": team, "offer": offer})
