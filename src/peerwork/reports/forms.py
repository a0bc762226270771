from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import DateField, FilterChoiceField, SearchField
from peerwork.reports.models import Action
from peerwork.reports.selectors import PublishedFilters


class SectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    strengths = forms.CharField(
        label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    notable_practice = forms.CharField(
        label=_("Notable practice"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        help_text=_("One recommendation a line. They are numbered across the whole report."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
    )

    def recommendation_lines(self) -> list[str]:
        return self.cleaned_data["recommendations"].splitlines()


class SummaryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Key messages"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment on this section"),
        help_text=_("Point out anything that is factually wrong, and what is right."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Write your comment")},
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How it was resolved"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": _("Say how the comment was resolved")},
    )


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.CharField(
        label=_("What the council will do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Say what the council will do")},
    )
    owner = forms.CharField(
        label=_("Owner"),
        help_text=_("The person or team responsible, for example: Director of Finance."),
        max_length=200,
        error_messages={"required": _("Enter who owns the action")},
    )
    due_on = DateField(label=_("Due date"))
    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, widget=forms.RadioSelect
    )
    progress_notes = forms.CharField(
        label=_("Progress notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    progress_statement = forms.CharField(
        label=_("Progress statement for the review"),
        help_text=_("What has changed since the peer challenge, with evidence."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args, with_statement: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_statement:
            del self.fields["progress_statement"]


class PublishedFilterForm(forms.Form):
    """The public list's search and filters (GET parameters). A value that is not one of
    the choices is refused with a message and the other filters still apply."""

    q = SearchField(label=_("Council"), max_length=100)
    offer = FilterChoiceField(label=_("Support"), invalid=_("Choose support from the list"))
    region = FilterChoiceField(label=_("Region"), invalid=_("Choose a region from the list"))
    year = FilterChoiceField(
        label=_("Year published"),
        invalid=_("Choose a year from the list"),
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["offer"].choices = everything + [(o.slug, o.name) for o in choices["offers"]]
        self.fields["region"].choices = everything + [(r.slug, r.name) for r in choices["regions"]]
        self.fields["year"].choices = everything + [(str(y), str(y)) for y in choices["years"]]

    def filters(self) -> PublishedFilters:
        self.is_valid()
        found = self.cleaned_data
        return PublishedFilters(
            council=found.get("q", ""),
            offer=found.get("offer", ""),
            region=found.get("region", ""),
            year=found.get("year"),
        )
