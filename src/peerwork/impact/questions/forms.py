"""Editing a survey question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.impact.models import Question
from peerwork.offers.models import Offer


class QuestionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Question
        fields = ["offer", "audience", "kind", "text", "key", "order"]
        error_messages = {
            "audience": {"required": _("Select who is asked")},
            "kind": {"required": _("Select the kind of answer")},
            "text": {"required": _("Enter the question")},
            "key": {
                "required": _("Enter the key reports count the answers by"),
                "invalid": _("The key may use only letters, numbers, underscores and hyphens"),
            },
        }

    def __init__(self, *args, answered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].empty_label = _("None: the association's default questions")
        self.fields["offer"].queryset = Offer.objects.order_by("name")
        self.fields["audience"].widget = forms.RadioSelect(choices=self.fields["audience"].choices)
        self.fields["kind"].widget = forms.RadioSelect(choices=self.fields["kind"].choices)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        if answered:
            # Past answers must stay comparable: only the words and the order change.
            for name in ("offer", "audience", "kind", "key"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        offer, audience, key = cleaned.get("offer"), cleaned.get("audience"), cleaned.get("key")
        same = Question.objects.filter(offer=offer, audience=audience, key=key).exclude(
            pk=self.instance.pk
        )
        if audience and key and same.exists():
            self.add_error("key", _("This survey already asks a question with that key"))
        defaults = Question.objects.filter(offer__isnull=True, key=key).exclude(pk=self.instance.pk)
        kind = cleaned.get("kind")
        if key and kind and defaults.exclude(kind=kind).exists():
            self.add_error(
                "kind",
                _("A default question counts the key %(key)s with another kind of answer")
                % {"key": key},
            )
        return cleaned
