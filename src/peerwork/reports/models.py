"""Reports written in peerwork, the council's factual-accuracy comments, and its action plan.

A corporate peer challenge has a report (and later a progress review report);
a remote panel ends with a feedback letter. Each report has a section per core
component or theme, and recommendations numbered across the whole report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peerwork.core.history import StatusHistory
from peerwork.core.versioning import Versioned


class Report(Versioned):
    class Kind(models.TextChoices):
        REPORT = "report", _("Peer challenge report")
        FEEDBACK_LETTER = "feedback_letter", _("Feedback letter")
        PROGRESS_REVIEW = "progress_review", _("Progress review report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACCURACY_CHECK = "accuracy_check", _("With the council for a factual-accuracy check")
        PUBLISHED = "published", _("Published")

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("key messages"), blank=True)
    sent_for_check_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    action_plan_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind"], name="one_report_of_a_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.engagement}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReportStatusChange(StatusHistory):
    """One move of a report's status, made through `reports.lifecycle.report_move`."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Report.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Report.Status.choices)


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=200)
    findings = models.TextField(_("findings"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    notable_practice = models.TextField(_("notable practice"), blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.heading


class Recommendation(models.Model):
    """One recommendation; its number is its place across the whole report."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["section__order", "section__pk", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class AccuracyComment(models.Model):
    """The council's comment on a section during the factual-accuracy check."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Action(Versioned):
    """The council's action on one recommendation, and later its progress statement."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="action"
    )
    action = models.TextField(_("what the council will do"))
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress_notes = models.TextField(_("progress notes"), blank=True)
    progress_statement = models.TextField(_("progress statement for the review"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.action[:60]
