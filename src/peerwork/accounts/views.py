"""Signing in and out, passwords, and the staff pages that manage accounts."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from peerwork.accounts import permissions, presenters, selectors, services
from peerwork.accounts.forms import (
    EditUserForm,
    InviteUserForm,
    ResetPasswordForm,
    SignInForm,
    UserFilterForm,
)
from peerwork.accounts.permissions import manager_required
from peerwork.core.errors import EditConflict
from peerwork.core.pagination import paginate


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetPasswordForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    extra_context = {"heading": _("Choose a new password")}


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """An invited person chooses their first password with the link they were sent."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    extra_context = {"heading": _("Choose your password")}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@manager_required
def user_list(request):
    form = UserFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    users = selectors.user_search(query=filters.get("q", ""), role=filters.get("role", ""))
    page = paginate(request, users)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "table": presenters.user_table(page, request.user)},
    )


@manager_required
def user_invite(request):
    form = InviteUserForm(request.POST or None, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_invite(
            **form.cleaned_data,
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(
            request,
            _("%(name)s has been invited. We emailed them a link to choose a password.")
            % {"name": user.full_name},
        )
        return redirect("accounts:users")
    return render(request, "accounts/user_invite.html", {"form": form})


@manager_required
def user_edit(request, pk):
    user = get_object_or_404(selectors.accounts_managed_by(request.user), pk=pk)
    permissions.require(permissions.may_edit_account(request.user, user))
    initial = {
        "full_name": user.full_name,
        "roles": sorted(user.roles),
        "council": user.council_id,
        "regions": list(user.advised_regions.all()),
        "is_active": user.is_active,
        "version": user.version,
    }
    form = EditUserForm(request.POST or None, initial=initial, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                user=user,
                by=request.user,
                expected_version=data.pop("version"),
                **data,
            )
        except EditConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed this account while you were editing it. "
                    "Open it again to see their changes, then make yours."
                ),
            )
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": user.full_name})
            return redirect("accounts:users")
    return render(request, "accounts/user_edit.html", {"form": form, "account": user})
