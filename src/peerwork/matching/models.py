"""Proposals from the team assembly solver, kept so staff can review, adjust and accept them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """One run of the solver for one engagement's open places (or a batch run's share)."""

    class Mode(models.TextChoices):
        PROPOSE = "propose", _("Propose")
        REPAIR = "repair", _("Repair")
        BATCH = "batch", _("Batch")

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="proposals"
    )
    part = models.CharField(max_length=20, default="main")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    locked = models.JSONField(default=list, blank=True)  # [{"place": 1, "peer": 42}]
    excluded = models.JSONField(default=list, blank=True)  # [peer ids]
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} for {self.engagement}"


class BatchRun(models.Model):
    """Teams proposed together for every engagement forming in a period. The run is a
    task for a worker: its page shows the best teams found so far and can stop it. A run
    whose worker died is taken up again by another (at most MAX_ATTEMPTS tries in all),
    then marked failed."""

    MAX_ATTEMPTS = 2

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=30)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The queued task doing the run, and how many times a worker has started it.
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    progress = models.JSONField(default=dict)  # best so far: objective, bound, seconds
    cancel_requested = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    result = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Batch {self.period_from} to {self.period_to}"

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
