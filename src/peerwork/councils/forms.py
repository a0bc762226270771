from django import forms
from django.utils.translation import gettext_lazy as _

from peerwork.core.forms import FilterChoiceField, SearchField
from peerwork.councils.models import CouncilType, Nation, Party, Region


class CouncilFilterForm(forms.Form):
    q = SearchField(label=_("Name or code"), max_length=100)
    nation = FilterChoiceField(label=_("Nation"), invalid=_("Choose a nation from the list"))
    region = FilterChoiceField(label=_("Region"), invalid=_("Choose a region from the list"))
    council_type = FilterChoiceField(label=_("Type"), invalid=_("Choose a type from the list"))
    control = FilterChoiceField(
        label=_("Political control"), invalid=_("Choose a party from the list")
    )
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
