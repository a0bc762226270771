"""Forms for programme records: one per kind, all drawn by one template."""

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import DecimalValidator
from django.utils.translation import gettext_lazy as _

from peerwork.core import versioning as services
from peerwork.core.forms import CsvUploadForm, DateField, SearchField
from peerwork.councils.models import Council
from peerwork.programmes.models import (
    ClimateParticipation,
    ExpertEngagement,
    HousingBid,
    HousingProject,
    HousingSurveyResponse,
    LeadershipCohort,
    LeadershipParticipant,
    NgdpCohort,
    NgdpPlacement,
    PollingRound,
    Saving,
)

NARROW = "govuk-input--width-5"
MONEY = "govuk-input--width-10"
_DEFAULT_REQUIRED = str(forms.Field.default_error_messages["required"])
_END_BEFORE_START = _("The end date must be the same as or after the start date")


class RecordForm(forms.ModelForm):
    """A record's fields, plain-English errors, and the version the edit began from."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    widths: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = (
            services.edit_token(self.instance) if self.instance.pk else ""
        )
        for name, field in self.fields.items():
            label = str(field.label or name).lower()
            if str(field.error_messages.get("required", "")) == _DEFAULT_REQUIRED:
                choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
                message = _("Choose %(label)s") if choose else _("Enter %(label)s")
                field.error_messages["required"] = message % {"label": label}
            if isinstance(field, forms.IntegerField | forms.DecimalField):
                field.error_messages["invalid"] = _("%(label)s must be a number") % {
                    "label": label.capitalize()
                }
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Council:
                field.queryset = Council.objects.order_by("short_name")
                field.empty_label = _("Choose a council")

    def layout(self):
        """Each visible field with the width class its input should have."""
        return [
            (self[name], self.widths.get(name, "")) for name in self.fields if name != "version"
        ]

    def record_fields(self) -> dict:
        """The values to save, by model field."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def _dates_in_order(self, first: str, then: str, message=_END_BEFORE_START) -> None:
        start, end = self.cleaned_data.get(first), self.cleaned_data.get(then)
        if start and end and end < start:
            self.add_error(then, message)

    def _not_taken(self, name: str, message) -> None:
        """A title that other records refer to by name must be unique to one record."""
        value = self.cleaned_data.get(name)
        others = type(self.instance).objects.exclude(pk=self.instance.pk)
        if value and others.filter(**{name: value}).exists():
            self.add_error(name, message)


class LeadershipCohortForm(RecordForm):
    starts_on = DateField(label=_("Starts on"), label_for_errors=_("the day the cohort starts"))
    ends_on = DateField(
        label=_("Ends on"), label_for_errors=_("the day the cohort ends"), required=False
    )
    widths = {"places": NARROW}

    class Meta:
        model = LeadershipCohort
        fields = ["programme", "name", "starts_on", "ends_on", "places"]
        widgets = {"programme": forms.RadioSelect}
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("This programme already has a cohort with this name")
            },
        }

    def clean(self):
        data = super().clean()
        self._dates_in_order("starts_on", "ends_on")
        return data


class LeadershipParticipantForm(RecordForm):
    class Meta:
        model = LeadershipParticipant
        fields = ["cohort", "full_name", "council", "party", "enrolled", "attended", "completed"]
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("This councillor from this council is already on this cohort")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].empty_label = _("Choose a cohort")
        self.fields["party"].empty_label = _("Not given")
        self.fields["party"].help_text = _(
            "Special-category data: only programme staff and administrators see it."
        )

    def clean(self):
        data = super().clean()
        if data.get("attended") and not data.get("enrolled"):
            self.add_error("attended", _("Only a councillor who took a place can attend"))
        if data.get("completed") and not data.get("attended"):
            self.add_error("completed", _("Only a councillor who attended can complete"))
        return data


