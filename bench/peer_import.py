"""Importing a pool of peers from CSV: peerwork's bulk import against row-by-row saving.

Both run in one process on the same generated file, each inside a transaction
that is rolled back afterwards, on a fresh database (SQLite in a temporary folder,
or the database in DATABASE_URL).

    .venv/bin/python bench/peer_import.py [--size 2000]
"""

import argparse
import io
import os
import platform
import tempfile
import time

os.environ.setdefault("PEERWORK_VAR_DIR", tempfile.mkdtemp(prefix="peerwork-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from peerwork.accounts import permissions  # noqa: E402
from peerwork.councils.models import Council  # noqa: E402
from peerwork.demo.pool import demo_pool_csv  # noqa: E402
from peerwork.peers import pool_files  # noqa: E402
from peerwork.peers.models import Accreditation, CouncilTypeKnown, Peer, PeerSkill  # noqa: E402

REGISTER = "../shared/data/uk-local-authorities/uk_local_authorities.csv"


class Rollback(Exception):
    pass


def baseline_import(text: str) -> int:
    """Validate with the same reader, then save each peer and its rows one at a time."""
    rows = pool_files._read(io.StringIO(text))
    for row in rows:
        peer = Peer.objects.create(**row.peer)
        for skill_id, level in row.skills.items():
            PeerSkill.objects.create(peer=peer, skill_id=skill_id, level=level)
        for council_type in row.council_types:
            CouncilTypeKnown.objects.create(peer=peer, council_type=council_type)
        if row.accreditation:
            name, done, expires = row.accreditation
            Accreditation.objects.create(
                peer=peer, name=name, completed_on=done, expires_on=expires
            )
    return len(rows)


def peerwork_import(text: str) -> int:
    return pool_files.pool_import(stream=io.StringIO(text), by=permissions.OPERATOR).created


def timed(function, text):
    start = time.perf_counter()
    try:
        with transaction.atomic():
            count = function(text)
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - start, count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=2000)
    size = parser.parse_args().size
    call_command("migrate", verbosity=0)
    if not Council.objects.exists():
        call_command("import-councils", REGISTER, stdout=io.StringIO())
    codes = sorted(Council.objects.current().principal().values_list("code", flat=True))
    text = demo_pool_csv(size=size, council_codes=codes)
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}; {size} peers"
    )
    for name, function in (("row by row", baseline_import), ("peerwork", peerwork_import)):
        seconds, count = timed(function, text)
        print(f"{name:<12} {seconds:7.2f} s  ({count} peers created)")


if __name__ == "__main__":
    main()
