from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.audit import selectors
from peerwork.core.forms import DateField, FilterChoiceField, SearchField


class LogFilterForm(forms.Form):
    """The audit log's filters (GET parameters); every one may be left empty."""

    q = SearchField(label=_("Person acting (name or email)"))
    record_type = FilterChoiceField(
        label=_("Record type"), invalid=_("Choose a record type from the list"), choices=[]
    )
    action = FilterChoiceField(
        label=_("Action"),
        invalid=_("Choose an action from the list"),
        choices=[("", _("Any")), *selectors.ACTIONS.items()],
        coerce=int,
        empty_value=None,
    )
    record_id = forms.CharField(label=_("Record id"), required=False, max_length=40)
    since = DateField(label=_("From"), label_for_errors=_("the first day"), required=False)
    until = DateField(label=_("To"), label_for_errors=_("the last day"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [("", _("Any")), *selectors.record_types()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day must be the same as or after the first day"))
        return data
