"""The home page: a welcome for the public, a dashboard for each signed-in role."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from peerwork.home import selectors


@login_not_required
def home(request):
    if not request.user.is_authenticated:
        return render(request, "home/home_public.html")
    return render(request, "home/home.html", {"dashboard": selectors.dashboard_for(request.user)})
