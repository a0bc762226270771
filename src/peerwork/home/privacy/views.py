"""A person's copy of their data (a page and JSON), and an administrator's erasure."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerwork.accounts import permissions
from peerwork.accounts.permissions import allowing
from peerwork.home.privacy import presenters, selectors, services


@never_cache
@allowing(permissions.may_download_own_data)
def my_data(request):
    data = selectors.personal_data(request.user)
    return render(request, "home/privacy/my_data.html", {"parts": presenters.data_page(data)})


@never_cache
@allowing(permissions.may_download_own_data)
def my_data_json(request):
    data = selectors.personal_data(request.user)
    payload = {
        "about": _("Everything peerwork holds about you, as it was at %(when)s.")
        % {"when": timezone.now().isoformat(timespec="seconds")},
        **data,
    }
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="peerwork-your-data.json"'
    response["Cache-Control"] = "no-store"
    return response


def _erase(request, *, user=None, peer=None, done_url):
    name = (peer or user).full_name
    if request.method == "POST":
        try:
            services.erase_person(by=request.user, user=user, peer=peer)
        except permissions.Denied:
            messages.error(request, _("You cannot erase your own account."))
            return redirect(request.path)
        messages.success(request, _("%(name)s has been erased.") % {"name": name})
        return redirect(done_url)
    return render(
        request,
        "home/privacy/erase.html",
        {
            "name": name,
            "email": (peer or user).email,
            "has_peer": peer is not None or selectors.peer_of(user) is not None,
            "has_account": user is not None or (peer is not None and peer.user_id is not None),
            "own": user is not None and user.pk == request.user.pk,
        },
    )


@allowing(permissions.may_erase_person)
def erase_user(request, pk):
    user = selectors.erasable_account(request.user, pk)
    return _erase(request, user=user, done_url="accounts:users")


@allowing(permissions.may_erase_person)
def erase_peer(request, pk):
    peer = selectors.erasable_peer(request.user, pk)
    return _erase(request, peer=peer, done_url="peers:list")
