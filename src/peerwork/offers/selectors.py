"""Reading the catalogue of offers."""

from django.db.models import QuerySet

from peerwork.accounts import permissions
from peerwork.offers.models import Offer


def active_offers() -> QuerySet[Offer]:
    """The offers councils may ask for now: the public catalogue, for anyone."""
    return Offer.objects.filter(is_active=True)


def offers_for(user) -> QuerySet[Offer]:
    """The catalogue as this person sees it: every offer, inactive ones too, for those who
    manage offers; the active ones for anyone else."""
    if permissions.may_manage_records(user):
        return Offer.objects.all()
    return active_offers()
