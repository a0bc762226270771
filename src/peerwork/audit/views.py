"""The administrators' page that searches the audit log. It only reads: no page edits
or deletes an entry."""

from django.shortcuts import render

from peerwork.accounts import permissions
from peerwork.audit import presenters, selectors
from peerwork.audit.forms import LogFilterForm
from peerwork.core.pagination import paginate


@permissions.allowing(permissions.may_read_audit_log)
def log(request):
    form = LogFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.log_search(**{k: v for k, v in filters.items() if v not in (None, "")})
    page = paginate(request, entries)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "table": presenters.log_table(page)},
    )
