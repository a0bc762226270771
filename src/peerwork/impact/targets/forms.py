"""Forms for the targets agreed with government and the quarterly return."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerwork.core.periods import year_label, year_start
from peerwork.impact.annual.forms import YearForm
from peerwork.impact.models import Target


class QuarterForm(YearForm):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[
            (1, _("Q1: April to June")),
            (2, _("Q2: April to September")),
            (3, _("Q3: April to December")),
            (4, _("Q4: the whole year")),
        ],
        error_messages={"required": _("Select a quarter")},
    )


class TargetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    figure = forms.ChoiceField(label=_("Figure"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    class Meta:
        model = Target
        fields = ["year", "figure", "value", "due_quarter", "note"]
        help_texts = {
            "value": _(
                "A number. For a share of councils or of answers, a percentage: 95 for 95%."
            ),
        }
        error_messages = {
            "value": {
                "required": _("Enter the target value"),
                "invalid": _("Enter the target value as a number, like 130 or 97.5"),
            },
            "due_quarter": {"required": _("Select the quarter by whose end it is due")},
        }

    def __init__(self, *args, **kwargs):
        from peerwork.impact.annual.figures import FIGURES

        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = [("", _("Choose a figure"))] + [
            (spec.key, f"{spec.section}: {spec.label}") for spec in FIGURES
        ]
        this_year = year_start(timezone.localdate()).year
        years = set(range(this_year - 7, this_year + 3))
        if self.instance.pk:
            years.add(self.instance.year)
        self.fields["year"].choices = [(y, year_label(y)) for y in sorted(years, reverse=True)]
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The target value must be 0 or more"))
        return value

    def clean(self):
        cleaned = super().clean()
        year, figure = cleaned.get("year"), cleaned.get("figure")
        others = Target.objects.filter(year=year, figure=figure).exclude(pk=self.instance.pk)
        if year and figure and others.exists():
            self.add_error("figure", _("This figure already has a target for that year"))
        return cleaned
