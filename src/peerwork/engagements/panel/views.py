"""Choosing the panel: staff send a shortlist per place and the host council chooses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peerwork.accounts.permissions import case_required, staff_required
from peerwork.core.params import whole_number
from peerwork.engagements.panel import presenters
from peerwork.engagements.panel import services as panel
from peerwork.engagements.selectors import engagement_visible_to


@staff_required
@require_POST
def shortlist_send(request, pk):
    engagement = engagement_visible_to(request.user, pk)
    try:
        panel.shortlist_send(engagement=engagement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The council has been asked to choose its panel."))
    return redirect("engagements:team", pk)


@case_required
def panel_choice(request, pk):
    """The host council chooses its panel from the shortlist."""
    engagement = engagement_visible_to(request.user, pk)
    if not engagement.offer.host_chooses_team:
        raise Http404
    rows = panel.open_places_with_shortlist(engagement)
    error = None
    if request.method == "POST":
        choices = {}
        for row in rows:
            chosen = whole_number(request.POST.get(f"place-{row['place'].number}"), minimum=1)
            if chosen is not None:
                choices[row["place"].number] = chosen
        try:
            panel.panel_choose(
                engagement=engagement,
                by=request.user,
                choices=choices,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as failure:
            error = " ".join(failure.messages)
        else:
            messages.success(request, _("Thank you: the peers you chose have been invited."))
            return redirect("engagements:detail", pk)
    return render(
        request,
        "engagements/panel.html",
        {
            "engagement": engagement,
            "rows": rows,
            "error": error,
            "choices": presenters.place_radios(rows),
            "errors": presenters.errors(error),
        },
    )
