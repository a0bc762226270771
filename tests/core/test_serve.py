"""`peerwork serve` runs gunicorn with threaded workers and the defaults bench/load.py chose."""

from peerwork.core.management.commands import serve
from peerwork.core.management.commands.serve import Command as Serve


def test_serve_runs_gunicorn_with_its_defaults():
    argv = Serve().argv(bind="127.0.0.1:9000", workers=3, timeout=30)

    assert argv[1:4] == ["-m", "gunicorn", "peerwork.wsgi:application"]
    assert "--bind=127.0.0.1:9000" in argv and "--workers=3" in argv
    assert "--worker-class=gthread" in argv and f"--threads={serve.THREADS}" in argv
    assert "--timeout=30" in argv and "--graceful-timeout=30" in argv
    assert "--max-requests=10000" in argv and "--max-requests-jitter=1000" in argv


def test_one_thread_gives_sync_workers():
    argv = Serve().argv(bind="127.0.0.1:9000", workers=5, timeout=60, threads=1)

    assert "--worker-class=sync" in argv


def test_no_recycling_when_max_requests_is_zero():
    argv = Serve().argv(bind="127.0.0.1:9000", workers=2, timeout=30, max_requests=0)

    assert "--max-requests=0" in argv and "--max-requests-jitter=0" in argv


def test_a_process_a_core_and_one_more_at_most_nine(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert serve.default_workers() == 3
    monkeypatch.setattr("os.cpu_count", lambda: 16)
    assert serve.default_workers() == 9


def test_the_environment_sets_workers_and_threads(monkeypatch):
    monkeypatch.setenv("PEERWORK_WEB_WORKERS", "4")
    monkeypatch.setenv("PEERWORK_WEB_THREADS", "2")
    parser = Serve().create_parser("peerwork", "serve")

    options = parser.parse_args([])

    assert (options.workers, options.threads) == (4, 2)
