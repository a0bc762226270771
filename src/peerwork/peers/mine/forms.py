"""Forms a peer uses for their own record."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import DateField
from peerwork.councils.models import Council, CouncilType
from peerwork.peers.models import Peer, Skill, SkillLevel


class MyProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Peer
        fields = ["phone", "capacity_engagements", "capacity_days", "experience"]
        labels = {
            "capacity_engagements": _("Most engagements you can take a year"),
            "capacity_days": _("Most peer days you can give a year"),
        }
        error_messages = {
            "capacity_engagements": {"invalid": _("Enter a whole number, like 4")},
            "capacity_days": {"invalid": _("Enter a whole number, like 12")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class MySkillsForm(forms.Form):
    """One level question per skill in the vocabulary, and the council types known."""

    council_types = forms.MultipleChoiceField(
        label=_("Kinds of council you know well"),
        choices=[c for c in CouncilType.choices if c[0] not in ("COMB", "SRA")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = list(Skill.objects.all())
        for skill in self.skills:
            self.fields[f"skill_{skill.slug}"] = forms.TypedChoiceField(
                label=skill.name,
                choices=[("", _("Not a skill of mine"))] + list(SkillLevel.choices),
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.order_fields([f"skill_{s.slug}" for s in self.skills] + ["council_types"])

    def skill_fields(self):
        return [self[f"skill_{s.slug}"] for s in self.skills]

    def clean(self):
        data = super().clean()
        data["levels"] = {
            skill.pk: data[f"skill_{skill.slug}"]
            for skill in self.skills
            if data.get(f"skill_{skill.slug}")
        }
        if not data["levels"]:
            raise forms.ValidationError(_("Choose a level for at least one skill"))
        return data


class UnavailabilityForm(forms.Form):
    starts_on = DateField(label=_("From"), label_for_errors=_("the first day"))
    ends_on = DateField(label=_("Until"), label_for_errors=_("the last day"))
    reason = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)


class InterestForm(forms.Form):
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Council.objects.none(),
        empty_label=_("Choose a council"),
        error_messages={"required": _("Choose the council you have an interest in")},
    )
    reason = forms.CharField(
        label=_("Why you should not review it"),
        max_length=300,
        error_messages={"required": _("Say why you should not review this council")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.current().principal()
