"""The data for bench/load.py: the demo on the full register, and its history copied.

    DATABASE_URL=postgres://.../bench_load_2 .venv/bin/python bench/load_data.py \
        --councils FILE --times 2

loads `peerwork demo --no-serve --councils FILE` into DATABASE_URL (which must be empty
or new), then copies the history `times - 1` times, so the database holds `times` times
the demo's history.

What a copy is: every row of the apps that hold history (peers, engagements, reports,
impact, programmes) is inserted again with new keys, and every foreign key between
copied rows points at the copy. So a copied engagement has its own status history,
team, sessions, bookings, report, recommendations, actions and survey answers, and its
team is made of copied peers: nobody is booked twice, over capacity or on a day away,
and every constraint holds (PostgreSQL checks them all, the exclusion constraint on
bookings included). What stays single is what does not grow with time: the councils
register, offers, skills, parties, questions, targets, the graduate programme's intakes,
the polling rounds (one national poll a round) and the accounts; a copied peer has no
account. Unique values get a mark of their copy: peers' emails (`name+2@...`), leadership
cohorts' and graduates' names (` [copy 2]`), new tokens and calendar uids. A climate activity
is recorded once a council, activity and day, so its copy is dated a day later.

Rows are copied in SQL (INSERT ... SELECT with each key moved by a fixed offset), which
keeps every date and time as it was: saving through the ORM would stamp auto_now fields
with today. A model added later to those apps is copied too; one with a unique value
this script does not know how to mark stops it with a message saying so.
"""

import argparse
import os
import sys
from collections import defaultdict
from io import StringIO

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

HISTORY_APPS = ("peers", "engagements", "reports", "impact", "programmes")
# Records that do not grow with history: one of each, whatever the years held.
SINGLE = {
    "peers.Skill",
    "impact.Question",
    "impact.Target",
    "programmes.NgdpCohort",
    "programmes.PollingRound",
    # The annual report's kept figures: not history but what is computed from it, and
    # thrown away below once the history is copied.
    "impact.KeptFigures",
    "impact.FiguresGeneration",
}


def _marks(copy: int) -> dict[tuple[str, str], str]:
    """SQL for the unique values of copy number `copy` (2 for the first copy)."""
    suffix = f"' [copy {copy}]'"
    return {
        ("peers.Peer", "email"): f"replace(email, '@', '+{copy}@')",
        # A peer's account stays with the original record.
        ("peers.Peer", "user"): "NULL",
        ("engagements.TeamMember", "token"): "gen_random_uuid()",
        ("engagements.Session", "uid"): "gen_random_uuid()",
        ("impact.SurveyInvitation", "token"): "gen_random_uuid()",
        ("programmes.LeadershipCohort", "name"): f"name || {suffix}",
        ("programmes.NgdpPlacement", "graduate_name"): f"graduate_name || {suffix}",
        ("programmes.ClimateParticipation", "took_part_on"): f"took_part_on + {copy - 1}",
    }


def copied_models() -> list[type[models.Model]]:
    """The history's models, each after the models its foreign keys point at."""
    chosen = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in HISTORY_APPS and model._meta.label not in SINGLE
    ]
    labels = {model._meta.label for model in chosen}
    ordered: list[type[models.Model]] = []
    placed: set[str] = set()
    while len(ordered) < len(chosen):
        ready = [
            model
            for model in chosen
            if model._meta.label not in placed
            and all(
                field.related_model._meta.label in placed
                or field.related_model._meta.label not in labels
                or field.related_model is model
                for field in model._meta.local_concrete_fields
                if field.is_relation
            )
        ]
        if not ready:
            sys.exit("load_data: the history's foreign keys go round in a circle")
        for model in ready:
            ordered.append(model)
            placed.add(model._meta.label)
    return ordered


def _unmarked_unique(model, marks, moved: set[str]) -> list[str]:
    """Unique values of `model` that a copy would repeat: neither marked nor moved."""
    label = model._meta.label
    fixed = {name for (owner, name) in marks if owner == label} | moved
    problems = [
        field.name
        for field in model._meta.local_concrete_fields
        if field.unique and not field.primary_key and field.name not in fixed
    ]
    groups = [list(fields) for fields in model._meta.unique_together]
    groups += [
        list(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)
    ]
    problems += [
        "+".join(group) for group in groups if group and not any(name in fixed for name in group)
    ]
    return problems


def copy_history(copies: int) -> dict[str, int]:
    """Insert `copies` more copies of every history row; return rows per model."""
    ordered = copied_models()
    labels = {model._meta.label for model in ordered}
    made: dict[str, int] = defaultdict(int)
    with transaction.atomic(), connection.cursor() as cursor:
        extent = {}
        for model in ordered:
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(f'SELECT coalesce(max("{pk}"), 0) FROM "{table}"')
            extent[model._meta.label] = cursor.fetchone()[0]
        for copy in range(2, copies + 2):
            marks = _marks(copy)
            for model in ordered:
                made[model._meta.label] += _copy_model(cursor, model, copy, marks, labels, extent)
        for model in ordered:
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk}'), "
                f'(SELECT max("{pk}") FROM "{table}"))'
            )
    return dict(made)


def _copy_model(cursor, model, copy, marks, labels, extent) -> int:
    label, table = model._meta.label, model._meta.db_table
    pk = model._meta.pk
    offset = (copy - 1) * extent[label]
    columns, values, moved = [], [], set()
    for field in model._meta.local_concrete_fields:
        column = f'"{field.column}"'
        columns.append(column)
        if (label, field.name) in marks:
            values.append(marks[(label, field.name)])
        elif field.primary_key:
            values.append(f"{column} + {offset}")
        elif field.is_relation and field.related_model._meta.label in labels:
            target = field.related_model._meta.label
            values.append(f"{column} + {(copy - 1) * extent[target]}")
            moved.add(field.name)
        else:
            values.append(column)
    if problems := _unmarked_unique(model, marks, moved):
        sys.exit(
            f"load_data: a copy of {label} would repeat its unique {', '.join(problems)}; "
            "say in bench/load_data.py how a copy marks it, or list the model in SINGLE"
        )
    cursor.execute(
        f'INSERT INTO "{table}" ({", ".join(columns)}) '
        f'SELECT {", ".join(values)} FROM "{table}" WHERE "{pk.column}" <= {extent[label]}'
    )
    return cursor.rowcount


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--councils", help="the councils register (CSV; default the demo sample)")
    parser.add_argument("--times", type=int, default=1, help="how many times the history")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("load_data: DATABASE_URL must be a PostgreSQL database")
    councils = ["--councils", options.councils] if options.councils else []
    call_command("demo", "--no-serve", *councils, stdout=StringIO())
    if options.times > 1:
        from peerwork.peers.models import Peer

        if Peer.objects.filter(email__contains="+2@").exists():
            sys.exit("load_data: this database's history is copied already; start from a new one")
        made = copy_history(options.times - 1)
        rows = sum(made.values())
        print(f"load_data: copied the history {options.times - 1} more time(s), {rows:,} rows")
        # The copies were written without signals: figures kept before are stale.
        from peerwork.impact.models import KeptFigures

        KeptFigures.objects.all().delete()
    # A cache kept outside this process (none today) must not answer for the old data.
    for alias in settings.CACHES:
        caches[alias].clear()
    from peerwork.engagements.models import Engagement
    from peerwork.peers.models import Peer
    from peerwork.reports.models import Report

    print(
        f"load_data: {Peer.objects.count():,} peers, {Engagement.objects.count():,} engagements, "
        f"{Report.objects.count():,} reports"
    )


if __name__ == "__main__":
    main()
