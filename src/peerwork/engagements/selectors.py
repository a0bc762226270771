"""Which engagements a person may see, and the council's history of support."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from peerwork.accounts import permissions
from peerwork.councils.selectors import council_name_q
from peerwork.engagements.models import Engagement, Exit
from peerwork.offers.models import Stage


def engagements_visible_to(user) -> QuerySet[Engagement]:
    engagements = Engagement.objects.select_related("council", "offer", "council__region")
    if permissions.sees_every_engagement(user):
        return engagements
    if council_id := permissions.own_council_id(user):
        return engagements.filter(council_id=council_id)
    return engagements.none()


def engagement_search(
    user,
    *,
    q: str = "",
    status: str = "",
    offer: str = "",
    region: str = "",
    managed_by_me: bool = False,
    in_my_regions: bool = False,
) -> QuerySet[Engagement]:
    """The engagements this person may see, newest first, narrowed by the list's search
    (a council's name or code) and filters (an offer's and a region's slug)."""
    engagements = engagements_visible_to(user)
    if q:
        engagements = engagements.filter(council_name_q(q, prefix="council__"))
    if status:
        engagements = engagements.filter(status=status)
    if offer:
        engagements = engagements.filter(offer__slug=offer)
    if region:
        engagements = engagements.filter(council__region__slug=region)
    if managed_by_me:
        engagements = engagements.filter(manager=user)
    if in_my_regions:
        engagements = engagements.filter(council__region__principal_advisers=user)
    return engagements.order_by("-requested_at", "-pk")


def engagement_visible_to(user, pk) -> Engagement:
    """The engagement this person may see, or "not found" (never "forbidden", which would
    tell them it exists)."""
    return get_object_or_404(engagements_visible_to(user), pk=pk)


def engagements_waiting_for_adviser(user) -> QuerySet[Engagement]:
    """Requests from the councils of the regions this principal adviser covers."""
    return (
        Engagement.objects.filter(status=Stage.REQUESTED, council__region__principal_advisers=user)
        .select_related("council", "offer")
        .order_by("requested_at", "pk")
    )


def council_support_history(council) -> list[dict]:
    """Every engagement for the council, oldest first, with first-time marked.

    An engagement is the council's first of its offer when no earlier one of the
    same offer went ahead (declined, withdrawn and cancelled ones do not count).
    """
    history = []
    seen_offers = set()
    engagements = council.engagements.select_related("offer").order_by("requested_at", "pk")
    for engagement in engagements:
        went_ahead = engagement.status not in Exit.values
        history.append(
            {
                "engagement": engagement,
                "first_time": went_ahead and engagement.offer_id not in seen_offers,
            }
        )
        if went_ahead:
            seen_offers.add(engagement.offer_id)
    return history