class NgdpCohortForm(RecordForm):
    recruitment_closed_on = DateField(
        label=_("Recruitment closed on"), label_for_errors=_("the day recruitment closed")
    )
    widths = {"intake_year": "govuk-input--width-4", "applications": NARROW}

    class Meta:
        model = NgdpCohort
        fields = ["intake_year", "name", "applications", "recruitment_closed_on"]
        error_messages = {"intake_year": {"unique": _("There is already a cohort for this year")}}


class NgdpPlacementForm(RecordForm):
    started_on = DateField(
        label=_("Started on"), label_for_errors=_("the day the graduate started")
    )

    class Meta:
        model = NgdpPlacement
        fields = ["cohort", "graduate_name", "council", "started_on"]
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("This graduate is already placed at this council")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].empty_label = _("Choose a cohort")


class ExpertEngagementForm(RecordForm):
    started_on = DateField(label=_("Started on"), label_for_errors=_("the day the work started"))
    ended_on = DateField(
        label=_("Ended on"), label_for_errors=_("the day the work ended"), required=False
    )

    class Meta:
        model = ExpertEngagement
        fields = ["council", "expert_name", "topic", "started_on", "ended_on"]

    def clean(self):
        data = super().clean()
        self._dates_in_order("started_on", "ended_on")
        return data


class SavingForm(RecordForm):
    amount = forms.DecimalField(
        label=_("Amount in pounds"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        error_messages={"min_value": _("The amount must not be negative")},
    )
    verified_on = DateField(label=_("Verified on"), label_for_errors=_("the day it was verified"))
    widths = {"amount": MONEY}

    class Meta:
        model = Saving
        fields = ["council", "kind", "amount", "description", "verified_on", "expert_engagement"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        engagements = self.fields["expert_engagement"]
        engagements.queryset = ExpertEngagement.objects.select_related("council")
        engagements.empty_label = _("None")
        engagements.help_text = _("Only if the saving came from an engagement with this council.")

    def clean(self):
        data = super().clean()
        engagement, council = data.get("expert_engagement"), data.get("council")
        if engagement and council and engagement.council_id != council.pk:
            self.add_error(
                "expert_engagement", _("Choose an expert engagement with the same council")
            )
        return data


class ClimateParticipationForm(RecordForm):
    took_part_on = DateField(label=_("Took part on"), label_for_errors=_("the day they took part"))

    class Meta:
        model = ClimateParticipation
        fields = ["council", "activity", "took_part_on"]
        widgets = {"activity": forms.RadioSelect}
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("This council's part in this activity on this day is recorded")
            },
        }


