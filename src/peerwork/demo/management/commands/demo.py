"""`peerwork demo`: one command from a fresh clone to a running demo."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from peerwork.demo.loader import (
    DEMO_USERS,
    demo_councillor_record_link,
    demo_engagements_load,
    demo_load,
    demo_peer_record_link,
    demo_pool_load,
    demo_records_load,
)
from peerwork.demo.management import PRODUCTION_REFUSAL
from peerwork.demo.records import demo_records_summary

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Create and migrate the database if needed, load demo data, and serve the demo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="do everything but start the web server"
        )
        parser.add_argument(
            "--councils",
            metavar="FILE",
            help="load the full register from this file instead of the demo's sample",
        )
        parser.add_argument("--port", default="8000")

    def handle(self, *args, no_serve, councils, port, **options):
        if settings.PRODUCTION:
            # Production leaves this app out; this guards settings that put it back.
            raise CommandError(PRODUCTION_REFUSAL)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready: " + str(settings.DATABASES["default"]["NAME"]))
        call_command("import-councils", councils or str(DATA / "councils.csv"), stdout=self.stdout)
        call_command("import-control", str(DATA / "control.csv"), stdout=self.stdout)
        demo_load()
        demo_peer_record_link()
        loaded = demo_pool_load()
        if loaded:
            self.stdout.write(f"Loaded a demo pool of {loaded} peers.")
        if made := demo_engagements_load():
            self.stdout.write(f"Loaded {made} demo engagements.")
        if records := demo_records_load():
            self.stdout.write(demo_records_summary(records))
        demo_councillor_record_link()
        self.stdout.write("\nDemo users (email / password):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.role_label:<26} {user.email:<32} {user.password}")
        self.stdout.write(self._two_factor_line())
        if no_serve:
            return
        # A background worker beside the server sends the emails (printed here, since
        # the demo has no mail server) and proposes teams for a period.
        worker = subprocess.Popen([sys.executable, "-m", "peerwork", "worker", "-v", "0"])
        self.stdout.write(f"\nServing peerwork on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            call_command("runserver", f"127.0.0.1:{port}", "--noreload", "--insecure")
        finally:
            worker.terminate()
            worker.wait(timeout=60)

    def _two_factor_line(self) -> str:
        """Production asks administrators and programme staff for a code from an app;
        the demo's published passwords are meant to be tried by anyone, so it does not."""
        required = settings.PEERWORK_TWO_FACTOR_REQUIRED_FOR
        if required:
            return (
                "\nTwo-factor sign-in is required for: "
                + ", ".join(sorted(required))
                + " (PEERWORK_TWO_FACTOR_REQUIRED_FOR)."
            )
        return (
            "\nTwo-factor sign-in is off in the demo: no one is asked for a code (production"
            " asks administrators and programme staff). Anyone may turn it on at /account/."
        )
