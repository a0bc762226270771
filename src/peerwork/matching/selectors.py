"""Reading team assembly's batch runs."""

from django.db.models import QuerySet

from peerwork.accounts import permissions
from peerwork.matching.models import BatchRun


def batch_runs_for(user) -> QuerySet[BatchRun]:
    """Batch runs, newest first, with who started each, for the staff who assemble teams;
    none for anyone else."""
    if not permissions.may_manage_engagement(user):
        return BatchRun.objects.none()
    return BatchRun.objects.select_related("created_by")
