"""The list of user accounts."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peerwork.accounts import permissions
from peerwork.core.presenters import Table, tag


def user_table(page, viewer) -> Table:
    """A page of accounts; a name links to the account's form when the viewer may edit it."""
    n = page.paginator.count
    table = Table(
        ngettext("%(n)s person", "%(n)s people", n) % {"n": n},
        [_("Name"), _("Email"), _("Role"), _("Status")],
    )
    for account in page:
        name = account.full_name
        if permissions.may_edit_account(viewer, account):
            name = format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("accounts:user-edit", args=[account.pk]),
                name,
            )
        places = ([account.council.short_name] if account.council else []) + [
            r.name for r in account.advised_regions.all()
        ]
        table.add(
            name,
            account.email,
            format_html(
                "{}{}",
                ", ".join(account.role_labels()),
                format_html_join(
                    "", '<br><span class="govuk-body-s">{}</span>', ((p,) for p in places)
                ),
            ),
            _status(account),
        )
    return table


def _status(account):
    if not account.is_active:
        return tag(_("Closed"), "grey")
    if not account.has_usable_password():
        return tag(_("Invited"), "blue")
    return tag(_("Active"), "green")
