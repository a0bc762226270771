from django.core.management.base import BaseCommand, CommandError

from peerwork.councils.importers import ImportRefused, read_text
from peerwork.peers.pool_files import pool_import


class Command(BaseCommand):
    help = (
        "Import peers from CSV (the directory export's columns), matched by email. "
        "All or nothing: a file with bad rows changes nothing and lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with read_text(file) as stream:
                result = pool_import(stream=stream)
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {file}") from error
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{file} was refused: {len(refused.errors)} problem(s). Nothing was changed."
            ) from refused
        self.stdout.write(f"created {result.created}, updated {result.updated}")
