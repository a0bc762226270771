"""Real `peerwork worker` processes on a database of their own (an SQLite file): one
sends a kept email, and one killed mid-task leaves nothing stuck, because the next
worker notices at its first beat."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    here = tmp_path_factory.mktemp("worker")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{here / 'db.sqlite3'}",
        "PEERWORK_EMAIL_DIR": str(here / "mail"),
        "PEERWORK_VAR_DIR": str(here),
        "PEERWORK_WORKER_BEAT_SECONDS": "1",
        "PEERWORK_TASK_STALE_SECONDS": "2",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    env.pop("PEERWORK_TASKS", None)
    _peerwork(env, "migrate", "-v", "0")
    return env


def _peerwork(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "peerwork", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def _python(env, code: str) -> str:
    return _peerwork(env, "shell", "--no-imports", "-c", code).stdout.strip()


def test_a_worker_sends_a_kept_email(env):
    _python(
        env,
        "from peerwork.core.email import queue_email; "
        "queue_email(recipients=['ada@example.org'], subject='Hello', body='Dear Ada')",
    )

    _peerwork(env, "worker", "--batch")

    status = _python(
        env,
        "from peerwork.core.models import OutgoingEmail; print(OutgoingEmail.objects.get().status)",
    )
    assert status == "sent"
    sent = "".join(p.read_text() for p in Path(env["PEERWORK_EMAIL_DIR"]).iterdir())
    assert "Dear Ada" in sent and "ada@example.org" in sent


def test_a_task_in_the_hands_of_a_killed_worker_is_not_left_running(env):
    task_id = _python(
        env,
        "from tests.core.slow_tasks import work_for; print(work_for.enqueue(60).id)",
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "peerwork", "worker", "--interval", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    status = (
        "from django_tasks_db.models import DBTaskResult as T; "
        f"print(T.objects.get(id={task_id!r}).status)"
    )
    try:
        for _ in range(100):
            if _python(env, status) == "RUNNING":
                break
            time.sleep(0.2)
        else:
            pytest.fail("the worker never started the task")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

    time.sleep(3)  # longer than PEERWORK_TASK_STALE_SECONDS: its last beat is stale
    _peerwork(env, "worker", "--batch")

    assert _python(env, status) == "FAILED"
