"""Staff forms for the peer pool."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import CsvUploadForm, DateField
from peerwork.councils.models import Council, CouncilType, Party, Region
from peerwork.peers.models import (
    MEMBER_ROLES,
    CouncilRole,
    Peer,
    PeerKind,
    PeerStatus,
    Skill,
    SkillLevel,
)

ANY = [("", _("Any"))]


class DirectoryFilterForm(forms.Form):
    name = forms.CharField(label=_("Name or email"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    min_level = forms.TypedChoiceField(
        label=_("At least level"), required=False, coerce=int, empty_value=None
    )
    region = forms.ChoiceField(label=_("Home region"), required=False)
    council_type = forms.ChoiceField(label=_("Knows councils of type"), required=False)
    party = forms.ChoiceField(label=_("Party"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    accreditation_expiring = forms.BooleanField(
        label=_("Accreditation expiring soon"), required=False
    )
    load = forms.ChoiceField(
        label=_("Load this year"),
        required=False,
        choices=[
            ("", _("Any")),
            ("unused", _("Not used this year")),
            ("full", _("At or over capacity")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name, A to Z")),
            ("-name", _("Name, Z to A")),
            ("council", _("Home council")),
            ("kind", _("Kind")),
            ("skills", _("Most skills")),
            ("load", _("Most used this year")),
        ],
    )

    def __init__(self, *args, show_party: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ANY + list(PeerKind.choices)
        self.fields["skill"].choices = ANY + list(Skill.objects.values_list("slug", "name"))
        self.fields["min_level"].choices = ANY + list(SkillLevel.choices)
        self.fields["region"].choices = ANY + list(Region.objects.values_list("slug", "name"))
        self.fields["council_type"].choices = ANY + [
            c for c in CouncilType.choices if c[0] not in ("COMB", "SRA")
        ]
        self.fields["status"].choices = ANY + list(PeerStatus.choices)
        if show_party:
            self.fields["party"].choices = ANY + list(
                Party.objects.values_list("short_name", "name")
            )
        else:
            del self.fields["party"]


class PeerForm(forms.ModelForm):
    """Staff edit of a peer's core record (managers only, who may see the party)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Peer
        fields = [
            "kind",
            "full_name",
            "email",
            "phone",
            "home_council",
            "home_role",
            "party",
            "status",
            "capacity_engagements",
            "capacity_days",
            "experience",
        ]
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect}
        error_messages = {
            "full_name": {"required": _("Enter the peer's full name")},
            "email": {
                "required": _("Enter the peer's email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.org"),
                "unique": _("Another peer already has this email address"),
            },
            "kind": {"required": _("Choose member peer or officer peer")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_council"].queryset = Council.objects.current().principal()
        self.fields["home_council"].empty_label = _("Choose a council")
        self.fields["party"].empty_label = _("No party (officer peers)")
        self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        kind, role, party = data.get("kind"), data.get("home_role"), data.get("party")
        if kind == PeerKind.OFFICER and party:
            self.add_error("party", _("Officer peers have no party: choose No party"))
        if kind == PeerKind.MEMBER and role and role not in MEMBER_ROLES:
            self.add_error("home_role", _("Choose a councillor's role for a member peer"))
        if kind == PeerKind.OFFICER and role in MEMBER_ROLES:
            self.add_error("home_role", _("Choose an officer's role for an officer peer"))
        return data


class AccreditationForm(forms.Form):
    name = forms.CharField(
        label=_("Training or accreditation"),
        max_length=120,
        error_messages={
            "required": _("Enter the training or accreditation, like CPC peer training")
        },
    )
    completed_on = DateField(label=_("Completed on"))
    expires_on = DateField(label=_("Expires on"), required=False)

    def clean(self):
        data = super().clean()
        done, expires = data.get("completed_on"), data.get("expires_on")
        if done and expires and expires <= done:
            self.add_error("expires_on", _("The expiry date must be after the completion date"))
        return data


class FormerRoleForm(forms.Form):
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Council.objects.principal(),
        empty_label=_("Choose a council"),
        error_messages={"required": _("Choose the council")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=CouncilRole.choices)
    started_on = DateField(label=_("From"), required=False)
    ended_on = DateField(label=_("Until"))

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date must be after the start date"))
        return data


class PoolImportForm(CsvUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("CSV file of peers")
        self.fields["file"].help_text = _(
            "Columns as in the export: email, full_name, kind, home_council_code, ..."
        )
