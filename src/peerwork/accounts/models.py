"""People who sign in to peerwork, and the one role each of them holds."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerwork.core.versioning import Versioned


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PROGRAMME_STAFF = "programme_staff", _("Programme staff")
    PRINCIPAL_ADVISER = "principal_adviser", _("Principal adviser")
    PEER = "peer", _("Peer")
    COUNCIL_CONTACT = "council_contact", _("Council contact")
    BOARD_MEMBER = "board_member", _("Board member")


# The association's own people: they run the programme and see council records.
STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_STAFF, Role.PRINCIPAL_ADVISER})
# Those who manage accounts and the catalogue of offers.
MANAGER_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROGRAMME_STAFF})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.setdefault("is_superuser", True)
        extra.setdefault("full_name", email)
        return self.create_user(email, password, **extra)


class User(Versioned, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text=_("The council a council contact speaks for."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    invited_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    failed_sign_ins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Raised on every edit through a form, so two people editing at once cannot
    # silently overwrite each other.

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.CheckConstraint(
                name="council_contact_has_council",
                condition=~models.Q(role="council_contact") | models.Q(council__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Django's own notion of staff: only administrators reach its admin tools."""
        return self.role == Role.ADMINISTRATOR

    @property
    def is_programme_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

    def is_locked(self, now=None) -> bool:
        now = now or timezone.now()
        return self.locked_until is not None and self.locked_until > now
