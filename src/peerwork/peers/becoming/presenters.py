"""Becoming a peer: the applicant's check page and the staff pages that review it."""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from peerwork.core.presenters import Action, Table, day, link, tag


def check_rows(rows) -> list[tuple]:
    """rows: (step, question, answer); each answer links back to its step to change it."""
    return [
        (
            key,
            linebreaksbr(value or _("Not given")),
            Action(_("Change"), reverse("peers:apply-step", args=[step]), str(key).lower()),
        )
        for step, key, value in rows
    ]


def application_table(applications) -> Table:
    table = Table(
        _("Applications"),
        [_("Applicant"), _("Kind"), _("Council"), _("Sent"), _("Status")],
        caption_hidden=True,
    )
    for a in applications:
        table.add(
            link(a.full_name, "peers:application", a.pk),
            a.get_kind_display(),
            a.home_council.short_name if a.home_council else "",
            day(a.submitted_at, "j M Y"),
            tag(a.get_status_display(), "blue"),
        )
    return table


def application_rows(application, skills) -> list[tuple]:
    """skills: (name, level) pairs. Party and diversity are special-category data: this page
    is for managers only."""
    council = application.home_council.short_name if application.home_council else ""
    rows = [
        (_("Kind"), application.get_kind_display()),
        (_("Email"), application.email),
        (_("Phone"), application.phone or _("Not given")),
        (_("Council and role"), f"{council}, {application.get_home_role_display()}"),
    ]
    if application.party:
        rows.append((_("Political party"), application.party.name))
    rows += [
        (
            _("Skills"),
            format_html_join(
                mark_safe("<br>"),  # noqa: S308 - a constant
                "{} – {}",
                skills,
            ),
        ),
        (_("Experience"), linebreaksbr(application.experience)),
        (
            _("Diversity (given with consent)"),
            "; ".join(str(v) for v in application.diversity.values())
            if application.diversity_consent
            else _("No consent given"),
        ),
    ]
    if application.decision_note:
        rows.append((_("Reason or question sent"), linebreaksbr(application.decision_note)))
    return rows
