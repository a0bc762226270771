"""What the signed-in home page shows each role."""

from peerwork.accounts import permissions
from peerwork.councils import selectors as councils
from peerwork.home import dashboards
from peerwork.offers.models import Offer
from peerwork.peers.models import ApplicationStatus, PeerApplication


def dashboard_for(user) -> dict:
    dashboard = {"is_peer": permissions.is_peer(user)}
    if permissions.is_staff(user):
        dashboard["principal_councils"] = councils.council_list_current_principal().count()
        dashboard["regions"] = councils.region_list_for_adviser(user)
        dashboard["offers"] = Offer.objects.filter(is_active=True).count()
        dashboard["can_manage"] = permissions.is_manager(user)
        dashboard["applications"] = PeerApplication.objects.filter(
            status=ApplicationStatus.SUBMITTED
        ).count()
    if permissions.own_council_id(user):
        dashboard["council"] = user.council
    dashboard.update(dashboards.sections_for(user))
    return dashboard
