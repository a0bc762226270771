"""Work done once: queries and time of the pages whose work is kept, first and again.

The first request for the annual report computes its figures (as every request did
before they were kept) and the first request for a PDF draws it (as every request did
before PDFs were kept); the later ones read what was kept. The peer directory and the
CSV export are measured on the demo's pool and on the same pool doubled: the
directory's queries do not grow with it, the export's by four for each 1,000 peers
(one batch, read with its skills, council types and training).

    .venv/bin/python bench/work_done_once.py [--year 2025] [--repeat 5]

It loads the demo (`peerwork demo --no-serve`) into a database of its own under /tmp
on first use, which takes about 20 seconds, and keeps media under the same folder.
"""

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

VAR = Path(os.environ.get("BENCH_VAR_DIR", "/tmp/peerwork-bench-once"))
os.environ["PEERWORK_VAR_DIR"] = str(VAR)
os.environ.setdefault("MEDIA_ROOT", str(VAR / "media"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from peerwork.accounts.models import User  # noqa: E402
from peerwork.peers.models import Peer, PeerSkill  # noqa: E402
from peerwork.reports.models import Report  # noqa: E402


def fetch(client, url):
    """Queries, seconds and bytes of one GET, the streamed body read to its end."""
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        body = response.getvalue()
        took = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), took, len(body)


def measure(client, url, repeat):
    first = fetch(client, url)
    later = [fetch(client, url) for _ in range(repeat)]
    return first, (later[-1][0], statistics.median(t for _q, t, _b in later))


def doubled_pool():
    """A copy of every peer (with its skills), in a transaction the caller rolls back."""
    originals = list(Peer.objects.order_by("pk").prefetch_related("skills"))
    copies = []
    for peer in originals:
        copy = Peer(**{f.attname: getattr(peer, f.attname) for f in Peer._meta.fields})
        copy.pk, copy.user_id, copy.email = None, None, "copy-" + peer.email
        copies.append(copy)
    made = Peer.objects.bulk_create(copies, batch_size=500)
    PeerSkill.objects.bulk_create(
        (
            PeerSkill(peer_id=copy.pk, skill_id=skill.skill_id, level=skill.level)
            for original, copy in zip(originals, made, strict=True)
            for skill in original.skills.all()
        ),
        batch_size=1000,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    if not (VAR / "peerwork.sqlite3").exists() and not os.environ.get("DATABASE_URL"):
        VAR.mkdir(parents=True, exist_ok=True)
        call_command("demo", "--no-serve", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("migrate", verbosity=0)
    # Start from nothing kept, as after a change behind every figure.
    from peerwork.impact.models import KeptFigures

    KeptFigures.objects.all().delete()
    report = (
        Report.objects.filter(status="published", action_plan_published_at__isnull=False)
        .annotate(n=Count("sections__recommendations"))
        .order_by("-n", "pk")
        .first()
    )
    client = Client()
    client.force_login(User.objects.get(email="admin@peerwork.test"))

    print(f"{platform.machine()}, {os.cpu_count()} cores, {connection.vendor}")
    print("\n| page | first: queries | first: time | again: queries | again: median time |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, url in (
        (f"annual report {args.year}", f"/impact/annual/{args.year}/"),
        (f"annual report {args.year}, PDF", f"/impact/annual/{args.year}/download.pdf"),
        ("a published report's PDF", f"/reports/{report.pk}/pdf/"),
    ):
        (q1, t1, _b), (q2, t2) = measure(client, url, args.repeat)
        print(f"| {label} | {q1} | {t1:.3f} s | {q2} | {t2:.3f} s |")

    print("\n| page | pool | queries | median time |")
    print("| --- | ---: | ---: | ---: |")
    urls = (
        ("peer directory", "/peers/"),
        ("peer directory, by load, page 20", "/peers/?sort=load&page=20"),
        ("peers CSV export", "/peers/export.csv"),
    )
    for doubled in (False, True):
        with transaction.atomic():
            if doubled:
                doubled_pool()
            pool = Peer.objects.count()
            for label, url in urls:
                _first, (queries, took) = measure(client, url, args.repeat)
                print(f"| {label} | {pool:,} | {queries} | {took:.3f} s |")
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
