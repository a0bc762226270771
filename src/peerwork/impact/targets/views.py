"""The quarterly return and the targets behind it, for staff and the board."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.accounts.permissions import figures_required, manager_required
from peerwork.core.errors import EditConflict
from peerwork.core.periods import Period, quarter_of, report_years, year_label, year_start
from peerwork.impact.models import Target
from peerwork.impact.targets import presenters, services
from peerwork.impact.targets.forms import QuarterForm, TargetForm
from peerwork.impact.targets.selectors import quarterly_return, targets_managed_by


@figures_required
def quarterly(request):
    year = year_start(timezone.localdate()).year
    quarter = quarter_of(timezone.localdate())
    form = QuarterForm(
        request.GET or None,
        years=report_years(timezone.localdate()),
        initial={"year": year, "quarter": quarter},
    )
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    lines = quarterly_return(year, quarter)
    return render(
        request,
        "impact/quarterly.html",
        {
            "form": form,
            "year": year,
            "year_label": year_label(year),
            "quarter": quarter,
            "period": Period.to_quarter_end(year, quarter),
            "lines": lines,
            "can_manage": permissions.may_manage_records(request.user),
            "table": presenters.targets_table(
                lines, can_manage=permissions.may_manage_records(request.user)
            ),
        },
    )


@manager_required
def target_edit(request, pk=None):
    target = get_object_or_404(targets_managed_by(request.user), pk=pk) if pk else None
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _target_save(request, form, target)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect(f"{_return_url()}?year={saved.year}&quarter={saved.due_quarter}")
    return render(request, "impact/target_edit.html", {"form": form, "target": target})


def _return_url() -> str:
    return reverse("impact:quarterly")


def _target_save(request, form: TargetForm, target: Target | None) -> Target:
    try:
        return services.target_save(
            by=request.user,
            target=target,
            fields={k: v for k, v in form.cleaned_data.items() if k != "version"},
            expected_version=str(form.cleaned_data["version"] or ""),
        )
    except EditConflict as conflict:
        raise ValidationError(
            _(
                "Someone else changed this target while you were editing it. "
                "Open it again to see their change, then make yours."
            )
        ) from conflict
