"""Signing in and out, passwords, and the staff pages that manage accounts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peerwork.accounts import lockout, permissions, presenters, selectors, services
from peerwork.accounts.forms import (
    EditUserForm,
    InviteUserForm,
    ResetPasswordForm,
    SignInForm,
    UserFilterForm,
)
from peerwork.accounts.permissions import (
    administrator_required,
    manager_required,
    signed_in_required,
)
from peerwork.accounts.two_factor import selectors as two_factor
from peerwork.accounts.two_factor import signing_in
from peerwork.core.errors import EditConflict
from peerwork.core.pagination import paginate


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {
        "lockout_attempts": settings.PEERWORK_LOCKOUT_ATTEMPTS,
        "lockout_minutes": settings.PEERWORK_LOCKOUT_MINUTES,
    }

    def form_valid(self, form):
        """The right password: signed in, or asked for a code first if the account has
        two-factor sign-in."""
        user = form.get_user()
        if two_factor.has_two_factor(user):
            signing_in.pending_begin(self.request, user, self.get_success_url())
            return redirect("accounts:two-factor-challenge")
        return signing_in.sign_in_complete(self.request, user, self.get_success_url())


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

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_chosen(user=form.user)
        return response


class AcceptInvitationView(PasswordResetConfirmView):
    """An invited person chooses their first password with the link they were sent."""

    extra_context = {"heading": _("Choose your password")}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@signed_in_required
def account(request):
    """The person's own account: their password and two-factor sign-in."""
    user = request.user
    rows = presenters.account_rows(
        user,
        has_two_factor=two_factor.has_two_factor(user),
        recovery_codes_left=two_factor.recovery_codes_left(user),
    )
    return render(request, "accounts/account.html", {"rows": rows})


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
    locked = lockout.lockout_of(user.email)
    has_two_factor = two_factor.has_two_factor(user)
    return render(
        request,
        "accounts/user_edit.html",
        {
            "form": form,
            "account": user,
            "lockout": locked,
            "has_two_factor": has_two_factor,
            "sign_in": presenters.sign_in_rows(locked, has_two_factor=has_two_factor),
        },
    )


@administrator_required
@require_POST
def user_unlock(request, pk):
    """An administrator lifts the lock on someone's sign-in."""
    user = get_object_or_404(selectors.accounts_managed_by(request.user), pk=pk)
    permissions.require(permissions.may_lift_lockout(request.user, user))
    services.user_lockout_lift(user=user, by=request.user)
    messages.success(request, _("%(name)s can sign in again.") % {"name": user.full_name})
    return redirect("accounts:user-edit", pk=user.pk)
