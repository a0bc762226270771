"""Records of the association's programmes beyond peer support.

Each record is dated, so the annual report can place it in an April-to-March year:
a cohort by the day it starts, a recruitment round by the day it closes, a placement
by the day the graduate starts, a saving by the day it was verified, and so on.
Every record staff can edit carries a version, so two people correcting the same
record cannot silently overwrite each other.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peerwork.core.versioning import Versioned

# Leadership programmes ------------------------------------------------------------


class LeadershipProgramme(models.TextChoices):
    ACADEMY = "academy", _("Leadership Academy")
    ESSENTIALS = "essentials", _("Leadership Essentials")
    NEXT_GENERATION = "next_generation", _("Next Generation")
    LEADERS = "leaders", _("Leaders' Programme")


class LeadershipCohort(Versioned):
    programme = models.CharField(_("programme"), max_length=20, choices=LeadershipProgramme.choices)
    name = models.CharField(_("cohort name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    places = models.PositiveIntegerField(_("places"))

    class Meta:
        ordering = ["-starts_on", "programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="leadership_cohort_once"),
            models.CheckConstraint(
                name="leadership_cohort_ends_after_start",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()}: {self.name}"


class LeadershipParticipant(Versioned):
    """One councillor's application to a cohort, and how far they went.

    A row is an application; `enrolled` means they took a place. Political group is
    special-category data: only staff pages show it.
    """

    cohort = models.ForeignKey(
        LeadershipCohort, on_delete=models.CASCADE, related_name="participants"
    )
    full_name = models.CharField(_("councillor's full name"), max_length=200)
    council = models.ForeignKey(
        "councils.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    party = models.ForeignKey(
        "councils.Party",
        verbose_name=_("political group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolled = models.BooleanField(_("took a place"), default=False)
    attended = models.BooleanField(_("attended"), default=False)
    completed = models.BooleanField(_("completed"), default=False)

    class Meta:
        ordering = ["cohort", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "full_name", "council"], name="leadership_application_once"
            ),
            models.CheckConstraint(
                name="leadership_completed_means_attended_means_enrolled",
                condition=(Q(attended=False) | Q(enrolled=True))
                & (Q(completed=False) | Q(attended=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.cohort})"


# The graduate programme (ngdp) ----------------------------------------------------


class NgdpCohort(Versioned):
    """One intake of the graduate programme and the recruitment round that filled it."""

    intake_year = models.PositiveSmallIntegerField(_("intake year"), unique=True)
    name = models.CharField(_("cohort name"), max_length=120)
    applications = models.PositiveIntegerField(_("applications received"))
    recruitment_closed_on = models.DateField(_("recruitment closed on"))

    class Meta:
        ordering = ["-intake_year"]

    def __str__(self) -> str:
        return self.name


class NgdpPlacement(Versioned):
    cohort = models.ForeignKey(NgdpCohort, on_delete=models.PROTECT, related_name="placements")
    graduate_name = models.CharField(_("graduate's full name"), max_length=200)
    council = models.ForeignKey(
        "councils.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("started on"))

    class Meta:
        ordering = ["-started_on", "graduate_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "graduate_name", "council"], name="ngdp_placement_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.graduate_name} at {self.council}"


# Productivity and income generation ------------------------------------------------


class ExpertEngagement(Versioned):
    """An expert the association funds to work with a council on savings or income."""

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    expert_name = models.CharField(_("expert's name"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="expert_engagement_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} with {self.council}"


class Saving(Versioned):
    class Kind(models.TextChoices):
        SAVING = "saving", _("Saving")
        INCOME = "income", _("Income")

    council = models.ForeignKey(
        "councils.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    expert_engagement = models.ForeignKey(
        ExpertEngagement,
        verbose_name=_("expert engagement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="savings",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount in pounds"), max_digits=14, decimal_places=2)
    description = models.CharField(_("what it came from"), max_length=300)
    verified_on = models.DateField(_("verified on"))

    class Meta:
        ordering = ["-verified_on", "pk"]
        constraints = [
            models.CheckConstraint(name="saving_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of £{self.amount:,.2f} at {self.council}"


# Climate change programme -----------------------------------------------------------


class ClimateActivity(models.TextChoices):
    TRAINING = "training", _("Training")
    BESPOKE = "bespoke", _("Bespoke support")
    WEBINAR = "webinar", _("Webinar or event")
    NETWORK = "network", _("Peer network")
    INNOVATION = "innovation", _("Innovation programme")


class ClimateParticipation(Versioned):
    council = models.ForeignKey(
        "councils.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.CharField(_("activity"), max_length=20, choices=ClimateActivity.choices)
    took_part_on = models.DateField(_("took part on"))

    class Meta:
        ordering = ["-took_part_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "activity", "took_part_on"], name="climate_participation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.get_activity_display()} on {self.took_part_on}"


# Housing advisers programme -----------------------------------------------------------


class HousingBid(Versioned):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        AWARDED = "awarded", _("Awarded")
        DECLINED = "declined", _("Not awarded")

    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("lead council"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    submitted_on = models.DateField(_("submitted on"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    awarded_amount = models.DecimalField(
        _("amount awarded in pounds"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-submitted_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="housing_award_not_negative",
                condition=Q(awarded_amount__isnull=True) | Q(awarded_amount__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class HousingProject(Versioned):
    """An awarded bid's work, with one council or several working together."""

    bid = models.ForeignKey(
        HousingBid, verbose_name=_("bid"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200)
    councils = models.ManyToManyField(
        "councils.Council", verbose_name=_("councils"), related_name="+"
    )
    started_on = models.DateField(_("started on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return self.title


class HousingSurveyResponse(models.Model):
    """One participant's answer to the programme's impact survey. Anonymous: no name."""

    project = models.ForeignKey(
        HousingProject, on_delete=models.PROTECT, related_name="survey_responses"
    )
    submitted_on = models.DateField(_("submitted on"))
    lasting_positive_impact = models.BooleanField(_("reports a lasting positive impact"))

    class Meta:
        ordering = ["-submitted_on", "pk"]

    def __str__(self) -> str:
        return f"Housing advisers survey response {self.pk}"


# Resident satisfaction polling -------------------------------------------------------


POLLING_INDICATORS = (
    "satisfied_with_area",
    "satisfied_with_council",
    "value_for_money",
    "acts_on_concerns",
    "keeps_informed",
    "trust_council",
)


def _share_field(label):
    return models.DecimalField(label, max_digits=4, decimal_places=1)


class PollingRound(Versioned):
    """One round of the national poll of residents. Indicators are percentages."""

    number = models.PositiveSmallIntegerField(_("round number"), unique=True)
    fieldwork_from = models.DateField(_("fieldwork from"))
    fieldwork_to = models.DateField(_("fieldwork to"))
    sample_size = models.PositiveIntegerField(_("sample size"))
    satisfied_with_area = _share_field(_("satisfied with their local area as a place to live"))
    satisfied_with_council = _share_field(_("satisfied with the way their council runs things"))
    value_for_money = _share_field(_("agree their council provides value for money"))
    acts_on_concerns = _share_field(_("trust their council to act on residents' concerns"))
    keeps_informed = _share_field(_("feel well informed by their council"))
    trust_council = _share_field(_("trust their council a great deal or a fair amount"))

    INDICATORS = POLLING_INDICATORS

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                name="polling_fieldwork_in_order",
                condition=Q(fieldwork_to__gte=models.F("fieldwork_from")),
            ),
            *(
                models.CheckConstraint(
                    name=f"polling_{name}_is_a_percentage",
                    condition=Q(**{f"{name}__gte": 0, f"{name}__lte": 100}),
                )
                for name in POLLING_INDICATORS
            ),
        ]

    def __str__(self) -> str:
        return f"Round {self.number}"
