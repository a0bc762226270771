"""What the signed-in home page shows each role."""

from peerwork.accounts.models import MANAGER_ROLES, STAFF_ROLES, Role
from peerwork.councils import selectors as councils
from peerwork.home import dashboards
from peerwork.offers.models import Offer
from peerwork.peers.models import ApplicationStatus, PeerApplication


def dashboard_for(user) -> dict:
    dashboard = {"role": user.role}
    if user.role in STAFF_ROLES:
        dashboard["principal_councils"] = councils.council_list_current_principal().count()
        dashboard["regions"] = councils.region_list_for_adviser(user)
        dashboard["offers"] = Offer.objects.filter(is_active=True).count()
        dashboard["can_manage"] = user.role in MANAGER_ROLES
        dashboard["applications"] = PeerApplication.objects.filter(
            status=ApplicationStatus.SUBMITTED
        ).count()
    if user.role == Role.COUNCIL_CONTACT:
        dashboard["council"] = user.council
    dashboard.update(dashboards.sections_for(user))
    return dashboard
