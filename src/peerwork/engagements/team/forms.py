from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.engagements.models import PeerFeedback


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
