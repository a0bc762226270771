"""Staff pages for the councils register."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from peerwork.accounts.permissions import staff_required
from peerwork.core.pagination import paginate
from peerwork.councils import extensions, selectors
from peerwork.councils.forms import CouncilFilterForm
from peerwork.councils.presenters import (
    control_table,
    council_summary_rows,
    council_table,
    region_table,
)


@staff_required
def council_list(request):
    form = CouncilFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    councils = selectors.council_search(**{k: v for k, v in filters.items() if v})
    page = paginate(request, councils)
    return render(
        request,
        "councils/council_list.html",
        {
            "form": form,
            "page": page,
            "table": council_table(page, _("Councils")),
        },
    )


@staff_required
def council_detail(request, code):
    council = get_object_or_404(selectors.councils_visible_to(request.user), code=code)
    advisers = council.region.principal_advisers.all() if council.region_id else []
    history = council.control_history.select_related("party_in_control", "leader_party")
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "facts": council_summary_rows(
                council, advisers, council.successors.all(), council.predecessors.all()
            ),
            "control": control_table(history),
            "support": extensions.support_history(council),
            "neighbours": council_table(
                selectors.council_neighbours(council), _("Neighbouring councils")
            ),
        },
    )


@staff_required
def region_list(request):
    regions = selectors.region_list()
    return render(
        request, "councils/region_list.html", {"regions": regions, "table": region_table(regions)}
    )


@staff_required
def region_detail(request, slug):
    region = get_object_or_404(selectors.regions_visible_to(request.user), slug=slug)
    return render(
        request,
        "councils/region_detail.html",
        {
            "region": region,
            "councils": council_table(
                selectors.region_councils(region).select_related("region", "county"),
                _("Current principal councils"),
            ),
            "advisers": region.principal_advisers.all(),
        },
    )
