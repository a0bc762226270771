from django.core.management.base import BaseCommand

from peerwork.councils.importers import councils_import
from peerwork.councils.management.commands._importing import run_import


class Command(BaseCommand):
    help = (
        "Import the open register of UK local authorities (mySociety's CSV format). "
        "All or nothing: a file with bad rows changes nothing and lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the register's CSV file")

    def handle(self, *args, file, **options):
        run_import(self, councils_import, file)
