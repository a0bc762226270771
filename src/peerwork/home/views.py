"""The home page: a welcome for the public, a dashboard for each signed-in role; and the
whole of a dashboard's list that the home page shows only the start of."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts.permissions import manager_required
from peerwork.core.pagination import paginate
from peerwork.home import dashboards, selectors


@login_not_required
def home(request):
    if not request.user.is_authenticated:
        return render(request, "home/home_public.html")
    return render(request, "home/home.html", {"dashboard": selectors.dashboard_for(request.user)})


@manager_required
def overdue(request):
    page = paginate(request, dashboards.overdue_engagements(today=timezone.localdate()))
    return render(
        request,
        "home/overdue.html",
        {"page": page, "table": dashboards.overdue_table(page, _("Overdue engagements"))},
    )
