"""Engagement pages: requests, the case page with its history, moves and scoping."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peerwork.accounts import permissions
from peerwork.accounts.permissions import case_required, staff_required
from peerwork.core.errors import EditConflict
from peerwork.core.pagination import paginate, short_list
from peerwork.core.params import slug
from peerwork.engagements import extensions, lifecycle, presenters, selectors, services
from peerwork.engagements.forms import (
    EngagementFilterForm,
    MoveForm,
    NoteForm,
    RequestForm,
    ScopingForm,
)
from peerwork.engagements.models import STATUS_CHOICES, Exit, Note
from peerwork.offers.models import Stage
from peerwork.offers.selectors import active_offers


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@case_required
def engagement_list(request):
    form = EngagementFilterForm(request.GET, user=request.user)
    page = paginate(request, selectors.engagement_search(request.user, **form.search()))
    waiting = (
        short_list(selectors.engagements_waiting_for_adviser(request.user))
        if permissions.sees_adviser_queue(request.user)
        else None
    )
    return render(
        request,
        "engagements/engagement_list.html",
        {
            "form": form,
            "page": page,
            "table": presenters.engagement_table(page),
            "waiting": waiting,
        },
    )


@case_required
def engagement_request(request):
    own_council = request.user.council if permissions.asks_for_own_council(request.user) else None
    initial = {"contact_name": request.user.full_name, "contact_email": request.user.email}
    wanted = slug(request.GET.get("offer"))
    offer = active_offers().filter(slug=wanted).first() if wanted else None
    if offer:
        initial["offer"] = offer.pk
    form = RequestForm(request.POST or None, council=own_council, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        council = own_council or data.pop("council")
        try:
            engagement = services.engagement_request(
                requested_by=request.user, council=council, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your request has been sent to the principal adviser for %(region)s.")
                % {"region": council.region or _("your region")},
            )
            return redirect("engagements:detail", engagement.pk)
    return render(request, "engagements/request.html", {"form": form, "council": own_council})


def _moves_for(user, engagement) -> list[dict]:
    """The buttons this person may press on this engagement."""
    labels = dict(STATUS_CHOICES)
    moves = []
    for target in lifecycle.allowed(engagement.status, engagement.offer.stages):
        if target in lifecycle.ENTERED_FROM_REPORT:
            continue  # the report pages make these moves
        if not services.may_move(user, engagement, target):
            continue
        if engagement.status == Stage.REQUESTED and target == Stage.SCOPING:
            label = _("Accept the request")
        elif target == Exit.DECLINED:
            label = _("Decline the request")
        elif target == Exit.WITHDRAWN:
            label = _("Withdraw our request")
        elif target == Exit.CANCELLED:
            label = _("Cancel the engagement")
        else:
            label = _("Move to: %(stage)s") % {"stage": labels[target]}
        moves.append(
            {
                "target": target,
                "label": label,
                "needs_reason": target in lifecycle.NEEDS_REASON,
                "form": MoveForm(
                    initial={"to_status": target, "version": engagement.version}, auto_id=False
                ),
            }
        )
    return moves


@case_required
def engagement_detail(request, pk):
    engagement = selectors.engagement_visible_to(request.user, pk)
    notes = engagement.notes.select_related("by")
    if not permissions.sees_internal_notes(request.user):
        notes = notes.exclude(kind=Note.Kind.NOTE)
    return render(
        request,
        "engagements/engagement_detail.html",
        {
            "engagement": engagement,
            "history": engagement.history.select_related("by"),
            "notes": notes,
            "moves": _moves_for(request.user, engagement),
            "deadlines": presenters.deadline_rows(extensions.deadlines(engagement)),
            "report_links": extensions.report_links(request.user, engagement),
            "note_form": NoteForm(),
            "is_staff": permissions.is_staff(request.user),
            "request_rows": presenters.request_rows(
                engagement, show_scoping_notes=permissions.is_staff(request.user)
            ),
            "stages": [
                {"label": label, "done": _stage_done(engagement, value)}
                for value, label in Stage.choices
                if value in engagement.offer.stages
            ],
        },
    )


def _stage_done(engagement, stage) -> bool:
    order = lifecycle.ORDER
    return engagement.status in order and order.index(stage) <= order.index(engagement.status)


@case_required
@require_POST
def engagement_move(request, pk):
    engagement = selectors.engagement_visible_to(request.user, pk)
    form = MoveForm(request.POST)
    allowed = {m["target"] for m in _moves_for(request.user, engagement)}
    if not form.is_valid():
        messages.error(request, _("That change could not be made. Try again."))
        return redirect("engagements:detail", pk)
    target = form.cleaned_data["to_status"]
    if target not in allowed and target in lifecycle.allowed(
        engagement.status, engagement.offer.stages
    ):
        raise PermissionDenied  # a move that exists, but not for this role
    # Any other refused move is explained by the service.
    try:
        services.engagement_move(
            engagement=engagement,
            to_status=target,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict:
        messages.error(
            request,
            _("Someone else changed this engagement while you were looking at it. Check it again."),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Saved: the engagement is now %(status)s.")
            % {"status": dict(STATUS_CHOICES)[target].lower()},
        )
    return redirect("engagements:detail", pk)


@case_required
@require_POST
def engagement_note(request, pk):
    engagement = selectors.engagement_visible_to(request.user, pk)
    form = NoteForm(request.POST)
    if not permissions.sees_internal_notes(request.user):
        kind = Note.Kind.ANSWER
    else:
        kind = Note.Kind.QUESTION if request.POST.get("kind") == "question" else Note.Kind.NOTE
    if not form.is_valid():
        messages.error(request, _("Write your message before sending it."))
        return redirect("engagements:detail", pk)
    try:
        services.engagement_add_note(
            engagement=engagement, by=request.user, kind=kind, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your message has been added."))
    return redirect("engagements:detail", pk)


@staff_required
def engagement_scoping(request, pk):
    engagement = selectors.engagement_visible_to(request.user, pk)
    initial = {
        "version": engagement.version,
        "help_with": engagement.help_with,
        "local_focus": engagement.local_focus,
        "scoping_notes": engagement.scoping_notes,
        "preferred_from": engagement.preferred_from,
        "preferred_to": engagement.preferred_to,
        "manager": engagement.manager_id,
    }
    form = ScopingForm(request.POST or None, initial=initial, themes=engagement.offer.themes)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.engagement_scope(
                engagement=engagement, by=request.user, expected_version=data.pop("version"), **data
            )
        except EditConflict:
            form.add_error(
                None,
                _("Someone else changed this engagement while you were editing. Open it again."),
            )
        else:
            messages.success(request, _("Scoping saved."))
            return redirect("engagements:detail", pk)
    return render(request, "engagements/scoping.html", {"form": form, "engagement": engagement})
