"""The register of councils: regions, councils, parties and dated political control."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerwork.accounts.permissions import ADVISER_CHOICES


class Nation(models.TextChoices):
    ENGLAND = "England", _("England")
    WALES = "Wales", _("Wales")
    SCOTLAND = "Scotland", _("Scotland")
    NORTHERN_IRELAND = "Northern Ireland", _("Northern Ireland")


class CouncilType(models.TextChoices):
    """The register's own short codes for the kinds of authority."""

    COUNTY = "CTY", _("County council")
    DISTRICT = "NMD", _("District council")
    UNITARY = "UA", _("Unitary authority")
    METROPOLITAN = "MD", _("Metropolitan district")
    LONDON_BOROUGH = "LBO", _("London borough")
    CITY_CORPORATION = "CC", _("City corporation")
    SCOTTISH_UNITARY = "SCO", _("Scottish unitary authority")
    WELSH_UNITARY = "WPA", _("Welsh unitary authority")
    NI_DISTRICT = "NID", _("Northern Ireland district council")
    COMBINED_AUTHORITY = "COMB", _("Combined authority")
    STRATEGIC_REGIONAL = "SRA", _("Strategic regional authority")


# Combined authorities and the GLA are kept in the register but are not principal councils.
NOT_PRINCIPAL_TYPES = (CouncilType.COMBINED_AUTHORITY, CouncilType.STRATEGIC_REGIONAL)


class Region(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    principal_advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("principal advisers"),
        blank=True,
        related_name="advised_regions",
        limit_choices_to=ADVISER_CHOICES,
    )

    class Meta:
        ordering = ["nation", "name"]

    def __str__(self) -> str:
        return self.name


class CouncilQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gt=on),
        )

    def principal(self):
        return self.exclude(council_type__in=NOT_PRINCIPAL_TYPES)


class Council(models.Model):
    code = models.CharField(_("local-authority code"), max_length=10, unique=True)
    gss_code = models.CharField(_("GSS code"), max_length=12, blank=True)
    official_name = models.CharField(_("official name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=200)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
    )
    council_type = models.CharField(_("type"), max_length=4, choices=CouncilType.choices)
    county = models.ForeignKey(
        "self",
        verbose_name=_("county council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
    )
    combined_authority = models.ForeignKey(
        "self",
        verbose_name=_("combined authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="constituent_councils",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successors"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        indexes = [models.Index(fields=["short_name"]), models.Index(fields=["council_type"])]
        constraints = [
            models.CheckConstraint(
                name="council_ends_after_it_starts",
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def is_principal(self) -> bool:
        return self.council_type not in NOT_PRINCIPAL_TYPES

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date > on)


class PoliticalGroup(models.TextChoices):
    """The groups the association's political offices recruit member peers through."""

    CONSERVATIVE = "conservative", _("Conservative")
    LABOUR = "labour", _("Labour")
    LIBERAL_DEMOCRAT = "liberal_democrat", _("Liberal Democrat")
    INDEPENDENT = "independent", _("Independent")
    GREEN = "green", _("Green")
    REFORM_UK = "reform_uk", _("Reform UK")
    OTHER = "other", _("Other")


class Party(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    political_group = models.CharField(
        _("political group"), max_length=20, choices=PoliticalGroup.choices
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name


class PoliticalControl(models.Model):
    """Who controlled a council from one date until the next record (or `to`)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="control_history")
    party_in_control = models.ForeignKey(
        Party,
        verbose_name=_("party in control"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty means no overall control."),
    )
    leader_party = models.ForeignKey(
        Party,
        verbose_name=_("leader's party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["council", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "valid_from"], name="one_control_record_per_council_and_day"
            ),
            models.CheckConstraint(
                name="control_ends_after_it_starts",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.control_label} from {self.valid_from}"

    @property
    def control_label(self) -> str:
        return self.party_in_control.name if self.party_in_control else str(_("No overall control"))
