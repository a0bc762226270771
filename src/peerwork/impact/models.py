"""Impact surveys: the questions, who was invited, and the answers they gave.

A response keeps a link to its invitation only so that an administrator can trace
it (in the database, never on a page): every report, page and download reads
responses without it, so no survey answer can be traced to its author.
"""

import datetime
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerwork.core.versioning import Versioned

# An invitation's link works for this long after it is sent.
OPEN_FOR = datetime.timedelta(weeks=8)


class Audience(models.TextChoices):
    COUNCIL = "council", _("Councils")
    PEER = "peer", _("Peers")


class Question(Versioned):
    """One question of a survey. Those with no offer are the association's defaults;
    an offer with questions of its own for an audience asks those instead."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes or no")
        SCALE5 = "scale5", _("Five-point satisfaction scale")
        TEXT = "text", _("Free text")

    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_questions",
        help_text=_("Leave empty for the association's default questions."),
    )
    audience = models.CharField(_("asked of"), max_length=10, choices=Audience.choices)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    key = models.SlugField(
        _("key"),
        max_length=50,
        help_text=_("What reports count it as, for example positive_impact or satisfaction."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["audience", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["audience", "key"],
                condition=models.Q(offer__isnull=True),
                name="default_question_key_once",
            ),
            models.UniqueConstraint(
                fields=["offer", "audience", "key"], name="offer_question_key_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyInvitation(models.Model):
    """One person asked to answer one engagement's survey, by a single-use link."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader of the council")
        CHIEF_EXECUTIVE = "chief_executive", _("Chief executive")
        PEER = "peer", _("Peer")

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    peer = models.ForeignKey(
        "peers.Peer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["audience", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "email"], name="surveyed_once"),
        ]

    def __str__(self) -> str:
        return f"Survey of {self.engagement} for {self.name}"

    def save(self, *args, **kwargs):
        if self.closes_at is None:
            self.closes_at = self.sent_at + OPEN_FOR
        super().save(*args, **kwargs)

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class SurveyContact(models.Model):
    """A council's leader or chief executive, recorded by staff to be surveyed.

    The council model has no such people: without a row here, the engagement's
    contact is surveyed and stands for the chief executive.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader of the council")
        CHIEF_EXECUTIVE = "chief_executive", _("Chief executive")

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="survey_contacts"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "email"], name="survey_contact_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class SurveyResponse(models.Model):
    """One person's answers. Read without `invitation` everywhere but by administrators."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.PROTECT, related_name="survey_responses"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    invitation = models.OneToOneField(
        SurveyInvitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["submitted_at"])]

    def __str__(self) -> str:
        return f"Survey response on {self.engagement}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value_bool = models.BooleanField(null=True, blank=True)
    value_int = models.PositiveSmallIntegerField(null=True, blank=True)
    value_text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answered_once"),
            models.CheckConstraint(
                name="scale_answer_from_one_to_five",
                condition=models.Q(value_int__isnull=True)
                | models.Q(value_int__gte=1, value_int__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"


class Target(Versioned):
    """A figure the association agreed with government to reach in a year, by a quarter.

    `figure` is the key of an annual report figure (see `peerwork.impact.annual.figures`);
    `year` is the first calendar year of the April-to-March year (2019 means 2019/20).
    """

    year = models.PositiveSmallIntegerField(_("year"))
    figure = models.CharField(_("figure"), max_length=60)
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    due_quarter = models.PositiveSmallIntegerField(
        _("due by the end of quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "due_quarter", "figure"]
        constraints = [
            models.UniqueConstraint(fields=["year", "figure"], name="target_once_a_year"),
            models.CheckConstraint(name="target_not_negative", condition=models.Q(value__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.year}: {self.value}"


class KeptFigures(models.Model):
    """Figures computed once from the records and kept until a record behind them
    changes: one row for each year's annual report (see `peerwork.impact.annual.kept`)."""

    key = models.CharField(max_length=50, unique=True)
    # The FiguresGeneration number the figures were computed at: older means stale.
    generation = models.PositiveBigIntegerField()
    data = models.JSONField()
    computed_at = models.DateTimeField()
    # A year still running counts what has happened by now: the figures move when the
    # next session ends, even if no record changes.
    valid_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key} at generation {self.generation}"


class FiguresGeneration(models.Model):
    """One row: a number raised after every committed change to a record that kept
    figures read, so that figures computed before it are recomputed."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.number)
