"""The sections of the signed-in home page for each role: reads only, scoped by user.

Each function returns what its sections show, in a fixed number of queries
however many records there are; the tables are GOV.UK tables built here so the
template keeps no logic. A list that grows with the years is a short list (the
first few), with a link to the whole of it on a page of its own.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peerwork.accounts import permissions
from peerwork.core.pagination import short_list
from peerwork.core.periods import end_of, quarter_of, year_label, year_start
from peerwork.core.presenters import Table, link
from peerwork.councils.models import Council
from peerwork.engagements.models import (
    FINISHED,
    STATUS_CHOICES,
    Booking,
    Engagement,
    Exit,
    MemberStatus,
    TeamMember,
)
from peerwork.engagements.selectors import engagements_visible_to, engagements_waiting_for_adviser
from peerwork.impact.targets.selectors import quarterly_return
from peerwork.offers.models import Offer
from peerwork.reports.deadlines import selectors as deadlines
from peerwork.reports.models import Report

CPC = "corporate-peer-challenge"


@dataclass
class Owed:
    """One unfinished engagement's overdue or unmet deadlines and overdue actions."""

    engagement: Engagement
    deadlines: list = field(default_factory=list)
    actions: list = field(default_factory=list)


def sections_for(user, *, today: datetime.date | None = None) -> dict:
    """The sections of every role the person holds (a peer who sits on the board sees
    both). Where two roles would fill the same section, the first here wins."""
    today = today or timezone.localdate()
    parts = []
    if permissions.is_manager(user):
        parts.append(manager_sections(user, today=today))
    if permissions.is_principal_adviser(user):
        parts.append(adviser_sections(user, today=today))
    if permissions.own_council_id(user):
        parts.append(council_sections(user, today=today))
    if permissions.is_peer(user):
        parts.append(peer_sections(user))
    if permissions.is_board_member(user):
        parts.append(board_sections(today=today))
    sections: dict = {}
    for part in parts:
        for key, value in part.items():
            sections.setdefault(key, value)
    return sections


def board_sections(*, today) -> dict:
    """The year so far against the targets, and the last full year's report."""
    year, quarter = year_start(today).year, quarter_of(today)
    now = timezone.now() if today == timezone.localdate() else end_of(today)
    return {
        "board_year": year_label(year),
        "board_quarter": quarter,
        "board_return": quarterly_return(year, quarter, now=now),
        "board_last_year": year - 1,
        "board_last_year_label": year_label(year - 1),
    }


def _owed(engagements, *, today, keep) -> list[Owed]:
    """Engagements with at least one deadline `keep` accepts or an overdue action."""
    engagements = list(deadlines.with_deadline_data(engagements.exclude(status__in=FINISHED)))
    actions: dict[int, list] = {}
    for action in deadlines.overdue_actions_for([e.pk for e in engagements], today):
        actions.setdefault(action.recommendation.section.report.engagement_id, []).append(action)
    owed = []
    for engagement in engagements:
        found = [d for d in deadlines.deadlines_for(engagement, today) if keep(d)]
        if found or engagement.pk in actions:
            owed.append(Owed(engagement, found, actions.get(engagement.pk, [])))
    return owed


# Programme staff and administrators


