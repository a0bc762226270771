"""The catalogue of support: each offer's format, team template, stages and deadline rules.

Rules change between years, so everything about an offer is data staff can edit.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from peerwork.core.versioning import Versioned


class Format(models.TextChoices):
    REMOTE = "remote", _("Remote")
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class Stage(models.TextChoices):
    """Every stage an engagement can pass through; each offer uses some of them."""

    REQUESTED = "requested", _("Requested")
    SCOPING = "scoping", _("Scoping")
    TEAM_FORMING = "team_forming", _("Team forming")
    TEAM_CONFIRMED = "team_confirmed", _("Team confirmed")
    PREPARATION = "preparation", _("Preparation")
    DELIVERY = "delivery", _("Delivery")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    REPORT_DRAFTING = "report_drafting", _("Report drafting")
    FACTUAL_ACCURACY_CHECK = "factual_accuracy_check", _("Factual-accuracy check")
    PUBLISHED = "published", _("Published")
    ACTION_PLAN_PUBLISHED = "action_plan_published", _("Action plan published")
    PROGRESS_REVIEW = "progress_review", _("Progress review")
    CLOSED = "closed", _("Closed")


class ReviewStart(models.TextChoices):
    AFTER_DELIVERY = "delivery", _("after the on-site or remote sessions")
    AFTER_ACTION_PLAN = "action_plan", _("after the action plan is published")


class PlaceKind(models.TextChoices):
    """Who may fill a place on an offer's team (a peer's own kind is peers.PeerKind)."""

    MEMBER = "member", _("Member peer (councillor)")
    OFFICER = "officer", _("Officer peer")
    ANY = "any", _("Member or officer peer")
    STAFF = "staff", _("Association staff")


class CountsAs(models.TextChoices):
    """How the annual report counts an offer's delivered engagements."""

    CORPORATE_PEER_CHALLENGE = "corporate_peer_challenge", _("Corporate peer challenge")
    PEER_CHALLENGE = "peer_challenge", _("Other peer challenge")
    REMOTE_SUPPORT = "remote_support", _("Remote support")
    PROGRESS_REVIEW = "progress_review", _("Progress review")
    OTHER = "other", _("Other support")


PEER_CHALLENGES = (CountsAs.CORPORATE_PEER_CHALLENGE, CountsAs.PEER_CHALLENGE)


class Offer(Versioned):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), help_text=_("Shown to councils on the public page."))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    typical_length = models.CharField(
        _("typical length"), max_length=60, help_text=_("For example: 2 to 3 hours, or 4 days.")
    )
    length_days = models.DecimalField(
        _("peer days per peer"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Counted as peer days in the annual report, for example 0.5 or 4."),
    )
    themes = models.JSONField(_("core components or themes"), default=list, blank=True)
    stages = models.JSONField(_("lifecycle stages used"), default=list)
    report_within_weeks = models.PositiveSmallIntegerField(
        _("report within (weeks)"), null=True, blank=True
    )
    action_plan_within_months = models.PositiveSmallIntegerField(
        _("report and action plan published within (months)"), null=True, blank=True
    )
    action_plan_latest_months = models.PositiveSmallIntegerField(
        _("action plan published at the latest within (months)"), null=True, blank=True
    )
    progress_review_after_months = models.PositiveSmallIntegerField(
        _("progress review after (months)"), null=True, blank=True
    )
    progress_review_from = models.CharField(
        _("progress review counted from"),
        max_length=20,
        choices=ReviewStart.choices,
        default=ReviewStart.AFTER_DELIVERY,
    )
    entitlement_cycle_years = models.PositiveSmallIntegerField(
        _("free entitlement cycle (years)"), null=True, blank=True
    )
    host_chooses_team = models.BooleanField(
        _("the council chooses its team from a shortlist"),
        default=False,
        help_text=_("Staff offer a shortlist for each place; the host council chooses."),
    )
    counts_as = models.CharField(
        _("counted in the annual report as"),
        max_length=30,
        choices=CountsAs.choices,
        default=CountsAs.OTHER,
    )
    how_to_ask = models.TextField(_("how a council asks for it"), blank=True)
    is_active = models.BooleanField(_("offered now"), default=True)
    display_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name

    def stage_labels(self) -> list[str]:
        labels = dict(Stage.choices)
        return [labels[s] for s in Stage.values if s in self.stages]


class TeamPlace(models.Model):
    """One line of an offer's team template: a role and how many peers fill it."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="team_places")
    role = models.CharField(_("role"), max_length=100)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)
    peer_kind = models.CharField(_("kind of peer"), max_length=10, choices=PlaceKind.choices)
    required_skills = models.JSONField(_("required skills"), default=list, blank=True)
    accreditation_required = models.BooleanField(_("accreditation needed"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["offer", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                name="team_place_count_positive", condition=models.Q(count__gte=1)
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.role}"
