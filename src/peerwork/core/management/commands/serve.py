"""`peerwork serve`: the production web server (gunicorn) with sensible defaults."""

import os
import sys

from django.core.management.base import BaseCommand


def default_workers() -> int:
    """Two sync workers a core and one more, at most nine: each holds one request."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = (
        "Serve peerwork with gunicorn: PEERWORK_WEB_WORKERS sync workers (two a core and "
        "one, at most 9), a 60 s request timeout, graceful restarts on SIGHUP, access log "
        "on stdout. Static files come from the web process itself (WhiteNoise)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("PEERWORK_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}"),
            help="host:port to listen on (PEERWORK_BIND, or PORT on every interface)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("PEERWORK_WEB_WORKERS", default_workers())),
        )
        parser.add_argument("--timeout", type=int, default=60)

    def argv(self, *, bind: str, workers: int, timeout: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "peerwork.wsgi:application",
            f"--bind={bind}",
            f"--workers={workers}",
            f"--timeout={timeout}",
            "--graceful-timeout=30",
            # Recycle workers now and then, so no process grows without bound.
            "--max-requests=2000",
            "--max-requests-jitter=200",
            "--access-logfile=-",
            "--forwarded-allow-ips=*",
        ]

    def handle(self, *args, bind, workers, timeout, **options):
        argv = self.argv(bind=bind, workers=workers, timeout=timeout)
        self.stdout.write(f"Serving peerwork on {bind} with {workers} workers")
        self.stdout.flush()
        os.execv(sys.executable, argv)
