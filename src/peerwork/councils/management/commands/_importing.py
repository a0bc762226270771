"""What the councils import commands print once a file is imported."""

from peerwork.core.imports import import_file
from peerwork.councils.importers import ImportResult
from peerwork.councils.models import Nation


def run_import(command, importer, path: str) -> None:
    result: ImportResult = import_file(importer, path, stderr=command.stderr)
    command.stdout.write(
        f"created {result.created}, updated {result.updated}, "
        f"unchanged {result.unchanged}, ended {result.ended}"
    )
    command.stdout.write("current principal councils:")
    for nation in Nation.values:
        command.stdout.write(f"  {nation}: {result.principal_by_nation[nation]}")
    command.stdout.write(f"  total: {result.principal_total}")
