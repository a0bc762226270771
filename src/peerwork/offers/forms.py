from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.offers.models import Offer, Stage, TeamPlace


class OfferForm(forms.ModelForm):
    themes_text = forms.CharField(
        label=_("Core components or themes"),
        help_text=_("One on each line."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    stages = forms.MultipleChoiceField(
        label=_("Lifecycle stages this offer uses"),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one stage")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Offer
        fields = [
            "name",
            "summary",
            "format",
            "typical_length",
            "length_days",
            "stages",
            "report_within_weeks",
            "action_plan_within_months",
            "action_plan_latest_months",
            "progress_review_after_months",
            "progress_review_from",
            "entitlement_cycle_years",
            "host_chooses_team",
            "counts_as",
            "how_to_ask",
            "is_active",
        ]
        widgets = {"format": forms.RadioSelect, "progress_review_from": forms.RadioSelect}
        error_messages = {
            "name": {
                "required": _("Enter the offer's name"),
                "unique": _("Another offer has this name"),
            },
            "summary": {"required": _("Enter a summary councils will read")},
            "typical_length": {"required": _("Enter the typical length, like 4 days")},
            "length_days": {
                "required": _("Enter the peer days per peer, like 4 or 0.5"),
                "invalid": _("Peer days must be a number, like 4 or 0.5"),
            },
            "format": {"required": _("Choose the format")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes_text"].initial = "\n".join(self.instance.themes or [])
        self.fields["version"].initial = self.instance.version
        for name in (
            "report_within_weeks",
            "action_plan_within_months",
            "action_plan_latest_months",
            "progress_review_after_months",
            "entitlement_cycle_years",
        ):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-3"
            self.fields[name].error_messages["invalid"] = _(
                "Enter a whole number of months or weeks"
            )

    def clean(self):
        data = super().clean()
        within, latest = (
            data.get("action_plan_within_months"),
            data.get("action_plan_latest_months"),
        )
        if within and latest and latest < within:
            self.add_error(
                "action_plan_latest_months",
                _("The latest date for the action plan cannot be before its usual deadline"),
            )
        data["themes"] = [t.strip() for t in data.get("themes_text", "").splitlines() if t.strip()]
        return data


class TeamPlaceForm(forms.ModelForm):
    skills_text = forms.CharField(
        label=_("Required skills"), help_text=_("Separate skills with commas."), required=False
    )

    class Meta:
        model = TeamPlace
        fields = ["role", "count", "peer_kind", "accreditation_required"]
        error_messages = {
            "role": {"required": _("Enter the role, like Lead member peer")},
            "count": {
                "invalid": _("Enter how many peers, like 1"),
                "min_value": _("Enter at least 1"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills_text"].initial = ", ".join(self.instance.required_skills or [])

    def clean_skills_text(self):
        text = self.cleaned_data["skills_text"]
        return [s.strip().lower() for s in text.split(",") if s.strip()]


# More kinds of place than any team has; also the most forms a posted team is read
# into, however many it claims (TOTAL_FORMS), so a forged count costs nothing.
MOST_PLACES = 20


class BaseTeamPlaceFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": _("A team template can have at most %(num)d kinds of place"),
    }


TeamPlaceFormSet = forms.inlineformset_factory(
    Offer,
    TeamPlace,
    form=TeamPlaceForm,
    formset=BaseTeamPlaceFormSet,
    extra=1,
    can_delete=True,
    max_num=MOST_PLACES,
    absolute_max=MOST_PLACES,
    validate_max=True,
)
