from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.accounts import permissions
from peerwork.core.forms import DateField, FilterChoiceField, SearchField
from peerwork.councils.models import Council, Region
from peerwork.engagements.models import STATUS_CHOICES
from peerwork.offers.models import Offer


class RequestForm(forms.Form):
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Council.objects.none(),
        empty_label=_("Choose the council"),
        error_messages={"required": _("Choose the council asking for support")},
    )
    offer = forms.ModelChoiceField(
        label=_("What support would you like?"),
        queryset=Offer.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the support you would like")},
    )
    description = forms.CharField(
        label=_("What would you like help with?"),
        help_text=_("The issues you face and what you hope the peers will help you do."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Say what you would like help with")},
    )
    local_focus = forms.CharField(
        label=_("Local focus areas (optional)"),
        help_text=_("For example: housing, transformation, resident engagement."),
        max_length=300,
        required=False,
    )
    preferred_from = DateField(label=_("Earliest date that suits (optional)"), required=False)
    preferred_to = DateField(label=_("Latest date that suits (optional)"), required=False)
    contact_name = forms.CharField(
        label=_("Who should we contact?"),
        max_length=200,
        error_messages={"required": _("Enter the name of the person to contact")},
    )
    contact_email = forms.EmailField(
        label=_("Their email address"),
        error_messages={
            "required": _("Enter the contact's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if council is not None:
            # A council contact asks for their own council only.
            del self.fields["council"]
        else:
            self.fields["council"].queryset = Council.objects.current().principal()

    def clean(self):
        data = super().clean()
        start, end = data.get("preferred_from"), data.get("preferred_to")
        if start and end and end < start:
            self.add_error("preferred_to", _("The latest date must be after the earliest date"))
        return data


class MoveForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Write your message")},
    )


class ScopingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    help_with = forms.MultipleChoiceField(
        label=_("Agreed core components or themes"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    local_focus = forms.CharField(label=_("Agreed local focus"), max_length=300, required=False)
    scoping_notes = forms.CharField(
        label=_("Scoping notes"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    preferred_from = DateField(label=_("Agreed first day"), required=False)
    preferred_to = DateField(label=_("Agreed last day"), required=False)
    manager = forms.ModelChoiceField(
        label=_("Peer challenge manager or facilitator"),
        help_text=_("The member of staff who runs the engagement and gets its reminders."),
        queryset=None,
        required=False,
        empty_label=_("Not chosen yet"),
    )

    def __init__(self, *args, themes, **kwargs):
        from peerwork.accounts.selectors import staff_accounts

        super().__init__(*args, **kwargs)
        self.fields["help_with"].choices = [(t, t) for t in themes]
        self.fields["manager"].queryset = staff_accounts().order_by("full_name")

    def clean(self):
        data = super().clean()
        start, end = data.get("preferred_from"), data.get("preferred_to")
        if start and end and end < start:
            self.add_error("preferred_to", _("The last day must be after the first day"))
        return data


class EngagementFilterForm(forms.Form):
    """The engagement list's search and filters (GET parameters). Staff search every
    council; a council contact sees only their own council's, so has no search, region
    or "mine"; "my regions" is for principal advisers."""

    q = SearchField(label=_("Council name or code"), max_length=100)
    status = FilterChoiceField(label=_("Status"), invalid=_("Choose a status from the list"))
    offer = FilterChoiceField(label=_("Support"), invalid=_("Choose support from the list"))
    region = FilterChoiceField(label=_("Region"), invalid=_("Choose a region from the list"))
    mine = forms.BooleanField(label=_("Only engagements I manage"), required=False)
    my_regions = forms.BooleanField(label=_("Only councils in my regions"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["status"].choices = anything + STATUS_CHOICES
        self.fields["offer"].choices = anything + list(
            Offer.objects.order_by("name").values_list("slug", "name")
        )
        if permissions.sees_every_engagement(user):
            self.fields["region"].choices = anything + list(
                Region.objects.order_by("name").values_list("slug", "name")
            )
        else:
            for name in ("q", "region", "mine"):
                del self.fields[name]
        if not permissions.sees_adviser_queue(user):
            del self.fields["my_regions"]

    def search(self) -> dict:
        """The engagement_search arguments of the valid fields; a wrong one is left out
        (and shown as an error), the others still apply."""
        self.is_valid()
        found = self.cleaned_data
        return {
            "q": found.get("q", ""),
            "status": found.get("status", ""),
            "offer": found.get("offer", ""),
            "region": found.get("region", ""),
            "managed_by_me": bool(found.get("mine")),
            "in_my_regions": bool(found.get("my_regions")),
        }
