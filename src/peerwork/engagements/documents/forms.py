from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peerwork.engagements.documents.services import ALLOWED, kinds_for


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of document is it?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind of document"),
            "invalid_choice": _("Choose the kind of document"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For example: Position statement, March 2027."),
        max_length=200,
        error_messages={"required": _("Enter a title for the document")},
    )
    file = forms.FileField(
        label=_("Upload a file"),
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED)}),
        error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds_for(user)
        self.fields["file"].help_text = gettext(
            "A PDF, Word, Excel, PowerPoint, OpenDocument text, plain text or CSV file, "
            "smaller than %(mb)s MB."
        ) % {"mb": settings.PEERWORK_DOCUMENT_MAX_MB}
