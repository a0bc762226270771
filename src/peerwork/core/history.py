"""The history a declared state machine keeps: who moved a record, when, from which
status to which, and why.

Reports, team places and peer applications each keep theirs in a subclass that adds
the record it belongs to and the status choices. `by` is empty when nobody signed
in made the move: a member of the public applying to be a peer, or peerwork itself.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class StatusHistory(models.Model):
    """One move of a record's status. Rows are only ever added."""

    # Declared by each subclass, with its own status choices.
    from_status: str
    to_status: str

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Not auto_now_add: the demo writes its history with the times it happened.
    at = models.DateTimeField(default=timezone.now, editable=False)
    reason = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Status history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Status history is append-only.")
