"""Who may open which page. Sign-in itself is required everywhere by middleware."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from peerwork.accounts.models import MANAGER_ROLES, STAFF_ROLES


def role_required(*roles):
    allowed = frozenset(
        r for group in roles for r in (group if isinstance(group, (set, frozenset)) else {group})
    )

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_role(*allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed
        return wrapped

    return decorator


staff_required = role_required(STAFF_ROLES)
manager_required = role_required(MANAGER_ROLES)
