from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import SearchField, SearchInput
from peerwork.impact.models import Question, SurveyContact
from peerwork.offers.models import Offer

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
SCALE = [
    ("1", _("1 – very dissatisfied")),
    ("2", _("2 – dissatisfied")),
    ("3", _("3 – neither satisfied nor dissatisfied")),
    ("4", _("4 – satisfied")),
    ("5", _("5 – very satisfied")),
]
TEXT_LIMIT = 5000


class SurveyForm(forms.Form):
    """One field per question: yes/no and the scale are required, free text is not."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.name_for(question)] = self._field(question)

    @staticmethod
    def name_for(question: Question) -> str:
        return f"question-{question.pk}"

    @staticmethod
    def _field(question: Question) -> forms.Field:
        if question.kind == Question.Kind.YES_NO:
            return forms.TypedChoiceField(
                label=question.text,
                choices=YES_NO,
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": _("Select yes or no")},
            )
        if question.kind == Question.Kind.SCALE5:
            return forms.TypedChoiceField(
                label=question.text,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select how satisfied you are")},
            )
        return forms.CharField(
            label=question.text,
            required=False,
            max_length=TEXT_LIMIT,
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={
                "max_length": _("Your answer must be %(limit)s characters or fewer")
                % {"limit": f"{TEXT_LIMIT:,}"}
            },
        )

    def bound_questions(self):
        """(question, bound field) pairs in the survey's order, for the template."""
        return [(question, self[self.name_for(question)]) for question in self.questions]

    def answers(self) -> dict:
        return {q: self.cleaned_data[self.name_for(q)] for q in self.questions}


class SurveyContactForm(forms.ModelForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=SurveyContact.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the person's role")},
    )

    class Meta:
        model = SurveyContact
        fields = ["role", "name", "email"]
        error_messages = {
            "name": {"required": _("Enter the person's full name")},
            "email": {
                "required": _("Enter the person's email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
            },
        }


class ImpactFilterForm(forms.Form):
    """The year and offer the staff impact page shows (GET parameters)."""

    year = forms.TypedChoiceField(label=_("Year (April to March)"), coerce=int, required=False)
    offer = forms.ModelChoiceField(
        label=_("Support"),
        queryset=Offer.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (str(start.year), f"{start.year}/{(start.year + 1) % 100:02d}") for start in years
        ]


class TraceFilterForm(forms.Form):
    """Whose responses the trace page shows (a GET parameter)."""

    q = SearchField(
        label=_("Email address of the person invited"),
        max_length=254,
        widget=SearchInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
