from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerwork.engagements.team import year_start
from peerwork.impact.models import Question, SurveyContact, Target
from peerwork.impact.periods import year_label
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


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        error_messages={"required": _("Select a year"), "invalid_choice": _("Select a year")},
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, year_label(y)) for y in years]


class QuarterForm(YearForm):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[
            (1, _("Q1: April to June")),
            (2, _("Q2: April to September")),
            (3, _("Q3: April to December")),
            (4, _("Q4: the whole year")),
        ],
        error_messages={"required": _("Select a quarter")},
    )


class TargetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    figure = forms.ChoiceField(label=_("Figure"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    class Meta:
        model = Target
        fields = ["year", "figure", "value", "due_quarter", "note"]
        help_texts = {
            "value": _(
                "A number. For a share of councils or of answers, a percentage: 95 for 95%."
            ),
        }
        error_messages = {
            "value": {
                "required": _("Enter the target value"),
                "invalid": _("Enter the target value as a number, like 130 or 97.5"),
            },
            "due_quarter": {"required": _("Select the quarter by whose end it is due")},
        }

    def __init__(self, *args, **kwargs):
        from peerwork.impact.annual import FIGURES

        super().__init__(*args, **kwargs)
        self.fields["figure"].choices = [("", _("Choose a figure"))] + [
            (spec.key, f"{spec.section}: {spec.label}") for spec in FIGURES
        ]
        this_year = year_start(timezone.localdate()).year
        years = set(range(this_year - 7, this_year + 3))
        if self.instance.pk:
            years.add(self.instance.year)
        self.fields["year"].choices = [(y, year_label(y)) for y in sorted(years, reverse=True)]
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The target value must be 0 or more"))
        return value

    def clean(self):
        cleaned = super().clean()
        year, figure = cleaned.get("year"), cleaned.get("figure")
        others = Target.objects.filter(year=year, figure=figure).exclude(pk=self.instance.pk)
        if year and figure and others.exists():
            self.add_error("figure", _("This figure already has a target for that year"))
        return cleaned


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
