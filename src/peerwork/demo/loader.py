"""Deterministic demo people for every role. Loading twice changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from peerwork.accounts import permissions
from peerwork.accounts.models import Role, User
from peerwork.core.signals import bulk_written
from peerwork.councils.models import Council, Region


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    roles: tuple[str, ...]
    password: str
    council_code: str = ""
    region_names: tuple[str, ...] = ()

    @property
    def role_label(self) -> str:
        return " + ".join(str(Role(role).label) for role in self.roles)


DEMO_USERS = [
    DemoUser("admin@peerwork.test", "Ada Administrator", (Role.ADMINISTRATOR,), "demo-admin-2026"),
    DemoUser("staff@peerwork.test", "Sam Staff", (Role.PROGRAMME_STAFF,), "demo-staff-2026"),
    DemoUser(
        "adviser@peerwork.test",
        "Priya Adviser",
        (Role.PRINCIPAL_ADVISER,),
        "demo-adviser-2026",
        region_names=("South East", "London"),
    ),
    DemoUser("peer@peerwork.test", "Pat Peer", (Role.PEER,), "demo-peer-2026"),
    DemoUser(
        "council@peerwork.test",
        "Chris Contact",
        (Role.COUNCIL_CONTACT,),
        "demo-council-2026",
        council_code="FAR",
    ),
    DemoUser("board@peerwork.test", "Bea Board", (Role.BOARD_MEMBER,), "demo-board-2026"),
    # Several roles on one account: a councillor who is a member peer and sits on the
    # improvement board sees both, and nothing more.
    DemoUser(
        "councillor@peerwork.test",
        "Cai Councillor",
        (Role.PEER, Role.BOARD_MEMBER),
        "demo-councillor-2026",
    ),
]


@transaction.atomic
def demo_load() -> None:
    for spec in DEMO_USERS:
        council = (
            Council.objects.filter(code=spec.council_code).first() if spec.council_code else None
        )
        user, created = User.objects.get_or_create(
            email=spec.email, defaults={"full_name": spec.full_name, "council": council}
        )
        if created:
            user.set_password(spec.password)
            user.save()
            user.grant(*spec.roles)
        if spec.region_names:
            user.advised_regions.set(Region.objects.filter(name__in=spec.region_names))


DEMO_POOL_SIZE = 2200


@transaction.atomic
def demo_pool_load(*, size: int = DEMO_POOL_SIZE) -> int:
    """The demo's peer pool, its availability, interests and diversity. Loads once."""
    import datetime
    import io
    import random

    from django.utils import timezone

    from peerwork.demo.pool import demo_pool_csv
    from peerwork.peers.models import DeclaredInterest, DiversityRecord, Peer, Unavailability
    from peerwork.peers.pool_files import pool_import

    if Peer.objects.filter(email__endswith="@peers.example").exists():
        return 0
    codes = sorted(Council.objects.current().principal().values_list("code", flat=True))
    pool_import(
        stream=io.StringIO(demo_pool_csv(size=size, council_codes=codes)),
        by=permissions.OPERATOR,
    )

    rng = random.Random(7)
    peers = list(Peer.objects.filter(email__endswith="@peers.example").order_by("email"))
    council_ids = list(Council.objects.current().principal().values_list("pk", flat=True))
    start = datetime.date(2027, 1, 4)
    periods, interests, diversity = [], [], []
    consent = timezone.make_aware(datetime.datetime(2026, 4, 1, 9, 0))
    for peer in peers:
        if rng.random() < 0.3:
            first = start + datetime.timedelta(days=rng.randint(0, 300))
            periods.append(
                Unavailability(
                    peer=peer,
                    starts_on=first,
                    ends_on=first + datetime.timedelta(days=rng.randint(0, 14)),
                    reason="Leave",
                )
            )
        if rng.random() < 0.15:
            council_id = rng.choice(council_ids)
            if council_id != peer.home_council_id:
                interests.append(
                    DeclaredInterest(
                        peer=peer, council_id=council_id, reason="Family member works there"
                    )
                )
        if rng.random() < 0.6:
            diversity.append(
                DiversityRecord(
                    peer=peer,
                    consent_given_at=consent,
                    gender=rng.choices(["woman", "man", "prefer_not"], [45, 52, 3])[0],
                    disability=rng.choices(["yes", "no", "prefer_not"], [6, 90, 4])[0],
                    ethnicity=rng.choices(
                        ["white_british", "white_other", "asian", "black", "mixed", "prefer_not"],
                        [80, 4, 8, 4, 2, 2],
                    )[0],
                )
            )
    Unavailability.objects.bulk_create(periods)
    DeclaredInterest.objects.bulk_create(interests)
    DiversityRecord.objects.bulk_create(diversity)
    bulk_written.send(sender=DiversityRecord)
    _earlier_accreditations(peers)
    return len(peers)


