"""Keeping the queue honest: each `peerwork worker` says it is alive, and notices work
left behind by a worker that died.

A worker writes its `WorkerBeat` every PEERWORK_WORKER_BEAT_SECONDS, from a thread of
its own, so it keeps beating through a long solve. At every beat it also tidies up:

- a task still marked running whose worker has not been heard of for
  PEERWORK_TASK_STALE_SECONDS is marked failed (its worker was killed);
- emails whose task was lost that way are queued again;
- the `housekeeping` signal is sent, so that apps can take up their own work left
  behind (team assembly resumes a batch run, or marks it failed).

Every step is a conditional update, so any number of workers can tidy at once.
"""

import contextlib
import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, close_old_connections, connection
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from peerwork.core.models import WorkerBeat

logger = logging.getLogger(__name__)

# Sent at every beat with `stale` (a timedelta): work older than that, whose worker
# is no longer alive, is left behind.
housekeeping = Signal()


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.PEERWORK_TASK_STALE_SECONDS)


def live_workers() -> set[str]:
    """The ids of workers heard of within the stale time."""
    return set(
        WorkerBeat.objects.filter(beat_at__gte=timezone.now() - stale_after()).values_list(
            "worker_id", flat=True
        )
    )


def task_is_alive(task_id: str | None) -> bool:
    """Whether the task is waiting to run, or running on a worker that is alive."""
    try:
        result = DBTaskResult.objects.filter(id=task_id).values("status", "worker_ids").first()
    except ValidationError:  # no task, or one the immediate backend ran (not a UUID)
        return False
    if result is None:
        return False
    if result["status"] == TaskResultStatus.READY:
        return True
    if result["status"] == TaskResultStatus.RUNNING:
        return bool(result["worker_ids"]) and result["worker_ids"][-1] in live_workers()
    return False


def fail_abandoned_tasks() -> int:
    """Mark failed the tasks still 'running' on a worker that died."""
    alive = live_workers()
    failed = 0
    cutoff = timezone.now() - stale_after()
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        changed = DBTaskResult.objects.filter(id=result.id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now()
        )
        if changed:
            logger.warning(
                "Task %s (%s) was left running by a worker that stopped",
                result.id,
                result.task_path,
            )
            failed += changed
    return failed


def tidy() -> None:
    """One round of tidying (see the module's docstring)."""
    from peerwork.core import email

    fail_abandoned_tasks()
    lost = email.lost_emails(stale_after())
    if count := email.requeue(lost):
        logger.warning("Queued again %s emails whose worker stopped", count)
    housekeeping.send(sender=WorkerBeat, stale=stale_after())
    WorkerBeat.objects.filter(beat_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()


class Beat:
    """The heartbeat of one worker process, in a thread of its own."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="peerwork-beat", daemon=True)

    def start(self) -> None:
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "beat_at": timezone.now(),
            },
        )
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        # Without the database its row stays, and goes stale like a killed worker's.
        with contextlib.suppress(DatabaseError):
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()

    def _run(self) -> None:
        try:
            while not self.stopping.wait(settings.PEERWORK_WORKER_BEAT_SECONDS):
                try:
                    close_old_connections()
                    WorkerBeat.objects.filter(worker_id=self.worker_id).update(
                        beat_at=timezone.now()
                    )
                    tidy()
                except Exception:  # noqa: BLE001 - a missed beat must not stop the worker
                    logger.exception("The worker's heartbeat failed; trying again")
        finally:
            connection.close()


def queue_state() -> dict:
    """How the queue stands, for the health check: live workers, tasks waiting, and how
    long the oldest has waited. `state` is "ok", "no worker", or "behind" (a task has
    waited longer than the stale time)."""
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waited = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    workers = len(live_workers())
    if not workers:
        state = "no worker"
    elif waited > settings.PEERWORK_TASK_STALE_SECONDS:
        state = "behind"
    else:
        state = "ok"
    return {
        "state": state,
        "workers": workers,
        "waiting": waiting.count(),
        "oldest_waiting_seconds": round(waited),
    }
