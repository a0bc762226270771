"""Shared running of the all-or-nothing import commands."""

from django.core.management.base import CommandError

from peerwork.councils.importers import ImportRefused, ImportResult, read_text
from peerwork.councils.models import Nation


def run_import(command, importer, path: str) -> None:
    try:
        with read_text(path) as stream:
            result: ImportResult = importer(stream=stream)
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {path}") from error
    except ImportRefused as refused:
        for error in refused.errors:
            command.stderr.write(str(error))
        raise CommandError(
            f"{path} was refused: {len(refused.errors)} problem(s). Nothing was changed."
        ) from refused
    command.stdout.write(
        f"created {result.created}, updated {result.updated}, "
        f"unchanged {result.unchanged}, ended {result.ended}"
    )
    command.stdout.write("current principal councils:")
    for nation in Nation.values:
        command.stdout.write(f"  {nation}: {result.principal_by_nation[nation]}")
    command.stdout.write(f"  total: {result.principal_total}")
