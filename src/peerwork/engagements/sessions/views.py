"""Sessions of an engagement, and their calendar files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peerwork.accounts import permissions
from peerwork.accounts.permissions import staff_required, team_required
from peerwork.core.params import whole_number
from peerwork.engagements.models import Engagement
from peerwork.engagements.selectors import engagement_visible_to
from peerwork.engagements.sessions import selectors
from peerwork.engagements.sessions import services as service
from peerwork.engagements.sessions.calendar_files import PUBLISH, session_ics
from peerwork.engagements.sessions.forms import SessionForm


@staff_required
def session_list(request, pk):
    engagement = engagement_visible_to(request.user, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.session_create(engagement=engagement, by=request.user, **form.session_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session added; everyone invited has a calendar file."))
            return redirect("engagements:sessions", pk)
    return render(
        request,
        "engagements/sessions.html",
        {"engagement": engagement, "form": form, "sessions": engagement.sessions.all()},
    )


@staff_required
def session_change(request, pk, session_id):
    engagement = engagement_visible_to(request.user, pk)
    session = get_object_or_404(engagement.sessions, pk=session_id, cancelled=False)
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    initial = {
        "kind": session.kind,
        "day": start.date(),
        "starts": start.strftime("%H:%M"),
        "ends": end.strftime("%H:%M"),
        "video_link": session.video_link,
        "venue": session.venue,
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.session_change(
                session=session,
                by=request.user,
                expected_sequence=whole_number(request.POST.get("sequence")),
                **form.session_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session changed; everyone has an updated calendar file."))
            return redirect("engagements:sessions", pk)
    return render(
        request,
        "engagements/session_change.html",
        {"engagement": engagement, "session": session, "form": form},
    )


@staff_required
@require_POST
def session_cancel(request, pk, session_id):
    engagement = engagement_visible_to(request.user, pk)
    session = get_object_or_404(engagement.sessions, pk=session_id)
    service.session_cancel(session=session, by=request.user)
    messages.success(request, _("Session cancelled; everyone has been sent a cancellation."))
    return redirect("engagements:sessions", pk)


@team_required
def session_calendar(request, pk, session_id):
    session = get_object_or_404(selectors.sessions_for_calendar(request.user), pk=session_id)
    engagement: Engagement = session.engagement
    if engagement.pk != pk or not permissions.is_case_or_team(request.user, engagement):
        raise PermissionDenied
    # A copy to keep (PUBLISH), not an invitation: it names no attendees.
    response = HttpResponse(
        session_ics(session, method=PUBLISH), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response
