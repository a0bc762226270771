from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import SearchField
from peerwork.councils.models import CouncilType, Nation, Party, Region


class CouncilFilterForm(forms.Form):
    q = SearchField(label=_("Name or code"), max_length=100)
    nation = forms.ChoiceField(label=_("Nation"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    council_type = forms.ChoiceField(label=_("Type"), required=False)
    control = forms.ChoiceField(label=_("Political control"), required=False)
    include_former = forms.BooleanField(label=_("Include former councils"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["nation"].choices = anything + list(Nation.choices)
        self.fields["region"].choices = anything + [(r.slug, r.name) for r in Region.objects.all()]
        self.fields["council_type"].choices = anything + list(CouncilType.choices)
        self.fields["control"].choices = (
            anything
            + [("noc", _("No overall control"))]
            + [(p.short_name, p.name) for p in Party.objects.all()]
        )
