"""Deterministic demo people for every role. Loading twice changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from peerwork.accounts.models import Role, User
from peerwork.councils.models import Council, Region


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    password: str
    council_code: str = ""
    region_names: tuple[str, ...] = ()

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


DEMO_USERS = [
    DemoUser("admin@peerwork.test", "Ada Administrator", Role.ADMINISTRATOR, "demo-admin-2026"),
    DemoUser("staff@peerwork.test", "Sam Staff", Role.PROGRAMME_STAFF, "demo-staff-2026"),
    DemoUser(
        "adviser@peerwork.test",
        "Priya Adviser",
        Role.PRINCIPAL_ADVISER,
        "demo-adviser-2026",
        region_names=("South East", "London"),
    ),
    DemoUser("peer@peerwork.test", "Pat Peer", Role.PEER, "demo-peer-2026"),
    DemoUser(
        "council@peerwork.test",
        "Chris Contact",
        Role.COUNCIL_CONTACT,
        "demo-council-2026",
        council_code="FAR",
    ),
    DemoUser("board@peerwork.test", "Bea Board", Role.BOARD_MEMBER, "demo-board-2026"),
]


@transaction.atomic
def demo_load() -> None:
    for spec in DEMO_USERS:
        council = (
            Council.objects.filter(code=spec.council_code).first() if spec.council_code else None
        )
        user, created = User.objects.get_or_create(
            email=spec.email,
            defaults={"full_name": spec.full_name, "role": spec.role, "council": council},
        )
        if created:
            user.set_password(spec.password)
            user.save()
        if spec.region_names:
            user.advised_regions.set(Region.objects.filter(name__in=spec.region_names))
