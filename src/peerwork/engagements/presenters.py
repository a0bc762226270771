"""The engagements list, the request on an engagement's page and its deadlines."""

from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Table, choice_label, day, link, tag


def engagement_table(engagements) -> Table:
    table = Table(
        _("Engagements, newest first"), [_("Council"), _("Offer"), _("Asked for"), _("Status")]
    )
    for e in engagements:
        table.add(
            link(e.council.short_name, "engagements:detail", e.pk),
            e.offer.name,
            day(e.requested_at, "j M Y"),
            tag(choice_label(e, "status"), "blue"),
        )
    return table


def request_rows(engagement, *, show_scoping_notes: bool) -> list[tuple]:
    """What the council asked for; the scoping notes are staff's own."""
    council = engagement.council
    focus = ", ".join(engagement.help_with)
    if engagement.help_with and engagement.local_focus:
        focus += "; "
    focus += engagement.local_focus
    if engagement.preferred_from:
        dates = day(engagement.preferred_from)
        if engagement.preferred_to:
            dates += f" – {day(engagement.preferred_to)}"
    else:
        dates = _("To be agreed")
    rows = [
        (
            _("Council"),
            f"{council.official_name}, {council.region.name}"
            if council.region
            else council.official_name,
        ),
        (_("What they would like help with"), linebreaksbr(engagement.description)),
        (_("Focus"), focus or _("To be agreed at scoping")),
        (_("Dates"), dates),
        (
            _("Peer challenge manager"),
            (engagement.manager.full_name if engagement.manager else "") or _("Not chosen yet"),
        ),
        (
            _("Contact"),
            format_html(
                '{0} (<a class="govuk-link" href="mailto:{1}">{1}</a>)',
                engagement.contact_name,
                engagement.contact_email,
            ),
        ),
    ]
    if show_scoping_notes and engagement.scoping_notes:
        rows.append((_("Scoping notes"), linebreaksbr(engagement.scoping_notes)))
    return rows


def deadline_rows(deadlines) -> list[tuple]:
    rows = []
    for d in deadlines:
        met = (
            format_html(
                '<br><span class="govuk-body-s">{}</span>',
                _("Met on %(on)s") % {"on": day(d.met_on)},
            )
            if d.met_on
            else ""
        )
        rows.append(
            (
                d.label,
                format_html("{}<br>{}{}", day(d.due_on), tag(d.state_label, d.state_colour), met),
            )
        )
    return rows
