"""The peer pool: peers, their skills, history, interests, availability and applications.

Political party and diversity data are special-category data under UK GDPR:
only `peerwork.accounts.permissions.may_see_special_category` decides who sees them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from peerwork.core.history import StatusHistory
from peerwork.core.versioning import Versioned
from peerwork.councils.models import CouncilType


class PeerKind(models.TextChoices):
    MEMBER = "member", _("Member peer (councillor)")
    OFFICER = "officer", _("Officer peer")


class PeerStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    RETIRED = "retired", _("Retired")


class CouncilRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY_LEADER = "deputy_leader", _("Deputy leader")
    CABINET_MEMBER = "cabinet_member", _("Cabinet member")
    COMMITTEE_CHAIR = "committee_chair", _("Committee chair")
    OPPOSITION_LEADER = "opposition_leader", _("Opposition group leader")
    COUNCILLOR = "councillor", _("Councillor")
    CHIEF_EXECUTIVE = "chief_executive", _("Chief executive")
    DIRECTOR_OF_FINANCE = "s151_officer", _("Director of finance (section 151 officer)")
    MONITORING_OFFICER = "monitoring_officer", _("Monitoring officer")
    DIRECTOR_CHILDRENS = "director_childrens", _("Director of children's services")
    DIRECTOR_ADULTS = "director_adults", _("Director of adult social services")
    DIRECTOR_PLACE = "director_place", _("Director of place or regeneration")
    DIRECTOR_OTHER = "director", _("Other director")
    HEAD_OF_SERVICE = "head_of_service", _("Head of service")
    OTHER = "other", _("Other")


MEMBER_ROLES = {
    CouncilRole.LEADER,
    CouncilRole.DEPUTY_LEADER,
    CouncilRole.CABINET_MEMBER,
    CouncilRole.COMMITTEE_CHAIR,
    CouncilRole.OPPOSITION_LEADER,
    CouncilRole.COUNCILLOR,
}


class Skill(models.Model):
    """The controlled vocabulary of skills, following the offers' themes."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SkillLevel(models.IntegerChoices):
    WORKING = 1, _("1 – working knowledge")
    EXPERIENCED = 2, _("2 – experienced")
    EXPERT = 3, _("3 – expert, could lead on it")


class Peer(Versioned):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peer",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PeerKind.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    home_council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("home council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="home_peers",
    )
    home_role = models.CharField(
        _("role at home council"), max_length=30, choices=CouncilRole.choices, blank=True
    )
    # Special-category data: only programme staff and administrators see it.
    party = models.ForeignKey(
        "councils.Party",
        verbose_name=_("political party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PeerStatus.choices, default=PeerStatus.ACTIVE
    )
    capacity_engagements = models.PositiveSmallIntegerField(_("most engagements a year"), default=4)
    capacity_days = models.PositiveSmallIntegerField(_("most peer days a year"), default=12)
    experience = models.TextField(_("experience"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["kind", "status"]), models.Index(fields=["full_name"])]
        constraints = [
            models.CheckConstraint(
                name="only_member_peers_have_a_party",
                condition=Q(kind="member") | Q(party__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class PeerSkill(models.Model):
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel.choices)

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "skill"], name="one_level_per_skill"),
            models.CheckConstraint(
                name="skill_level_1_to_3", condition=Q(level__gte=1, level__lte=3)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.level})"


class CouncilTypeKnown(models.Model):
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="council_types")
    council_type = models.CharField(max_length=4, choices=CouncilType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peer", "council_type"], name="council_type_once"),
        ]

    def __str__(self) -> str:
        return self.get_council_type_display()


class FormerRole(models.Model):
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="former_roles")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=CouncilRole.choices)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"))

    class Meta:
        ordering = ["-ended_on"]
        constraints = [
            models.CheckConstraint(
                name="former_role_ends_after_it_starts",
                condition=Q(started_on__isnull=True) | Q(ended_on__gte=F("started_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.council}"


class DeclaredInterest(models.Model):
    """A council the peer must not review, and why."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="interests")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    declared_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["council__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "council"], name="one_interest_per_council"),
        ]

    def __str__(self) -> str:
        return str(self.council)


class Accreditation(models.Model):
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="accreditations")
    name = models.CharField(_("training or accreditation"), max_length=120)
    completed_on = models.DateField(_("completed on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.CheckConstraint(
                name="accreditation_expires_after_completion",
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("completed_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Unavailability(models.Model):
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="unavailability")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name_plural = _("unavailability")
        constraints = [
            models.CheckConstraint(
                name="unavailability_not_inverted", condition=Q(ends_on__gte=F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} to {self.ends_on}"


class DiversityRecord(models.Model):
    """Optional, consented diversity data. Special-category: staff and administrators only."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        OTHER = "other", _("Another way")
        PREFER_NOT = "prefer_not", _("Prefer not to say")

    class YesNo(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        PREFER_NOT = "prefer_not", _("Prefer not to say")

    class Ethnicity(models.TextChoices):
        WHITE_BRITISH = "white_british", _("White British")
        WHITE_OTHER = "white_other", _("Any other White background")
        MIXED = "mixed", _("Mixed or multiple ethnic groups")
        ASIAN = "asian", _("Asian or Asian British")
        BLACK = "black", _("Black, African, Caribbean or Black British")
        OTHER = "other", _("Another ethnic group")
        PREFER_NOT = "prefer_not", _("Prefer not to say")

    peer = models.OneToOneField(Peer, on_delete=models.CASCADE, related_name="diversity")
    consent_given_at = models.DateTimeField(_("consent given"))
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    disability = models.CharField(_("disability"), max_length=20, choices=YesNo.choices, blank=True)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=20, choices=Ethnicity.choices, blank=True
    )

    def __str__(self) -> str:
        return f"Diversity record {self.pk}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    MORE_INFORMATION = "more_information", _("More information asked for")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not accepted")


class PeerApplication(models.Model):
    """An application to become a peer, made on the public pages."""

    kind = models.CharField(_("kind"), max_length=10, choices=PeerKind.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    home_council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="+", null=True
    )
    home_role = models.CharField(_("role"), max_length=30, choices=CouncilRole.choices)
    party = models.ForeignKey(
        "councils.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    skills = models.JSONField(_("skills and levels"), default=dict)
    experience = models.TextField(_("experience"))
    diversity = models.JSONField(_("diversity answers"), default=dict, blank=True)
    diversity_consent = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decision_note = models.TextField(_("reason or question"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    peer = models.OneToOneField(
        Peer, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_status_display()})"


class ApplicationStatusChange(StatusHistory):
    """One move of an application's status, made through `peers.becoming.lifecycle`."""

    application = models.ForeignKey(
        PeerApplication, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
