"""The questions of the public application to become a peer: one thing per page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import SearchField
from peerwork.councils.models import Council, Party
from peerwork.peers.models import (
    MEMBER_ROLES,
    ApplicationStatus,
    CouncilRole,
    DiversityRecord,
    Peer,
    PeerApplication,
    PeerKind,
    Skill,
    SkillLevel,
)


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Are you a councillor or a council officer?"),
        choices=[
            (PeerKind.MEMBER, _("A councillor: I would be a member peer")),
            (PeerKind.OFFICER, _("A senior officer: I would be an officer peer")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose councillor or officer")},
    )


class NameForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages={"required": _("Enter your full name")}
    )
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        pending = PeerApplication.objects.filter(
            email=email,
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFORMATION],
        )
        if Peer.objects.filter(email=email).exists() or pending.exists():
            raise forms.ValidationError(
                _("You have already applied or are already a peer with this email address")
            )
        return email


class CouncilForm(forms.Form):
    home_council = forms.ModelChoiceField(
        label=_("Your council"),
        queryset=Council.objects.none(),
        empty_label=_("Choose your council"),
        error_messages={"required": _("Choose your council")},
    )
    home_role = forms.ChoiceField(
        label=_("Your role there"),
        choices=[("", _("Choose your role"))] + list(CouncilRole.choices),
        error_messages={"required": _("Choose your role at the council")},
    )

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["home_council"].queryset = Council.objects.current().principal()

    def clean_home_role(self):
        role = self.cleaned_data["home_role"]
        if self.kind == PeerKind.MEMBER and role not in MEMBER_ROLES:
            raise forms.ValidationError(_("Choose a councillor's role, like cabinet member"))
        if self.kind == PeerKind.OFFICER and role in MEMBER_ROLES:
            raise forms.ValidationError(_("Choose an officer's role, like chief executive"))
        return role


class PartyForm(forms.Form):
    party = forms.ModelChoiceField(
        label=_("Your political party or group"),
        help_text=_(
            "Member peers are recruited through the political group offices. Only the "
            "programme team sees your answer."
        ),
        queryset=Party.objects.all(),
        empty_label=_("Choose your party"),
        error_messages={"required": _("Choose your party or group")},
    )


class SkillsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = list(Skill.objects.all())
        for skill in self.skills:
            self.fields[skill.slug] = forms.TypedChoiceField(
                label=skill.name,
                choices=[("", _("Not a skill of mine"))] + list(SkillLevel.choices),
                coerce=int,
                empty_value=None,
                required=False,
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(s.slug) for s in self.skills):
            raise forms.ValidationError(_("Choose a level for at least one skill"))
        return {slug: level for slug, level in data.items() if level}


class ExperienceForm(forms.Form):
    experience = forms.CharField(
        label=_("Tell us about your experience"),
        help_text=_("Roles you have held, what you have led, and what you could bring to a team."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Tell us about your experience"),
            "max_length": _("Your experience must be 3,000 characters or fewer"),
        },
    )


class DiversityForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I agree that the association keeps these answers to monitor the diversity of its "
            "peers. Only the programme team sees them, and I can withdraw at any time."
        ),
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("No answer"))] + list(DiversityRecord.Gender.choices),
        required=False,
    )
    disability = forms.ChoiceField(
        label=_("Do you consider yourself to have a disability? (optional)"),
        choices=[("", _("No answer"))] + list(DiversityRecord.YesNo.choices),
        required=False,
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnic group (optional)"),
        choices=[("", _("No answer"))] + list(DiversityRecord.Ethnicity.choices),
        required=False,
    )

    def clean(self):
        data = super().clean()
        answered = any(data.get(k) for k in ("gender", "disability", "ethnicity"))
        if answered and not data.get("consent"):
            self.add_error("consent", _("Tick the box to agree, or leave these questions blank"))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            ("approve", _("Approve: add them to the pool and invite them to sign in")),
            ("more", _("Ask for more information")),
            ("reject", _("Do not accept")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision")},
    )
    note = forms.CharField(
        label=_("Reason or question for the applicant"),
        help_text=_("Needed when you ask for more information or do not accept. We email it."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", _("Give the reason you are not accepting the application"))
        if data.get("decision") == "more" and not data.get("note", "").strip():
            self.add_error("note", _("Write the question you want the applicant to answer"))
        return data


class ApplicationSearchForm(forms.Form):
    """The applications list's search box (a GET parameter)."""

    q = SearchField(label=_("Name or email"))
