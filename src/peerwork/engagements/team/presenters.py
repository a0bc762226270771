"""The team page's places and the eligible peers for one place."""

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from peerwork.core import govuk
from peerwork.core.presenters import Table, hidden_link, link, tag
from peerwork.engagements.models import MemberStatus


def places_table(places, engagement, *, shortlisting: bool, feedback_open: bool) -> Table:
    table = Table(
        _("Places from the offer's team template"),
        [_("Place"), _("Peer"), _("Answer"), _("Action")],
    )
    for place in places:
        member = place.member
        skills = (
            format_html(
                '<br><span class="govuk-body-s">{}: {}</span>',
                _("skills"),
                ", ".join(place.required_skills),
            )
            if place.required_skills
            else ""
        )
        declined = format_html_join(
            "",
            '<br><span class="govuk-body-s">{}</span>',
            (
                (
                    _("%(name)s declined: %(reason)s")
                    % {"name": past.peer.full_name, "reason": past.decline_reason},
                )
                for past in place.past
            ),
        )
        if member is None:
            answer = ""
        elif member.status == MemberStatus.ACCEPTED:
            answer = tag(_("Accepted"), "green")
        else:
            answer = tag(_("Invited"), "yellow")
        action = ""
        if member is None and not engagement.is_finished:
            action = hidden_link(
                _("Shortlist peers") if shortlisting else _("Choose a peer"),
                reverse("engagements:place", args=[engagement.pk, place.number]),
                _("for %(role)s") % {"role": place.role},
            )
        elif member is not None and member.status == MemberStatus.ACCEPTED and feedback_open:
            action = hidden_link(
                _("Give feedback"),
                reverse("engagements:feedback", args=[engagement.pk, member.pk]),
                _("on %(name)s") % {"name": member.peer.full_name},
            )
        table.add(
            format_html("{}{}", place.role, skills),
            format_html(
                "{}{}",
                link(member.peer.full_name, "peers:detail", member.peer.pk)
                if member
                else _("Open"),
                declined,
            ),
            answer,
            action,
        )
    return table


def eligible_table(peers, *, part: str, shortlisting: bool, csrf_input: str) -> Table:
    """Each eligible peer with a button that invites them (or shortlists them)."""
    table = Table(
        _("Eligible peers"),
        [_("Peer"), _("Home council"), _("Distance"), _("This year"), _("Action")],
        caption_hidden=True,
    )
    label = _("Add to shortlist") if shortlisting else _("Invite")
    for peer in peers:
        button = govuk.render_component(
            "button",
            {
                "html": format_html(
                    '{}<span class="govuk-visually-hidden"> {}</span>', label, peer.full_name
                ),
                "classes": "govuk-!-margin-bottom-0",
                "preventDoubleClick": True,
            },
        )
        council = peer.home_council
        table.add(
            link(peer.full_name, "peers:detail", peer.pk),
            format_html(
                '{}<br><span class="govuk-body-s">{}</span>',
                council.short_name,
                council.region.name,
            )
            if council.region_id
            else council.short_name,
            _("Not known")
            if peer.distance_km is None
            else _("%(km)s km") % {"km": floatformat(peer.distance_km, 0)},
            _("%(n)s of %(most)s engagements, %(days)s days")
            % {
                "n": peer.load["engagements"],
                "most": peer.capacity_engagements,
                "days": floatformat(peer.load["days"] or 0, "-1"),
            },
            format_html(
                '<form method="post" novalidate>{}<input type="hidden" name="peer" value="{}">'
                '<input type="hidden" name="part" value="{}">{}</form>',
                csrf_input,
                peer.pk,
                part,
                button,
            ),
        )
    return table
