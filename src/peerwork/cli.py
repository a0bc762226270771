"""The `peerwork` console command: Django's management commands and the project's own."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
