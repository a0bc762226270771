"""Engagements: a council's request for an offer, followed to its end.

An engagement's status moves only through `peerwork.engagements.lifecycle`, and
every move is kept as an append-only StatusChange (who, when, why).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peerwork.core.history import StatusHistory
from peerwork.core.versioning import Versioned
from peerwork.offers.models import Stage


class Exit(models.TextChoices):
    """Ways an engagement can end before it runs its course."""

    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the council")
    CANCELLED = "cancelled", _("Cancelled")


STATUS_CHOICES = list(Stage.choices) + list(Exit.choices)
FINISHED = frozenset({Stage.CLOSED, *Exit.values})


class Engagement(Versioned):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="engagements"
    )
    offer = models.ForeignKey("offers.Offer", on_delete=models.PROTECT, related_name="engagements")
    status = models.CharField(max_length=30, choices=STATUS_CHOICES, default=Stage.REQUESTED)
    help_with = models.JSONField(_("core components or themes"), default=list, blank=True)
    local_focus = models.CharField(_("local focus areas"), max_length=300, blank=True)
    description = models.TextField(_("what you would like help with"))
    preferred_from = models.DateField(_("earliest date that suits"), null=True, blank=True)
    preferred_to = models.DateField(_("latest date that suits"), null=True, blank=True)
    contact_name = models.CharField(_("contact's name"), max_length=200)
    contact_email = models.EmailField(_("contact's email address"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    scoping_notes = models.TextField(_("scoping notes"), blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peer challenge manager or facilitator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_engagements",
    )

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["council", "offer"])]
        constraints = [
            models.CheckConstraint(
                name="preferred_window_not_inverted",
                condition=models.Q(preferred_from__isnull=True)
                | models.Q(preferred_to__isnull=True)
                | models.Q(preferred_to__gte=models.F("preferred_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} for {self.council}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


class StatusChange(StatusHistory):
    """One move of an engagement's status. Rows are only ever added."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=30, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField(max_length=30, choices=STATUS_CHOICES)
    # Unlike the other histories, every engagement move has a signed-in person behind it.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(StatusHistory.Meta):
        pass


class Note(models.Model):
    """A question from the adviser, the council's answer, or a note on the case."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question to the council")
        ANSWER = "answer", _("Answer from the council")
        NOTE = "note", _("Note")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.engagement}"


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Taken off the team")


class Part(models.TextChoices):
    """Which visit a team place is for: the engagement itself or its progress review."""

    MAIN = "main", _("The engagement")
    PROGRESS_REVIEW = "progress_review", _("The progress review")


class TeamMember(models.Model):
    """A peer invited to fill one place of an engagement's team."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="team")
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.MAIN)
    place = models.PositiveSmallIntegerField(_("place"))
    role = models.CharField(_("role"), max_length=100)
    peer = models.ForeignKey("peers.Peer", on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=10, choices=MemberStatus.choices, default="invited")
    days = models.DecimalField(_("peer days"), max_digits=4, decimal_places=1)
    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["place", "invited_at"]
        constraints = [
            # A place has at most one live invitation or member; a peer is on a team once.
            models.UniqueConstraint(
                fields=["engagement", "part", "place"],
                condition=models.Q(status__in=["invited", "accepted"]),
                name="one_live_member_per_place",
            ),
            models.UniqueConstraint(
                fields=["engagement", "part", "peer"],
                condition=models.Q(status__in=["invited", "accepted"]),
                name="peer_once_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.peer}"


class MemberStatusChange(StatusHistory):
    """One move of a team place's status, made through `engagements.team.lifecycle`."""

    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=MemberStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=MemberStatus.choices)


class PeerFeedback(models.Model):
    """The peer challenge manager's rating of one peer's contribution. Staff only."""

    class Rating(models.IntegerChoices):
        POOR = 1, _("1 – poor")
        WEAK = 2, _("2 – below what we need")
        GOOD = 3, _("3 – good")
        STRONG = 4, _("4 – strong")
        EXCELLENT = 5, _("5 – excellent")

    member = models.OneToOneField(TeamMember, on_delete=models.CASCADE, related_name="feedback")
    preparation = models.PositiveSmallIntegerField(_("Preparation"), choices=Rating.choices)
    contribution = models.PositiveSmallIntegerField(
        _("Contribution to the findings"), choices=Rating.choices
    )
    teamwork = models.PositiveSmallIntegerField(_("Teamwork"), choices=Rating.choices)
    use_again = models.BooleanField(_("Would you use this peer again?"))
    comment = models.TextField(_("Comment"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Feedback on {self.member}"


class SessionKind(models.TextChoices):
    SCOPING = "scoping", _("Scoping meeting")
    BRIEFING = "briefing", _("Team briefing")
    REMOTE_PANEL = "remote_panel", _("Remote panel")
    ON_SITE = "on_site", _("On-site day")
    FEEDBACK = "feedback", _("Feedback presentation")
    PROGRESS_REVIEW = "progress_review", _("Progress review")


class Session(models.Model):
    """A meeting of an engagement; everyone on it gets a calendar file."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    video_link = models.URLField(_("video link"), blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    uid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_it_starts",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.engagement}"


class Booking(models.Model):
    """A peer's time on a session. On PostgreSQL an exclusion constraint (migration
    0004) makes overlapping live bookings for one peer impossible, whoever saves them."""

    peer = models.ForeignKey("peers.Peer", on_delete=models.PROTECT, related_name="bookings")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    live = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["peer", "session"], condition=models.Q(live=True), name="booked_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peer} on {self.session}"


def _document_path(document, filename: str) -> str:
    return f"engagements/{document.engagement_id}/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    """A file for an engagement: the council's position statement and pre-reading, or
    the reading pack staff send the team. Stored through Django's storage API."""

    class Kind(models.TextChoices):
        POSITION_STATEMENT = "position_statement", _("Position statement")
        PRE_READING = "pre_reading", _("Pre-reading")
        READING_PACK = "reading_pack", _("Reading pack for the team")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=_document_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    sent_to_team_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressReview(models.Model):
    """The follow-up visit an offer's rule creates, with the original team invited first."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="progress_review"
    )
    due_by = models.DateField(_("due by"))
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Progress review of {self.engagement}"


class ShortlistEntry(models.Model):
    """A peer staff offer a host council for one place on a panel it chooses itself."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="shortlist")
    place = models.PositiveSmallIntegerField(_("place"))
    peer = models.ForeignKey("peers.Peer", on_delete=models.PROTECT, related_name="+")
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["place", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "place", "peer"], name="shortlisted_once_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peer} for place {self.place}"


class ReminderSent(models.Model):
    """One reminder email, kept so `send-reminders` never sends the same one twice."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+")
    deadline = models.CharField(max_length=40)
    state = models.CharField(max_length=10)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "deadline", "state", "due_on"], name="reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} {self.state} for {self.engagement}"
