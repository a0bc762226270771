"""The `peerwork` console command: Django's management commands and the project's own."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["solve"]:
        # The team-assembly solver needs no Django: skip loading it.
        from peerwork.assembly.cli import main as solve

        sys.exit(solve(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
