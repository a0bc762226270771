"""An engagement's documents: the list, uploads, downloads and sending them to the team."""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from peerwork.accounts import permissions
from peerwork.accounts.permissions import staff_required, team_required
from peerwork.engagements.documents import services as service
from peerwork.engagements.documents.forms import DocumentForm
from peerwork.engagements.documents.presenters import document_table


def _engagement(request, pk):
    return get_object_or_404(service.engagements_with_documents_for(request.user), pk=pk)


@team_required
def document_list(request, pk):
    engagement = _engagement(request, pk)
    may_upload = permissions.may_upload_document(request.user, engagement)
    form = None
    if may_upload:
        form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                service.document_upload(
                    engagement=engagement,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Document uploaded."))
                return redirect("engagements:documents", pk)
    documents = service.documents_visible_to(request.user, engagement)
    return render(
        request,
        "engagements/documents.html",
        {
            "engagement": engagement,
            "form": form,
            "table": document_table(documents),
            "has_documents": documents.exists(),
            "is_staff": permissions.may_manage_engagement(request.user, engagement),
            "is_peer": not permissions.sees_unsent_documents(request.user, engagement),
        },
    )


@team_required
def document_download(request, pk, document_id):
    engagement = _engagement(request, pk)
    document = get_object_or_404(
        service.documents_visible_to(request.user, engagement), pk=document_id
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing from storage.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(document.file.name),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def documents_send(request, pk):
    engagement = _engagement(request, pk)
    try:
        count = service.documents_send_to_team(
            engagement=engagement, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The reading pack has been sent to %(count)d peer.",
                "The reading pack has been sent to %(count)d peers.",
                count,
            )
            % {"count": count},
        )
    return redirect("engagements:documents", pk)
