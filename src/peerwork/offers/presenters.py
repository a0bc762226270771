"""The facts on an offer's page."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def offer_summary_rows(offer) -> list[tuple]:
    rows = [
        (_("Format"), offer.get_format_display()),
        (_("Typical length"), offer.typical_length),
    ]
    if offer.report_within_weeks:
        n = offer.report_within_weeks
        rows.append(
            (_("Report"), ngettext("Within %(n)s week", "Within %(n)s weeks", n) % {"n": n})
        )
    if offer.action_plan_within_months:
        n = offer.action_plan_within_months
        text = ngettext("Within %(n)s month", "Within %(n)s months", n) % {"n": n}
        if latest := offer.action_plan_latest_months:
            text += ngettext(
                " (the action plan at the latest within %(n)s month)",
                " (the action plan at the latest within %(n)s months)",
                latest,
            ) % {"n": latest}
        rows.append((_("Report and action plan published"), text))
    if offer.progress_review_after_months:
        n = offer.progress_review_after_months
        rows.append(
            (
                _("Progress review"),
                ngettext("About %(n)s month %(start)s", "About %(n)s months %(start)s", n)
                % {"n": n, "start": offer.get_progress_review_from_display()},
            )
        )
    if offer.entitlement_cycle_years:
        n = offer.entitlement_cycle_years
        rows.append(
            (
                _("Free entitlement"),
                ngettext("Once every %(n)s year", "Once every %(n)s years", n) % {"n": n},
            )
        )
    return rows
