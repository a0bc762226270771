"""Staff pages for programme records: one set of views for every kind (see kinds.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import manager_required, may_see_special_category, staff_required
from peerwork.core.errors import EditConflict
from peerwork.core.pagination import paginate
from peerwork.programmes import imports, presenters, selectors, services
from peerwork.programmes.forms import ImportForm, YearFilterForm
from peerwork.programmes.kinds import KINDS


@staff_required
def index(request):
    return render(
        request,
        "programmes/index.html",
        {"table": presenters.index_table(selectors.record_counts())},
    )


@staff_required
def record_list(request, kind):
    form = YearFilterForm(
        request.GET, years=selectors.year_choices(kind), search_hint=kind.search_hint
    )
    form.is_valid()  # a filter that is wrong is left out, with a message; the others apply
    filters = form.cleaned_data
    page = paginate(
        request, selectors.records(kind, year=filters.get("year"), q=filters.get("q", ""))
    )
    can_manage = permissions.may_manage_records(request.user)
    return render(
        request,
        "programmes/record_list.html",
        {
            "kind": kind,
            "form": form,
            "page": page,
            "can_manage": can_manage,
            "table": presenters.record_table(
                kind,
                page,
                can_manage=can_manage,
                show_special=may_see_special_category(request.user),
            ),
        },
    )


@manager_required
def record_add(request, kind):
    return _record_form(request, kind, kind.model(), kind.add_title)


@manager_required
def record_edit(request, kind, pk):
    record = get_object_or_404(kind.model, pk=pk)
    return _record_form(request, kind, record, _("Change %(record)s") % {"record": record})


def _record_form(request, kind, record, heading):
    form = kind.form(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.record_save(
                by=request.user,
                record=record,
                fields=form.record_fields(),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed this record while you were editing it. "
                    "Open it again to see their changes, then make yours."
                ),
            )
        except ValidationError as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("%(record)s saved.") % {"record": saved})
            return redirect("programmes:list", kind.slug)
    return render(
        request,
        "programmes/record_form.html",
        {"kind": kind, "form": form, "record": record, "heading": heading},
    )


@manager_required
def record_import(request, kind):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        result, problems = form.import_with(
            lambda stream: imports.records_import(
                spec=kind.importer, stream=stream, by=request.user
            )
        )
        if result is not None:
            messages.success(
                request,
                _(
                    "Imported %(noun)s: %(created)s added, %(updated)s changed, "
                    "%(unchanged)s already up to date."
                )
                % {
                    "noun": kind.noun,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("programmes:list", kind.slug)
    return render(
        request,
        "programmes/record_import.html",
        {
            "kind": kind,
            "form": form,
            "problems": problems,
            "spec": kind.importer,
            "columns": presenters.import_columns_table(kind.importer),
        },
    )


@staff_required
def import_template(request, kind):
    response = HttpResponse(kind.importer.example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind.slug}.csv"'
    return response


@staff_required
def polling_trend(request):
    rounds = list(selectors.polling_rounds())
    return render(
        request,
        "programmes/polling_trend.html",
        {
            "kind": KINDS["polling"],
            "chart": presenters.polling_chart(rounds),
            "table": presenters.polling_table(rounds),
        },
    )