class HousingBidForm(RecordForm):
    submitted_on = DateField(
        label=_("Submitted on"), label_for_errors=_("the day it was submitted")
    )
    awarded_amount = forms.DecimalField(
        label=_("Amount awarded in pounds"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        error_messages={"min_value": _("The amount must not be negative")},
    )
    widths = {"awarded_amount": MONEY}

    class Meta:
        model = HousingBid
        fields = ["title", "council", "submitted_on", "outcome", "awarded_amount"]
        widgets = {"outcome": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        self._not_taken("title", _("Another bid has this title"))
        outcome, amount = data.get("outcome"), data.get("awarded_amount")
        if amount is not None and outcome and outcome != HousingBid.Outcome.AWARDED:
            self.add_error("awarded_amount", _("Give an amount only for an awarded bid"))
        return data


class HousingProjectForm(RecordForm):
    council_codes = forms.CharField(
        label=_("Councils"),
        help_text=_("Local-authority codes separated by spaces or semicolons, like BIR;SOL"),
        error_messages={"required": _("Enter the code of at least one council")},
    )
    started_on = DateField(label=_("Started on"), label_for_errors=_("the day it started"))
    completed_on = DateField(
        label=_("Completed on"), label_for_errors=_("the day it was completed"), required=False
    )

    class Meta:
        model = HousingProject
        fields = ["bid", "title", "council_codes", "started_on", "completed_on", "outcome"]
        error_messages = {"bid": {"required": _("Choose the bid that funded the project")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].empty_label = _("Choose a bid")
        if self.instance.pk:
            self.fields["council_codes"].initial = "; ".join(
                self.instance.councils.order_by("code").values_list("code", flat=True)
            )

    def clean_council_codes(self):
        codes = [c for c in re.split(r"[\s;]+", self.cleaned_data["council_codes"]) if c]
        wanted = {c.upper() for c in codes}
        councils = {c.code.upper(): c for c in Council.objects.all() if c.code.upper() in wanted}
        unknown = [c for c in codes if c.upper() not in councils]
        if unknown:
            raise forms.ValidationError(
                _("These codes are not councils in the register: %(codes)s")
                % {"codes": ", ".join(unknown)}
            )
        return list({councils[c.upper()].pk: councils[c.upper()] for c in codes}.values())

    def clean(self):
        data = super().clean()
        self._not_taken("title", _("Another project has this title"))
        self._dates_in_order("started_on", "completed_on")
        return data

    def record_fields(self) -> dict:
        fields = {n: self.cleaned_data[n] for n in self._meta.fields if n != "council_codes"}
        fields["councils"] = self.cleaned_data["council_codes"]
        return fields


class HousingSurveyResponseForm(RecordForm):
    submitted_on = DateField(
        label=_("Submitted on"), label_for_errors=_("the day it was submitted")
    )
    lasting_positive_impact = forms.TypedChoiceField(
        label=_("Did they report a lasting positive impact?"),
        choices=[("True", _("Yes")), ("False", _("No"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no")},
    )

    class Meta:
        model = HousingSurveyResponse
        fields = ["project", "submitted_on", "lasting_positive_impact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].empty_label = _("Choose a project")


class PollingRoundForm(RecordForm):
    fieldwork_from = DateField(
        label=_("Fieldwork from"), label_for_errors=_("the first day of fieldwork")
    )
    fieldwork_to = DateField(
        label=_("Fieldwork to"), label_for_errors=_("the last day of fieldwork")
    )
    widths = {"number": NARROW, "sample_size": NARROW} | {
        name: "govuk-input--width-4" for name in PollingRound.INDICATORS
    }

    class Meta:
        model = PollingRound
        fields = [
            "number",
            "fieldwork_from",
            "fieldwork_to",
            "sample_size",
            *PollingRound.INDICATORS,
        ]
        error_messages = {"number": {"unique": _("There is already a round with this number")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PollingRound.INDICATORS:
            field = self.fields[name]
            field.help_text = _("Per cent of residents, from 0 to 100, like 62.5")
            field.validators = [_percentage_validator(field.label)]

    def clean(self):
        data = super().clean()
        self._dates_in_order(
            "fieldwork_from",
            "fieldwork_to",
            _("The last day of fieldwork must be the same as or after the first"),
        )
        return data


def _percentage_validator(label):
    """Out of range first, so 1000 gets one plain message rather than two."""
    places = DecimalValidator(max_digits=4, decimal_places=1)

    def validate(value):
        if not 0 <= value <= 100:
            raise forms.ValidationError(
                _("%(label)s must be a percentage from 0 to 100") % {"label": label}
            )
        places(value)

    return validate


class YearFilterForm(forms.Form):
    """Which April-to-March year a list shows, and what its search box looks for (GET
    parameters). A kind whose records have nothing to search has no search box."""

    q = SearchField(label=_("Search"))

    year = forms.TypedChoiceField(
        label=_("Year (April to March)"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a year from the list")},
    )

    def __init__(self, *args, years, search_hint="", **kwargs):
        super().__init__(*args, **kwargs)
        if search_hint:
            self.fields["q"].help_text = search_hint
        else:
            del self.fields["q"]
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(start.year), f"{start.year}/{(start.year + 1) % 100:02d}") for start in years
        ]


class ImportForm(CsvUploadForm):
    """A CSV file of one kind of programme record."""
