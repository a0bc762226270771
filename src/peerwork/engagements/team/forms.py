from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import FilterChoiceField, SearchField
from peerwork.councils.models import Region
from peerwork.engagements.models import PeerFeedback
from peerwork.engagements.team.selectors import SORTS, Narrowing
from peerwork.peers.models import PeerKind, Skill


class DeclineForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Can you take part?"),
        choices=[("accept", _("Yes, I accept")), ("decline", _("No, I must decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you can take part")},
    )
    reason = forms.CharField(
        label=_("If you decline, why?"),
        help_text=_("For example: not available on those dates, or a conflict of interest."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Tell us why you cannot take part"))
        return data


class FeedbackForm(forms.ModelForm):
    use_again = forms.TypedChoiceField(
        label=_("Would you use this peer again?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you would use this peer again")},
    )

    class Meta:
        model = PeerFeedback
        fields = ["preparation", "contribution", "teamwork", "use_again", "comment"]
        widgets = {
            "preparation": forms.RadioSelect,
            "contribution": forms.RadioSelect,
            "teamwork": forms.RadioSelect,
        }
        error_messages = {
            "preparation": {"required": _("Rate the peer's preparation")},
            "contribution": {"required": _("Rate the peer's contribution")},
            "teamwork": {"required": _("Rate the peer's teamwork")},
        }


class CandidateFilterForm(forms.Form):
    """How staff look through the peers who may fill a place (GET parameters): a name
    (which also lists who it finds that cannot be chosen, and why), the order, and the
    home council's region, a skill, and the kind of peer when the place takes either."""

    q = SearchField(
        label=_("Name"),
        help_text=_("Searching by name also shows who cannot be chosen, and why."),
        max_length=100,
    )
    sort = FilterChoiceField(
        label=_("Sort by"),
        invalid=_("Choose an order from the list"),
        choices=list(
            zip(
                SORTS,
                [_("Name"), _("Fewest engagements this year"), _("Nearest home council")],
                strict=True,
            )
        ),
    )
    region = FilterChoiceField(
        label=_("Home council's region"), invalid=_("Choose a region from the list")
    )
    skill = FilterChoiceField(label=_("Skill"), invalid=_("Choose a skill from the list"))
    kind = FilterChoiceField(
        label=_("Kind of peer"),
        invalid=_("Choose a kind of peer from the list"),
        choices=[("", _("Any")), *PeerKind.choices],
    )

    def __init__(self, *args, place_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["region"].choices = anything + list(
            Region.objects.order_by("name").values_list("slug", "name")
        )
        self.fields["skill"].choices = anything + list(
            Skill.objects.order_by("name").values_list("slug", "name")
        )
        if place_kind in PeerKind.values:
            del self.fields["kind"]  # the place takes one kind only

    def narrowing(self) -> tuple[str, Narrowing, str]:
        """The name searched for, the narrowing and the order, from the valid fields (a
        wrong one is shown as an error and left out)."""
        self.is_valid()
        found = self.cleaned_data
        narrowing = Narrowing(
            region=found.get("region", ""), skill=found.get("skill", ""), kind=found.get("kind", "")
        )
        return found.get("q", ""), narrowing, found.get("sort") or SORTS[0]
