from django.core.management.base import BaseCommand

from peerwork.councils.importers import control_import
from peerwork.councils.management.commands._importing import run_import


class Command(BaseCommand):
    help = (
        "Import political control as a dated history: CSV with columns "
        "code, control (party or NOC), leader_party, from (YYYY-MM-DD). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file")

    def handle(self, *args, file, **options):
        run_import(self, control_import, file)
