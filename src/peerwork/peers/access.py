"""Who may see the peer pool's special-category data (political party, diversity)."""

from peerwork.accounts.models import Role

# UK GDPR article 9 data: programme staff and administrators only. Not principal
# advisers, not council contacts, not other peers, not the public.
SPECIAL_CATEGORY_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_STAFF})


def can_see_special_category(user) -> bool:
    return user.is_authenticated and user.has_role(*SPECIAL_CATEGORY_ROLES)
