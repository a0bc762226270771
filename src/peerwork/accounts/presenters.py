"""The list of user accounts, a person's own account, and how someone signs in."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peerwork.accounts import permissions
from peerwork.accounts.lockout import Lockout
from peerwork.core.presenters import Action, Table, tag


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


def account_rows(user, *, has_two_factor: bool, recovery_codes_left: int) -> list:
    """The person's own account page: their address, password and two-factor sign-in."""
    password = Action(_("Change"), reverse("accounts:password-change"), _("your password"))
    if has_two_factor:
        two_factor = ngettext(
            "On. You have %(n)s recovery code left.",
            "On. You have %(n)s recovery codes left.",
            recovery_codes_left,
        ) % {"n": recovery_codes_left}
        action = Action(_("Make new recovery codes"), reverse("accounts:two-factor-recovery-codes"))
    else:
        two_factor = _("Off. Turn it on to be asked for a code from your phone as you sign in.")
        action = Action(_("Set up"), reverse("accounts:two-factor-setup"), _("two-factor sign-in"))
    return [
        (_("Email address"), user.email),
        (_("Password"), "••••••••••", password),
        (_("Two-factor sign-in"), two_factor, action),
    ]


def sign_in_rows(locked: Lockout, *, has_two_factor: bool) -> list:
    """How someone's sign-in stands, for those who manage their account."""
    if locked.locked:
        status = _(
            "Locked after %(n)s failed attempts, until %(time)s unless they reset their password"
        ) % {
            "n": locked.failures,
            "time": timezone.localtime(locked.until).strftime("%H:%M"),
        }
    elif locked.failures:
        status = ngettext(
            "%(n)s failed attempt recently",
            "%(n)s failed attempts recently",
            locked.failures,
        ) % {"n": locked.failures}
    else:
        status = _("No failed attempts recently")
    return [
        (_("Signing in"), status),
        (_("Two-factor sign-in"), _("On") if has_two_factor else _("Off")),
    ]