def manager_sections(user, *, today) -> dict:
    labels = dict(STATUS_CHOICES)
    counts = dict(
        Engagement.objects.filter(manager=user)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_stage = [
        {
            "status": value,
            "label": labels[value],
            "count": counts[value],
            "url": reverse("engagements:list") + "?" + urlencode({"status": value, "mine": "on"}),
        }
        for value, _label in STATUS_CHOICES
        if value in counts
    ]
    stage_table = Table(_("My engagements by stage"), [_("Stage"), _("Engagements")], numeric={1})
    for row in by_stage:
        stage_table.add(
            format_html('<a class="govuk-link" href="{}">{}</a>', row["url"], row["label"]),
            row["count"],
        )
    overdue = short_list(overdue_engagements(today=today))
    return {
        "my_engagements_by_stage": by_stage,
        "stage_table": stage_table,
        "overdue": overdue,
        "overdue_table": overdue_table(overdue, _("Overdue")),
    }


def overdue_engagements(*, today) -> list[Owed]:
    """Every unfinished engagement with an overdue deadline or action, newest first."""
    return _owed(
        Engagement.objects.all(), today=today, keep=lambda d: d.state == deadlines.State.OVERDUE
    )


def overdue_table(owed_rows, caption) -> Table:
    table = Table(caption, [_("Engagement"), _("What is overdue")])
    for owed in owed_rows:
        table.add(_engagement_link(owed.engagement), _owed_text(owed))
    return table


def _engagement_link(engagement) -> str:
    return link(
        f"{engagement.offer.name}: {engagement.council.short_name}",
        "engagements:detail",
        engagement.pk,
    )


def _owed_text(owed: Owed) -> str:
    parts = [
        _("%(what)s (due %(due)s)") % {"what": d.label, "due": _day(d.due_on)}
        for d in owed.deadlines
    ]
    if owed.actions:
        n = len(owed.actions)
        parts.append(
            ngettext(
                "%(n)s overdue action in the action plan",
                "%(n)s overdue actions in the action plan",
                n,
            )
            % {"n": n}
        )
    return "; ".join(parts)


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


# Principal advisers


def _went_ahead(engagements):
    return engagements.exclude(status__in=Exit.values)


def adviser_sections(user, *, today) -> dict:
    councils = (
        Council.objects.current(today)
        .principal()
        .filter(region__principal_advisers=user)
        .select_related("region")
        .order_by("short_name")
    )
    never = councils.exclude(Exists(_went_ahead(Engagement.objects.filter(council=OuterRef("pk")))))
    sections = {
        "waiting": short_list(engagements_waiting_for_adviser(user)),
        "never_challenged": list(never),
        "cpc_due": None,
    }
    offer = Offer.objects.filter(slug=CPC).first()
    if offer is None or not offer.entitlement_cycle_years:
        return sections
    # An engagement's date is its earliest date that suits, else the day it was asked for.
    latest_cpc = Subquery(
        _went_ahead(Engagement.objects.filter(council=OuterRef("pk"), offer=offer))
        .annotate(started=Coalesce("preferred_from", TruncDate("requested_at")))
        .order_by("-started")
        .values("started")[:1]
    )
    cutoff = deadlines.add_months(today, -12 * offer.entitlement_cycle_years)
    due = councils.annotate(last_cpc=latest_cpc).filter(
        Q(last_cpc__isnull=True) | Q(last_cpc__lt=cutoff)
    )
    table = Table(
        _("Councils due a %(offer)s") % {"offer": offer.name},
        [_("Council"), _("Last %(offer)s") % {"offer": offer.name}],
    )
    for council in due:
        table.add(
            link(council.short_name, "councils:detail", council.code),
            _day(council.last_cpc) if council.last_cpc else _("Never"),
        )
    sections.update(
        {
            "cpc_offer": offer,
            "cpc_due": list(due),
            "cpc_table": table,
        }
    )
    return sections


# Council contacts


def council_sections(user, *, today) -> dict:
    ours = engagements_visible_to(user)
    owed = _owed(
        ours,
        today=today,
        keep=lambda d: d.owner == deadlines.Owner.COUNCIL and not d.is_met,
    )
    checks = Report.objects.filter(
        engagement__in=ours, status=Report.Status.ACCURACY_CHECK
    ).select_related("engagement__offer", "engagement__council")
    return {
        "our_engagements": short_list(ours),
        "we_owe": owed,
        "accuracy_checks": list(checks),
    }


# Peers


def peer_sections(user) -> dict:
    invitations = (
        TeamMember.objects.filter(peer__user=user, status=MemberStatus.INVITED)
        .select_related("engagement__council", "engagement__offer")
        .order_by("invited_at")
    )
    sessions = (
        Booking.objects.filter(
            peer__user=user,
            live=True,
            session__cancelled=False,
            session__starts_at__gte=timezone.now(),
        )
        .select_related("session__engagement__council", "session__engagement__offer")
        .order_by("session__starts_at")
    )
    return {"invitations": list(invitations), "upcoming_bookings": list(sessions)}
