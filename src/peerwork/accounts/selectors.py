from django.db.models import Q, QuerySet

from peerwork.accounts.models import User


def user_search(*, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.select_related("council").prefetch_related("advised_regions")
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    if role:
        users = users.filter(role=role)
    return users.order_by("full_name", "email")
