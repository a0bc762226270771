"""Staff pages for the peer pool: the directory, a peer's page, edits, import and export."""

from django.contrib import messages
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import manager_required, may_see_special_category, staff_required
from peerwork.core import audit
from peerwork.core.errors import EditConflict
from peerwork.core.pagination import paginate
from peerwork.peers import pool_files, selectors, services
from peerwork.peers.directory.forms import (
    AccreditationForm,
    DirectoryFilterForm,
    FormerRoleForm,
    PeerForm,
    PoolImportForm,
)
from peerwork.peers.models import Peer
from peerwork.peers.presenters import peer_table

PAGE_SIZE = 50


def _filtered(request):
    show_party = may_see_special_category(request.user)
    form = DirectoryFilterForm(request.GET or None, show_party=show_party)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    return form, selectors.peer_search(user=request.user, **filters)


@staff_required
def peer_list(request):
    form, peers = _filtered(request)
    # Counted and paged by id alone, on the peers' own table; only the page's peers are
    # read in full.
    ids = peers.values_list("pk", flat=True)
    page = paginate(request, ids, per_page=PAGE_SIZE)
    page.object_list = selectors.peer_page_rows(peers, list(page.object_list), user=request.user)
    load = selectors.load_this_year([p.pk for p in page], on=timezone.localdate())
    if may_see_special_category(request.user):
        audit.log_access(Peer, [p.pk for p in page], what="peer directory", columns=["party"])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "peers/peer_list.html",
        {
            "form": form,
            "page": page,
            "table": peer_table(page, show_party=may_see_special_category(request.user), load=load),
            "query": query.urlencode(),
            "activity": selectors.pool_activity(),
        },
    )


@staff_required
def peer_export(request, fmt):
    _, peers = _filtered(request)
    # Every export is logged, with its columns: it carries personal data, and for
    # managers party and diversity.
    audit.log_access(
        Peer,
        peers.values_list("pk", flat=True),
        what=f"peer export ({fmt})",
        columns=pool_files.export_columns(request.user),
    )
    name = f"peers-{timezone.localtime().strftime('%Y-%m-%d')}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            pool_files.export_csv(peers, request.user), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(
        pool_files.export_xlsx(peers, request.user),
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@staff_required
def peer_detail(request, pk):
    peer = get_object_or_404(
        selectors.peers_visible_to(request.user).select_related(
            "home_council", "home_council__region", "party", "user"
        ),
        pk=pk,
    )
    diversity = getattr(peer, "diversity", None)
    if may_see_special_category(request.user):
        columns = ["party"] + (["diversity"] if diversity is not None else [])
        audit.log_access(Peer, [peer.pk], what="peer's page", columns=columns)
    return render(
        request,
        "peers/peer_detail.html",
        {
            "peer": peer,
            "show_special": may_see_special_category(request.user),
            "diversity": diversity,
            "conflicts": selectors.peer_conflicts(peer),
            "memberships": selectors.peer_memberships(peer),
            "accreditation_state": selectors.peer_accreditation_state(peer),
            "can_edit": permissions.may_manage_pool(request.user),
        },
    )


@manager_required
def peer_edit(request, pk):
    peer = get_object_or_404(selectors.peers_managed_by(request.user), pk=pk)
    form = PeerForm(request.POST or None, instance=peer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        try:
            services.peer_update(
                by=request.user,
                peer=selectors.peers_managed_by(request.user).get(pk=pk),
                expected_version=expected,
                **data,
            )
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed this peer while you were editing. "
                    "Open the peer again to see their changes, then make yours."
                ),
            )
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": data["full_name"]})
            return redirect("peers:detail", pk)
    return render(request, "peers/peer_edit.html", {"form": form, "peer": peer})


@manager_required
def peer_history(request, pk):
    """Record training and accreditation, and former councils (which feed conflicts)."""
    peer = get_object_or_404(selectors.peers_managed_by(request.user), pk=pk)
    which = request.POST.get("record")
    accreditation = AccreditationForm(
        request.POST if which == "accreditation" else None, prefix="a"
    )
    former = FormerRoleForm(request.POST if which == "former" else None, prefix="f")
    if request.method == "POST":
        form = accreditation if which == "accreditation" else former
        if form.is_valid():
            if form is accreditation:
                services.accreditation_add(by=request.user, peer=peer, **form.cleaned_data)
                messages.success(request, _("Training recorded."))
            else:
                services.former_role_add(by=request.user, peer=peer, **form.cleaned_data)
                messages.success(request, _("Former role recorded."))
            return redirect("peers:detail", pk)
    return render(
        request,
        "peers/peer_history.html",
        {"peer": peer, "accreditation": accreditation, "former": former},
    )


@manager_required
def peer_import(request):
    form = PoolImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        result, problems = form.import_with(
            lambda stream: pool_files.pool_import(stream=stream, by=request.user)
        )
        if result is not None:
            messages.success(
                request,
                _("Imported the pool: %(created)s peers added, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("peers:list")
    return render(request, "peers/peer_import.html", {"form": form, "problems": problems})


urlpatterns = [
    path("peers/", peer_list, name="list"),
    path("peers/export.csv", peer_export, {"fmt": "csv"}, name="export-csv"),
    path("peers/export.xlsx", peer_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("peers/import/", peer_import, name="import"),
    path("peers/<int:pk>/", peer_detail, name="detail"),
    path("peers/<int:pk>/edit/", peer_edit, name="edit"),
    path("peers/<int:pk>/history/", peer_history, name="history"),
]
