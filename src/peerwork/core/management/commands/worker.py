"""`peerwork worker`: a background worker, taking tasks from the queue in the database.

Run as many as the work needs, on any machines that reach the database. Each takes
one task at a time from every queue, beats while it works (peerwork.core.workers),
finishes the task in hand on SIGTERM or Ctrl+C and then stops.
"""

import logging
import os
import socket
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections
from django.utils.crypto import get_random_string

from peerwork.core.workers import Beat, tidy

logger = logging.getLogger("peerwork.worker")
RECONNECT_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Run a background worker: it sends the emails, proposes teams for a period, draws "
        "report PDFs and sends surveys. Run several for more at once; stop with SIGTERM "
        "(it finishes its task first)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queues",
            default="*",
            help="Comma-separated queues to take tasks from (default: all, '*')",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=float(os.environ.get("PEERWORK_WORKER_INTERVAL", "1")),
            help="Seconds to wait before looking again when the queue is empty",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Do every task waiting now, then stop (for cron, or tests)",
        )

    def handle(self, *args, queues, interval, batch, **options):
        worker_id = f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"
        beat = Beat(worker_id)
        beat.start()
        tidy()
        self.stdout.write(f"peerwork worker {worker_id} taking tasks from queues {queues}")
        self.stdout.flush()
        try:
            while True:
                try:
                    call_command(
                        "db_worker",
                        queue_name=queues,
                        interval=interval,
                        batch=batch,
                        reload=False,
                        worker_id=worker_id,
                        startup_delay=not batch,
                        verbosity=options["verbosity"],
                    )
                    return
                except (OperationalError, InterfaceError) as error:
                    # The database went away (a restart, a failover): wait and go on. A
                    # task it interrupted is taken up again by the next beat's tidying.
                    logger.warning("The worker lost the database (%s); trying again", error)
                    close_old_connections()
                    time.sleep(RECONNECT_SECONDS)
        finally:
            beat.stop()
