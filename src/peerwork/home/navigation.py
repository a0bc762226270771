"""The service navigation: which sections each role sees."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from peerwork.accounts import permissions


@dataclass(frozen=True)
class Section:
    text: str
    url_name: str
    shown_to: Callable | None  # a predicate of accounts.permissions; None: everyone
    prefix: str


SECTIONS = [
    Section(_("Home"), "home:home", None, "/"),
    Section(_("Engagements"), "engagements:list", permissions.is_case_worker, "/engagements/"),
    Section(_("Councils"), "councils:list", permissions.is_staff, "/councils/"),
    Section(_("Regions"), "councils:regions", permissions.is_staff, "/regions/"),
    Section(_("Peers"), "peers:list", permissions.may_see_pool, "/peers/"),
    Section(_("Your profile"), "peers:my-profile", permissions.is_peer, "/my/"),
    Section(_("Offers"), "offers:list", None, "/offers/"),
    Section(_("Reports"), "reports:published-list", None, "/reports/"),
    Section(_("Impact"), "impact:annual-index", permissions.may_read_figures, "/impact/"),
    Section(_("Programmes"), "programmes:index", permissions.may_see_programmes, "/programmes/"),
    Section(_("Users"), "accounts:users", permissions.is_manager, "/users/"),
    Section(_("Audit log"), "audit:log", permissions.may_read_audit_log, "/audit-log/"),
]


def navigation_for(request) -> list[dict]:
    user = request.user
    if permissions.must_set_up_two_factor(user):
        return []  # they reach nothing but the set-up page until they have done it
    items = []
    for section in SECTIONS:
        if section.shown_to is not None and not section.shown_to(user):
            continue
        if section.prefix == "/":
            current = request.path == "/"
        else:
            current = request.path.startswith(section.prefix)
        items.append(
            {"text": str(section.text), "href": reverse(section.url_name), "active": current}
        )
    return items
