"""Work left behind by a worker that died is noticed at the next beat of any worker:
its task is marked failed, its emails are queued again, and a batch run is taken up
again or marked failed, never left 'running'."""

import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from peerwork.core import workers
from peerwork.core.email import queue_email
from peerwork.core.models import OutgoingEmail, WorkerBeat
from peerwork.matching.models import BatchRun
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - datetime.timedelta(hours=1)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "assembly"],
        }
    }
    settings.PEERWORK_TASK_STALE_SECONDS = 60


def _running_task(worker_id: str, path="peerwork.core.email.deliver_email") -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path=path,
        queue_name="default",
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=LONG_AGO,
        worker_ids=[worker_id],
    )


def _beat(worker_id: str, at=None) -> WorkerBeat:
    return WorkerBeat.objects.create(
        worker_id=worker_id, host="here", pid=1, beat_at=at or timezone.now()
    )


def test_a_task_left_running_by_a_dead_worker_is_marked_failed(database_queue):
    _beat("alive")
    _beat("dead", at=LONG_AGO)
    abandoned = _running_task("dead")
    in_hand = _running_task("alive")

    assert workers.fail_abandoned_tasks() == 1

    abandoned.refresh_from_db()
    in_hand.refresh_from_db()
    assert abandoned.status == TaskResultStatus.FAILED
    assert in_hand.status == TaskResultStatus.RUNNING
    assert workers.task_is_alive(str(in_hand.id)) and not workers.task_is_alive(str(abandoned.id))


def test_an_email_held_by_a_worker_that_died_is_queued_again_at_once(database_queue):
    _beat("dead", at=LONG_AGO)
    held = queue_email(recipients=["ada@example.org"], subject="Hi", body="Hello")
    # The dead worker had claimed it (a lease into the future) and was sending it.
    lease = timezone.now() + datetime.timedelta(minutes=5)
    OutgoingEmail.objects.filter(pk=held.pk).update(next_attempt_at=lease)
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, started_at=LONG_AGO, worker_ids=["dead"]
    )
    first_task = DBTaskResult.objects.get().id

    workers.tidy()

    held.refresh_from_db()
    assert held.next_attempt_at < lease and held.task_id != first_task
    assert DBTaskResult.objects.get(id=held.task_id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(id=first_task).status == TaskResultStatus.FAILED


def test_an_email_waiting_for_its_retry_is_left_alone(database_queue):
    waiting = queue_email(recipients=["ada@example.org"], subject="Hi", body="Hello")
    OutgoingEmail.objects.filter(pk=waiting.pk).update(next_attempt_at=LONG_AGO)

    workers.tidy()

    assert DBTaskResult.objects.count() == 1  # its own task still waits: nothing added


def _run(status, *, attempts=1, task_id="gone", cancel=False) -> BatchRun:
    run = BatchRun.objects.create(
        period_from=datetime.date(2027, 3, 1),
        period_to=datetime.date(2027, 3, 31),
        created_by=UserFactory(role="programme_staff"),
        status=status,
        attempts=attempts,
        task_id=task_id,
        cancel_requested=cancel,
    )
    BatchRun.objects.filter(pk=run.pk).update(created_at=LONG_AGO)
    return run


def test_a_batch_run_whose_worker_died_is_taken_up_again(database_queue):
    run = _run(BatchRun.Status.RUNNING, attempts=1)

    workers.tidy()

    run.refresh_from_db()
    assert run.status == BatchRun.Status.QUEUED and run.task_id != "gone"
    queued = DBTaskResult.objects.get(id=run.task_id)
    assert queued.task_path == "peerwork.matching.services.run_batch"
    assert queued.queue_name == "assembly" and queued.status == TaskResultStatus.READY


def test_a_batch_run_whose_worker_died_twice_is_marked_failed(database_queue):
    run = _run(BatchRun.Status.RUNNING, attempts=BatchRun.MAX_ATTEMPTS)

    workers.tidy()

    run.refresh_from_db()
    assert run.status == BatchRun.Status.FAILED
    assert "stopped before it finished" in run.error
    assert not DBTaskResult.objects.exists()


def test_a_batch_run_asked_to_stop_when_its_worker_died_is_stopped(database_queue):
    run = _run(BatchRun.Status.RUNNING, cancel=True)

    workers.tidy()

    run.refresh_from_db()
    assert run.status == BatchRun.Status.CANCELLED


def test_a_batch_run_still_in_a_workers_hands_is_left_alone(database_queue):
    _beat("alive")
    task = _running_task("alive", path="peerwork.matching.services.run_batch")
    run = _run(BatchRun.Status.RUNNING, task_id=str(task.id))

    workers.tidy()

    run.refresh_from_db()
    assert run.status == BatchRun.Status.RUNNING and run.task_id == str(task.id)


def test_a_waiting_batch_run_says_when_no_worker_is_running(client, database_queue):
    staff = UserFactory(role="programme_staff")
    client.force_login(staff)
    run = _run(BatchRun.Status.QUEUED, attempts=0)

    page = client.get(reverse("matching:batch-run", args=[run.pk]))
    assert b"No worker is running at the moment" in page.content

    _beat("alive")
    page = client.get(reverse("matching:batch-run", args=[run.pk]))
    assert b"Waiting for a background worker" in page.content
    assert b"No worker is running" not in page.content


def test_a_waiting_batch_run_can_be_stopped_at_once(client, database_queue):
    staff = UserFactory(role="programme_staff")
    client.force_login(staff)
    run = _run(BatchRun.Status.QUEUED, attempts=0)

    client.post(reverse("matching:batch-cancel", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == BatchRun.Status.CANCELLED


# The health check reports the queue.


def test_the_health_check_says_when_no_worker_is_alive(client, database_queue):
    answer = json.loads(client.get(reverse("core:health")).content)

    assert answer["status"] == "degraded" and answer["queue"]["state"] == "no worker"


def test_the_health_check_says_when_the_queue_is_behind(client, database_queue):
    _beat("alive")
    queue_email(recipients=["ada@example.org"], subject="Hi", body="Hello")
    assert json.loads(client.get(reverse("core:health")).content)["status"] == "ok"

    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get(reverse("core:health"))

    answer = json.loads(response.content)
    assert response.status_code == 200
    assert answer["queue"] == {
        "state": "behind",
        "workers": 1,
        "waiting": 1,
        "oldest_waiting_seconds": pytest.approx(3600, abs=5),
    }


def test_a_worker_that_loses_the_database_waits_and_goes_on(monkeypatch):
    from django.core.management import call_command
    from django.db import OperationalError

    from peerwork.core.management.commands import worker

    runs = []

    def db_worker(*args, **options):
        runs.append(options["worker_id"])
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(worker, "call_command", db_worker)
    monkeypatch.setattr(worker, "RECONNECT_SECONDS", 0)
    # The test's own connection holds its transaction: keep it (a real worker drops it).
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    call_command("worker", "--batch", stdout=io.StringIO())

    assert len(runs) == 2 and runs[0] == runs[1]  # the same worker, going on
    assert not WorkerBeat.objects.exists()  # it said goodbye when it stopped
