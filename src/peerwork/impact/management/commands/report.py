"""`peerwork report annual --year 2019 --format pdf --output report.pdf` (2019 is 2019/20)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from peerwork.impact.annual.figures import annual_report
from peerwork.impact.annual.views import annual_file

FORMATS = ("json", "csv", "xlsx", "pdf")


class Command(BaseCommand):
    help = "Write a report computed from the records. Only the annual report for now."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"], help="which report")
        parser.add_argument(
            "--year", type=int, required=True, help="the year's first April: 2019 means 2019/20"
        )
        parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
        parser.add_argument("--output", required=True, help="the file to write, or - for stdout")

    def handle(self, *args, kind, year, fmt, output, **options):
        if not 1900 < year < 2200:
            raise CommandError(f"--year {year} is not a year such as 2019 (for 2019/20)")
        report = annual_report(year)
        content = annual_file(report, fmt, settings.PEERWORK_BASE_URL)
        if output == "-":
            if isinstance(content, bytes):
                raise CommandError(f"{fmt} is binary: give --output a file name")
            self.stdout.write(content, ending="")
            return
        path = Path(output)
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}") from error
        self.stderr.write(f"Wrote the annual report {report.label} as {fmt} to {path}")
