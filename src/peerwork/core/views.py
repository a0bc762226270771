"""The home page, the public information pages and the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from peerwork.core import presenters


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def privacy(request):
    return render(request, "core/privacy.html")


@login_not_required
def cookies(request):
    return render(request, "core/cookies.html", {"table": presenters.cookies_table()})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
