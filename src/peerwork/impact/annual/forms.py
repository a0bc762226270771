"""Choosing the year of the annual report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.periods import year_label


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        error_messages={"required": _("Select a year"), "invalid_choice": _("Select a year")},
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, year_label(y)) for y in years]
