from django.db.models import Q, QuerySet

from peerwork.accounts import permissions
from peerwork.accounts.models import Role, User
from peerwork.accounts.permissions import STAFF_ROLES


def user_search(*, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.select_related("council").prefetch_related(
        "advised_regions", "role_grants"
    )
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    if role:
        users = users.filter(role_grants__role=role)
    return users.order_by("full_name", "email")


def programme_staff() -> QuerySet[User]:
    """Open accounts of programme staff: who hears of a request when its region has no
    adviser, of a new application, and of reminders."""
    return User.objects.with_role(Role.PROGRAMME_STAFF)


def staff_accounts() -> QuerySet[User]:
    """Open accounts of the association's staff (who may manage an engagement)."""
    return User.objects.with_role(*STAFF_ROLES)


def accounts_managed_by(user) -> QuerySet[User]:
    """Every account, for those who manage accounts; none for anyone else."""
    if not permissions.is_manager(user):
        return User.objects.none()
    return User.objects.all()


def account_signing_in(pk) -> User | None:
    """The open account someone gave the right password for, between the password and
    the code."""
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()
