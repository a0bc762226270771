"""Background work: one way to queue a task, so that it runs if and only if the change
that asked for it is saved.

peerwork's tasks use django-tasks (the backport of Django 6's tasks API) with the
database backend of django-tasks-db: the queue is a table in peerwork's own database,
and `peerwork worker` processes (any number, on any machine) take tasks from it. See
docs/adr/0010-task-queue.md.

`enqueue` is the only way peerwork queues a task. With the database backend, the
task's row is written inside the current transaction: it commits with the change that
asked for it, or not at all, so a process killed just after the commit loses nothing.
Any other backend (the immediate one in tests) is handed the task once the transaction
commits, so a task never acts on a change that was rolled back.
"""

from typing import Any

from django.db import transaction
from django_tasks import task_backends
from django_tasks.base import Task, TaskResult
from django_tasks_db.backend import DatabaseBackend

__all__ = ["enqueue", "queued_in_transaction"]


def queued_in_transaction(task: Task) -> bool:
    """Whether `task`'s backend keeps its queue in peerwork's own database."""
    return isinstance(task_backends[task.backend], DatabaseBackend)


def enqueue(task: Task, *args: Any, run_after=None, **kwargs: Any) -> TaskResult | None:
    """Queue `task(*args, **kwargs)` as part of the current transaction (see above).

    `run_after` (an aware datetime) holds the task back until then, where the backend
    can (the immediate backend of the tests runs it at once). Returns the queued task's
    result (its `id` finds it again), or None when it is handed over at commit.
    """
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    if queued_in_transaction(task):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None
