"""The `peerwork` console command: Django's management commands and the project's own."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["solve"]:
        # The team-assembly solver needs no Django: skip loading it.
        from peerwork.assembly.cli import main as solve

        sys.exit(solve(sys.argv[2:]))
    if sys.argv[1:2] == ["demo"] and os.environ.get("PEERWORK_ENV") == "production":
        # Production settings leave the demo app out, so Django would only answer
        # "Unknown command"; say why instead, before anything touches the database.
        from peerwork.demo.management import PRODUCTION_REFUSAL

        sys.exit(PRODUCTION_REFUSAL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")
    from django.core.management import execute_from_command_line

    from peerwork.core import audit

    # A command acts as the system: its audit log entries have no actor, and say so.
    with audit.running(f"command: {sys.argv[1] if len(sys.argv) > 1 else ''}"):
        execute_from_command_line(sys.argv)
