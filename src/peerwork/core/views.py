"""The public information pages, the error pages and the health check."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from peerwork.core import presenters
from peerwork.core.workers import queue_state

logger = logging.getLogger(__name__)


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def privacy(request):
    # The retention periods the notice states are the ones `peerwork retention` applies.
    return render(
        request,
        "core/privacy.html",
        {
            "engagement_years": settings.PEERWORK_RETENTION_ENGAGEMENT_YEARS,
            "account_years": settings.PEERWORK_RETENTION_UNUSED_ACCOUNT_YEARS,
            "application_months": settings.PEERWORK_RETENTION_REFUSED_APPLICATION_MONTHS,
            "survey_months": settings.PEERWORK_RETENTION_SURVEY_LINK_MONTHS,
            "email_days": settings.PEERWORK_RETENTION_EMAIL_TEXT_DAYS,
        },
    )


@login_not_required
def cookies(request):
    return render(request, "core/cookies.html", {"table": presenters.cookies_table()})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the database may be what failed
        # Draw the page without the request, whose user and navigation ask the database.
        logger.exception("The error page could not be drawn with the request")
        return HttpResponseServerError(render_to_string("500.html"))


@login_not_required
@never_cache
def health(request):
    """For load balancers and monitoring: 503 when this process cannot reach the
    database, else 200, with the state of the task queue. A queue with no live worker,
    or a task waiting longer than PEERWORK_TASK_STALE_SECONDS, makes the status
    "degraded" but still 200: the web process itself is well, and a load balancer should
    keep sending it requests."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        queue = queue_state()
    except DatabaseError:
        logger.exception("The health check could not reach the database")
        return JsonResponse({"status": "failing", "database": "unreachable"}, status=503)
    status = "ok" if queue["state"] == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "queue": queue})
