"""The service navigation: which sections each role sees."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peerwork.accounts.models import MANAGER_ROLES, STAFF_ROLES, Role


@dataclass(frozen=True)
class Section:
    text: str
    url_name: str
    roles: frozenset | None  # None: everyone, signed in or not
    prefix: str


SECTIONS = [
    Section(_("Home"), "home:home", None, "/"),
    Section(
        _("Engagements"),
        "engagements:list",
        STAFF_ROLES | {Role.COUNCIL_CONTACT},
        "/engagements/",
    ),
    Section(_("Councils"), "councils:list", STAFF_ROLES, "/councils/"),
    Section(_("Regions"), "councils:regions", STAFF_ROLES, "/regions/"),
    Section(_("Peers"), "peers:list", STAFF_ROLES, "/peers/"),
    Section(_("Your profile"), "peers:my-profile", frozenset({Role.PEER}), "/my/"),
    Section(_("Offers"), "offers:list", None, "/offers/"),
    Section(_("Reports"), "reports:published-list", None, "/reports/"),
    Section(_("Impact"), "impact:annual-index", STAFF_ROLES | {Role.BOARD_MEMBER}, "/impact/"),
    Section(_("Programmes"), "programmes:index", STAFF_ROLES, "/programmes/"),
    Section(_("Users"), "accounts:users", MANAGER_ROLES, "/users/"),
]


def navigation_for(request) -> list[dict]:
    user = request.user
    role = getattr(user, "role", None) if user.is_authenticated else None
    items = []
    for section in SECTIONS:
        if section.roles is not None and role not in section.roles:
            continue
        if section.prefix == "/":
            current = request.path == "/"
        else:
            current = request.path.startswith(section.prefix)
        items.append(
            {"text": str(section.text), "href": reverse(section.url_name), "active": current}
        )
    return items
