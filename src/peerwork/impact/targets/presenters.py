"""The quarterly return's table of targets."""

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from peerwork.core.presenters import Table, hidden_link, tag


def targets_table(lines, *, can_manage: bool) -> Table:
    table = Table(
        _("Targets"),
        [_("Figure"), _("Target"), _("Due"), _("Expected by now"), _("Figure now"), _("Status")],
        numeric={1, 3, 4},
    )
    for line in lines:
        percent = "%" if line.spec.unit == "share" else ""
        figure = line.spec.label
        if can_manage:
            figure = format_html(
                "{} {}",
                figure,
                hidden_link(
                    _("Change"),
                    reverse("impact:target-edit", args=[line.target.pk]),
                    _("the target for %(figure)s") % {"figure": line.spec.label},
                ),
            )
        table.add(
            figure,
            f"{floatformat(line.target.value, '-2g')}{percent}",
            f"Q{line.target.due_quarter}",
            f"{floatformat(line.expected, '-1g')}{percent}",
            line.shown,
            tag(line.status_label, line.tag_colour),
        )
    return table
