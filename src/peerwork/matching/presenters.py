"""Team assembly pages: the choices beside a proposed peer and a batch run's summary."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _


def adjustment_checkboxes(place, *, locked: bool) -> dict:
    """Lock or exclude the proposed peer for a place: lock-<n> and exclude-<n>, each "1"."""
    lock, exclude = f"lock-{place.number}", f"exclude-{place.number}"
    return {
        "idPrefix": lock,
        "name": lock,
        "classes": "govuk-checkboxes--small",
        "items": [
            {
                "name": lock,
                "id": lock,
                "value": "1",
                "text": _("Lock this choice for %(role)s") % {"role": place.role},
                "checked": locked,
            },
            {
                "name": exclude,
                "id": exclude,
                "value": "1",
                "text": _("Exclude this peer from %(role)s") % {"role": place.role},
            },
        ],
    }


def run_summary_rows(run) -> list[tuple]:
    summary, result = run.summary, run.result
    return [
        (_("Engagements"), summary.get("engagements", "")),
        (_("Places filled"), f"{summary.get('filled', '')} / {summary.get('places', '')}"),
        (_("Places unfilled"), summary.get("unfilled", "")),
        (
            _("Load spread"),
            _(
                "%(used)s peers used of %(pool)s active; at most %(most)s engagements each "
                "in this run"
            )
            % {
                "used": summary.get("peers_used", ""),
                "pool": summary.get("pool", ""),
                "most": summary.get("most_per_peer", ""),
            },
        ),
        (
            _("Solver"),
            _("%(status)s, gap to the bound %(gap)s, %(seconds)s seconds")
            % {
                "status": result.get("status", ""),
                "gap": floatformat(result.get("gap"), 4),
                "seconds": floatformat(result.get("seconds"), 1),
            },
        ),
    ]
