"""Holding someone who must use two-factor sign-in at its set-up page."""

from django.shortcuts import redirect

from peerwork.accounts import permissions

# What such a person may still open: the set-up page, and signing out.
ALLOWED = frozenset({"accounts:two-factor-setup", "accounts:sign-out"})


class TwoFactorRequiredMiddleware:
    """After sign-in, someone whose role requires two-factor sign-in
    (`permissions.must_set_up_two_factor`) and who has signed in with a password alone
    reaches nothing but the set-up page, until they have set it up (or, with it set up
    already, signed in again with a code)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not permissions.must_set_up_two_factor(request.user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED:
            return None
        return redirect("accounts:two-factor-setup")
