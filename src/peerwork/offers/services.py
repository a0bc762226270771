from django.db import transaction
from django.utils.text import slugify

from peerwork.accounts import permissions
from peerwork.offers.models import Offer


class EditConflict(Exception):
    """Someone else saved the offer after this edit began."""


@transaction.atomic
def offer_save(*, form, team_formset, by, expected_version: int | None) -> Offer:
    """Save an offer and its team template together, refusing a stale edit."""
    permissions.require(permissions.may_manage_records(by))
    offer = form.instance
    if offer.pk:
        current = Offer.objects.select_for_update().get(pk=offer.pk)
        if current.version != expected_version:
            raise EditConflict
        offer.version = current.version + 1
    else:
        offer.slug = slugify(form.cleaned_data["name"])
    offer.themes = form.cleaned_data["themes"]
    offer = form.save()
    team_formset.instance = offer
    for place_form in team_formset.forms:
        if place_form.has_changed() and place_form.is_valid():
            place_form.instance.required_skills = place_form.cleaned_data.get("skills_text", [])
    team_formset.save()
    return offer
