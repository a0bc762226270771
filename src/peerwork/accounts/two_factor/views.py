"""Setting up two-factor sign-in, recovery codes, the code at sign-in, and an
administrator's reset."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from peerwork.accounts import permissions
from peerwork.accounts import selectors as accounts
from peerwork.accounts.permissions import administrator_required, signed_in_required
from peerwork.accounts.two_factor import presenters, selectors, services, signing_in
from peerwork.accounts.two_factor.forms import CodeForm, FirstCodeForm

# The secret a set-up page shows, kept until a first code proves the app holds it.
SECRET = "peerwork.two-factor.secret"
# Recovery codes just made, shown on the next page once.
NEW_CODES = "peerwork.two-factor.new-codes"


@signed_in_required
@never_cache
def set_up(request):
    user = request.user
    if selectors.has_two_factor(user):
        return render(
            request,
            "accounts/two_factor/set_up_done.html",
            {"verified": permissions.is_two_factor_verified(user)},
        )
    secret = request.session.get(SECRET) or services.two_factor_new_secret()
    request.session[SECRET] = secret
    form = FirstCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_set_up(
                user=user, secret=secret, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[SECRET]
            otp_login(request, device)  # this session has now shown a code
            request.session[NEW_CODES] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("accounts:two-factor-recovery-codes")
    return render(
        request,
        "accounts/two_factor/set_up.html",
        {
            "form": form,
            "secret": presenters.secret_text(secret),
            "qr_code": presenters.qr_code(user, secret),
            "required": permissions.two_factor_required(user),
        },
    )


@signed_in_required
@never_cache
def recovery_codes(request):
    user = request.user
    if not selectors.has_two_factor(user):
        return redirect("accounts:two-factor-setup")
    may_renew = permissions.may_change_own_two_factor(user, has_device=True)
    if request.method == "POST":
        permissions.require(may_renew)
        request.session[NEW_CODES] = services.two_factor_recovery_codes_renew(user=user)
        return redirect("accounts:two-factor-recovery-codes")
    return render(
        request,
        "accounts/two_factor/recovery_codes.html",
        {
            "codes": request.session.pop(NEW_CODES, None),
            "left": selectors.recovery_codes_left(user),
            "may_renew": may_renew,
        },
    )


@login_not_required
@never_cache
def challenge(request):
    """The code after the password. Without a password given in this session, the
    sign-in page."""
    pending = signing_in.pending_of(request)
    if pending is None:
        return redirect("accounts:sign-in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(user=pending.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            signing_in.code_refused(request, pending.user)
        else:
            return signing_in.sign_in_complete(
                request, pending.user, pending.next_url, device=device
            )
    return render(request, "accounts/two_factor/challenge.html", {"form": form})


@administrator_required
@require_POST
def user_reset(request, pk):
    account = get_object_or_404(accounts.accounts_managed_by(request.user), pk=pk)
    permissions.require(permissions.may_reset_two_factor(request.user, account))
    services.two_factor_reset(user=account, by=request.user)
    messages.success(
        request,
        _(
            "Two-factor sign-in is reset for %(name)s. They sign in with their password, "
            "then set it up again if their role needs it."
        )
        % {"name": account.full_name},
    )
    return redirect("accounts:user-edit", pk=account.pk)
