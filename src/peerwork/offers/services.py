from django.db import transaction
from django.utils.text import slugify

from peerwork.accounts import permissions
from peerwork.core.versioning import edit_claim
from peerwork.offers.models import Offer


@transaction.atomic
def offer_save(*, form, team_formset, by, expected_version: int | None) -> Offer:
    """Save an offer and its team template together, refusing a stale edit."""
    permissions.require(permissions.may_manage_records(by))
    offer = form.instance
    if offer.pk:
        offer.version = edit_claim(Offer, offer.pk, expected_version).version
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