def _earlier_accreditations(peers) -> None:
    """The file holds each peer's current accreditation. Accreditation lasts three years
    and most peers renew it, so give most an earlier one: without it nobody could have
    been accredited for the demo's engagements of 2023 and 2024."""
    import datetime
    import random

    from peerwork.peers.models import Accreditation

    rng = random.Random(11)
    earlier = [
        Accreditation(
            peer_id=current.peer_id,
            name=current.name,
            completed_on=current.completed_on - datetime.timedelta(days=3 * 365),
            expires_on=current.completed_on,
        )
        for current in Accreditation.objects.filter(peer__in=peers).order_by("peer_id", "pk")
        if rng.random() < 0.8
    ]
    Accreditation.objects.bulk_create(earlier)


def _trained(peer, *completed_on) -> None:
    """Peer challenge training on each day given, each valid for three years."""
    from peerwork.peers.models import Accreditation

    for done in completed_on:
        Accreditation.objects.create(
            peer=peer,
            name="Peer challenge training",
            completed_on=done,
            expires_on=done.replace(year=done.year + 3),
        )


@transaction.atomic
def demo_peer_record_link() -> None:
    """Give the demo peer account its own record in the pool, so self-service works."""
    import datetime

    from peerwork.peers.models import Peer, PeerSkill, Skill

    user = User.objects.get(email="peer@peerwork.test")
    if Peer.objects.filter(user=user).exists():
        return
    peer = Peer.objects.create(
        user=user,
        kind="officer",
        full_name=user.full_name,
        email=user.email,
        home_council=Council.objects.filter(code="KEN").first(),
        home_role="s151_officer",
        experience="Director of finance at a county council for six years.",
    )
    PeerSkill.objects.create(peer=peer, skill=Skill.objects.get(slug="finance"), level=3)
    PeerSkill.objects.create(peer=peer, skill=Skill.objects.get(slug="governance"), level=2)
    # Accredited since 2023 and renewed, so the demo can put them on peer challenge teams.
    _trained(peer, datetime.date(2023, 2, 20), datetime.date(2026, 2, 20))


@transaction.atomic
def demo_councillor_record_link() -> None:
    """The councillor's member-peer record, made after the history so that the demo's
    engagements and figures are the same with it or without it."""
    import datetime

    from peerwork.peers.models import Peer, PeerSkill, Skill

    user = User.objects.get(email="councillor@peerwork.test")
    if Peer.objects.filter(user=user).exists():
        return
    peer = Peer.objects.create(
        user=user,
        kind="member",
        full_name=user.full_name,
        email=user.email,
        home_council=Council.objects.filter(code="SHF").first()
        or Council.objects.order_by("pk").first(),
        home_role="cabinet_member",
        experience="Cabinet member for finance; chairs the audit committee.",
    )
    PeerSkill.objects.create(peer=peer, skill=Skill.objects.get(slug="finance"), level=2)
    _trained(peer, datetime.date(2025, 10, 1))


def demo_engagements_load(*, today=None) -> int:
    """Engagements since April 2023 over every offer and stage, with teams, sessions,
    history and reports (see `peerwork.demo.history`). Loads once."""
    from peerwork.demo.history import demo_history_load
    from peerwork.engagements.models import Engagement

    if Engagement.objects.exists():
        return 0
    with transaction.atomic():
        made = demo_history_load(today=today)
        bulk_written.send(sender=Engagement)
    return made


def demo_records_load(*, today=None) -> dict[str, int]:
    """The engagements before the history and the programmes' records since 2019/20,
    from which the annual report computes the association's figures (see
    `peerwork.demo.records`). Loads once; returns how many of each it made."""
    from peerwork.demo.records import demo_records_load as load
    from peerwork.engagements.models import Engagement

    made = load(today=today)
    bulk_written.send(sender=Engagement)  # and the programmes' records, surveys and targets
    return made
