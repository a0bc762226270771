"""Settings about accounts that are checked when peerwork starts (`peerwork check`)."""

from django.conf import settings
from django.core.checks import Error, register

from peerwork.accounts.models import Role


@register()
def two_factor_roles_check(app_configs, **kwargs):
    """A misspelt role in PEERWORK_TWO_FACTOR_REQUIRED_FOR would silently require
    nothing of the people it meant."""
    unknown = sorted(set(settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR) - set(Role.values))
    if not unknown:
        return []
    return [
        Error(
            f"PEERWORK_TWO_FACTOR_REQUIRED_FOR names roles peerwork does not have: "
            f"{', '.join(unknown)}.",
            hint=f"Use some of: {', '.join(Role.values)}.",
            id="peerwork.accounts.E001",
        )
    ]
