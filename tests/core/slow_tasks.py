"""A task for tests/core/test_worker_process.py: it works long enough to be killed."""

import time

from django_tasks import task


@task()
def work_for(seconds: float) -> str:
    time.sleep(seconds)
    return "finished"
