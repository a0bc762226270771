from functools import partial

from django.core.management.base import BaseCommand

from peerwork.accounts.permissions import OPERATOR
from peerwork.core.imports import import_file
from peerwork.peers.pool_files import pool_import


class Command(BaseCommand):
    help = (
        "Import peers from CSV (the directory export's columns), matched by email. "
        "All or nothing: a file with bad rows changes nothing and lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        result = import_file(partial(pool_import, by=OPERATOR), file, stderr=self.stderr)
        self.stdout.write(f"created {result.created}, updated {result.updated}")
