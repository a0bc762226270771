from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.accounts.two_factor.services import ENTER_CODE, WRONG_CODE

ENTER_FIRST_CODE = _("Enter the code your authenticator app shows")


class FirstCodeForm(forms.Form):
    """The first code from a newly added authenticator app, which proves it holds the key."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": ENTER_FIRST_CODE, "max_length": WRONG_CODE},
    )


class CodeForm(forms.Form):
    """A code at sign-in: from the app, or a recovery code (letters and numbers)."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_(
            "The 6-digit code your authenticator app shows for peerwork. If you cannot use "
            "your app, enter one of your recovery codes."
        ),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={"required": ENTER_CODE, "max_length": WRONG_CODE},
    )
