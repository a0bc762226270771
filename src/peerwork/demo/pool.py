"""A deterministic, made-up peer pool in the import's CSV format.

Proportions are like the sector's: member peers split by the political groups'
shares of the association (about 39% Conservative, 38% Labour, 12% Liberal
Democrat, 11% Independent and others), officer peers by senior role.
"""

import datetime
import random

from peerwork.core import spreadsheets

FIRST = (
    "Aisha Alan Alice Amir Ann Ben Beth Carl Chloe Dan Deepa Dylan Eve Farah Gareth Grace "
    "Hannah Harry Ian Imran Isla Jack Jane Jo Kate Kemi Lee Leo Liam Lucy Mark Mary Megan "
    "Mo Nadia Neil Nia Omar Owen Pat Paul Priya Rhys Rob Rosa Ruth Sam Sara Sean Sian Sunil "
    "Tom Una Vic Wendy Yusuf Zara"
).split()
LAST = (
    "Ahmed Bailey Baker Begum Bell Brown Campbell Clarke Davies Edwards Evans Fisher Green "
    "Hall Harris Hughes Jackson James Jones Khan Kaur Lewis Lloyd Martin Morgan Murphy Owen "
    "Patel Phillips Price Roberts Robinson Shah Singh Smith Taylor Thomas Turner Walker Ward "
    "Watson White Williams Wilson Wood Wright Young"
).split()
PARTIES = [("Con", 39), ("Lab", 38), ("LD", 12), ("Ind", 7), ("Green", 3), ("Reform", 1)]
MEMBER_ROLES = [
    ("leader", 20),
    ("deputy_leader", 10),
    ("cabinet_member", 35),
    ("committee_chair", 15),
    ("opposition_leader", 10),
    ("councillor", 10),
]
OFFICER_ROLES = [
    ("chief_executive", 30),
    ("s151_officer", 15),
    ("monitoring_officer", 10),
    ("director_childrens", 8),
    ("director_adults", 8),
    ("director_place", 12),
    ("director", 12),
    ("head_of_service", 5),
]
COUNCIL_TYPES = ["CTY", "NMD", "UA", "MD", "LBO", "WPA"]
BASE = datetime.date(2026, 4, 1)


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def demo_pool_csv(*, size: int, council_codes: list[str], seed: int = 2026) -> str:
    rng = random.Random(seed)
    from peerwork.peers.models import Skill
    from peerwork.peers.pool_files import COLUMNS

    vocabulary = sorted(Skill.objects.values_list("slug", flat=True))

    rows = []
    for n in range(size):
        member = rng.random() < 0.5
        first, last = rng.choice(FIRST), rng.choice(LAST)
        skills = rng.sample(vocabulary, rng.randint(2, 5))
        completed = BASE - datetime.timedelta(days=rng.randint(0, 3 * 365))
        accredited = rng.random() < 0.8
        rows.append(
            {
                "email": f"{first}.{last}.{n}@peers.example".lower(),
                "full_name": f"{first} {last}",
                "kind": "member" if member else "officer",
                "phone": f"07700 9{n:05d}",
                "home_council_code": rng.choice(council_codes),
                "home_role": _pick(rng, MEMBER_ROLES if member else OFFICER_ROLES),
                "party": _pick(rng, PARTIES) if member else "",
                "status": _pick(rng, [("active", 85), ("paused", 10), ("retired", 5)]),
                "capacity_engagements": rng.randint(2, 8),
                "capacity_days": rng.choice([6, 8, 10, 12, 15, 20]),
                "skills": ";".join(f"{s}:{rng.randint(1, 3)}" for s in skills),
                "council_types": ";".join(sorted(rng.sample(COUNCIL_TYPES, rng.randint(1, 3)))),
                "accreditation": "Peer challenge training" if accredited else "",
                "accredited_on": completed.isoformat() if accredited else "",
                "accreditation_expires_on": (
                    (completed + datetime.timedelta(days=3 * 365)).isoformat() if accredited else ""
                ),
                "experience": "",
            }
        )
    return spreadsheets.csv_text(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))
