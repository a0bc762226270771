"""`peerwork serve`: the production web server (gunicorn) with sensible defaults.

The defaults come from bench/load.py (docs/performance.md, "Under load"):

- Threaded workers (gunicorn's gthread): each process answers several requests at once,
  so a quick one (the load balancer's `/health/`) is not queued behind slow pages as
  it is behind sync workers, and connections are kept alive between requests.
- A process a core and one more: threads share their process's interpreter lock, so it
  takes processes to use every core, and the one more works while another waits on
  the database.
- The worker timeout restarts a process that has stopped answering gunicorn's master.
  With threads that catches a stuck process, not one slow request, which runs to its
  end (a reading request whose client has gone is not started: peerwork.core.serving).
"""

import os
import sys

from django.core.management.base import BaseCommand

THREADS = 8
TIMEOUT = 30
MAX_REQUESTS = 10_000


def default_workers() -> int:
    """A process a core and one more, at most nine."""
    return min((os.cpu_count() or 1) + 1, 9)


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


class Command(BaseCommand):
    help = (
        "Serve peerwork with gunicorn: PEERWORK_WEB_WORKERS processes (a core and one "
        f"more, at most 9) of PEERWORK_WEB_THREADS threads ({THREADS}) each; a process "
        f"that stops answering for {TIMEOUT} s is restarted; each process is replaced "
        f"after about {MAX_REQUESTS:,} requests; graceful restarts on SIGHUP; access log "
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
            default=_env_int("PEERWORK_WEB_WORKERS", default_workers()),
            help="processes (PEERWORK_WEB_WORKERS; default a core and one more, at most 9)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=_env_int("PEERWORK_WEB_THREADS", THREADS),
            help=f"requests each process answers at once (PEERWORK_WEB_THREADS; {THREADS}); "
            "1 gives gunicorn's sync workers",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=TIMEOUT,
            help=f"seconds before a process that stops answering is restarted ({TIMEOUT}); "
            "with sync workers a request that runs this long is cut short",
        )
        parser.add_argument(
            "--max-requests",
            type=int,
            default=MAX_REQUESTS,
            help=f"replace a process after about this many requests ({MAX_REQUESTS}; 0: never)",
        )

    def argv(
        self,
        *,
        bind: str,
        workers: int,
        timeout: int,
        threads: int = THREADS,
        max_requests: int = MAX_REQUESTS,
    ) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "peerwork.wsgi:application",
            f"--bind={bind}",
            f"--workers={workers}",
            f"--worker-class={'gthread' if threads > 1 else 'sync'}",
            f"--threads={threads}",
            f"--timeout={timeout}",
            "--graceful-timeout=30",
            # Replace processes now and then, so none grows without bound; the jitter
            # keeps them from being replaced all at once.
            f"--max-requests={max_requests}",
            f"--max-requests-jitter={max_requests // 10}",
            "--access-logfile=-",
            # peerwork uses no control interface; several servers on one machine would
            # share one socket in the home folder.
            "--no-control-socket",
            "--forwarded-allow-ips=*",
        ]

    def handle(self, *args, bind, workers, threads, timeout, max_requests, **options):
        argv = self.argv(
            bind=bind, workers=workers, threads=threads, timeout=timeout, max_requests=max_requests
        )
        self.stdout.write(
            f"Serving peerwork on {bind} with {workers} workers of {threads} threads"
            if threads > 1
            else f"Serving peerwork on {bind} with {workers} sync workers"
        )
        self.stdout.flush()
        os.execv(sys.executable, argv)
