"""Computing the annual report on the demo's records: shared queries against one per figure.

`peerwork.impact.annual.figures.Records` makes each query once for a period however many
figures read it (the delivered engagements, the peers used, the councils counted).
The baseline computes every figure with a fresh `Records`, as a report written
figure by figure would. Both run here, side by side, on the same database, and the
numbers they give are checked to be equal.

    .venv/bin/python bench/annual_report.py [--year 2019] [--repeat 3]

It loads the demo (`peerwork demo --no-serve`) into a database of its own under
/tmp on first use, which takes about 20 seconds.
"""

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

VAR = Path(os.environ.get("BENCH_VAR_DIR", "/tmp/peerwork-bench-annual"))
os.environ["PEERWORK_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from peerwork.core.periods import Period  # noqa: E402
from peerwork.impact.annual.exports import as_csv, as_xlsx  # noqa: E402
from peerwork.impact.annual.figures import FIGURES, Records, annual_report  # noqa: E402


def shared(year):
    return annual_report(year)


def figure_by_figure(year):
    """The baseline: every figure, this year and last, from records of its own."""
    now, before = Period.year(year), Period.year(year).previous_year()
    return {
        spec.key: (spec.compute(Records(now)), spec.compute(Records(before))) for spec in FIGURES
    }


def measure(function, year, repeat):
    times = []
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = function(year)
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (VAR / "peerwork.sqlite3").exists() and not os.environ.get("DATABASE_URL"):
        VAR.mkdir(parents=True, exist_ok=True)
        call_command("demo", "--no-serve", stdout=open(os.devnull, "w"))  # noqa: SIM115

    print(f"{platform.machine()}, {os.cpu_count()} cores, {connection.vendor}")
    base_time, base_queries, base = measure(figure_by_figure, args.year, args.repeat)
    ours_time, ours_queries, report = measure(shared, args.year, args.repeat)
    for line in report.lines:
        assert (line.now, line.before) == base[line.key], line.key

    start = time.perf_counter()
    as_csv(report)
    as_xlsx(report)
    files = time.perf_counter() - start

    print(f"| computing {len(FIGURES)} figures, {args.year} and the year before | time | queries |")
    print("| --- | --- | --- |")
    print(f"| figure by figure (baseline) | {base_time:.2f} s | {base_queries} |")
    print(
        f"| shared records (peerwork), with the by-type table and the trend "
        f"| {ours_time:.2f} s | {ours_queries} |"
    )
    print(f"\nCSV and XLSX from the computed report: {files * 1000:.0f} ms")


if __name__ == "__main__":
    main()
