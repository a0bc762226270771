"""People who sign in to peerwork and the roles each of them holds (one or several)."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from peerwork.core.versioning import Versioned


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PROGRAMME_STAFF = "programme_staff", _("Programme staff")
    PRINCIPAL_ADVISER = "principal_adviser", _("Principal adviser")
    PEER = "peer", _("Peer")
    COUNCIL_CONTACT = "council_contact", _("Council contact")
    BOARD_MEMBER = "board_member", _("Board member")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, *, role=None, roles=(), **extra):
        """A user holding `roles` (or the one `role`)."""
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        user.grant(*roles, *([role] if role else []))
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.setdefault("is_superuser", True)
        extra.setdefault("full_name", email)
        return self.create_user(email, password, **extra)

    def with_role(self, *roles):
        """Active accounts holding any of `roles`."""
        return self.filter(is_active=True, role_grants__role__in=roles).distinct()


class User(Versioned, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
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
    # Raised on every edit through a form, so two people editing at once cannot
    # silently overwrite each other.

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Django's own notion of staff: only administrators reach its admin tools."""
        return self.has_role(Role.ADMINISTRATOR)

    @cached_property
    def roles(self) -> frozenset[str]:
        """Every role this account holds (read once per request)."""
        if self.pk is None:
            return frozenset()
        return frozenset(grant.role for grant in self.role_grants.all())

    def has_role(self, *roles: str) -> bool:
        """True when the account is open and holds any of `roles`.

        The one primitive behind every check: callers outside
        `peerwork.accounts.permissions` ask a named predicate there instead.
        """
        return self.is_active and not self.roles.isdisjoint(roles)

    def grant(self, *roles: str) -> None:
        """Add roles (a service decides who may; this only records them)."""
        before = self._roles_read()
        for role in roles:
            UserRole.objects.get_or_create(user=self, role=role)
        self._roles_logged(before)

    def set_roles(self, roles) -> None:
        """Hold exactly `roles`."""
        before = self._roles_read()
        roles = set(roles)
        self.role_grants.exclude(role__in=roles).delete()
        for role in sorted(roles):
            UserRole.objects.get_or_create(user=self, role=role)
        self._roles_logged(before)

    def _roles_read(self) -> str:
        self.__dict__.pop("roles", None)
        return ", ".join(self.role_labels())

    def _roles_logged(self, before: str) -> None:
        """One audit log entry on the account: "roles: programme staff → programme staff,
        board member" (each grant is logged too, as a user role created or deleted)."""
        from peerwork.core import audit

        audit.log_change(self, {"roles": (before, self._roles_read())})

    def role_labels(self) -> list[str]:
        """The roles' names as people read them, in the order of the list of roles."""
        return [str(label) for value, label in Role.choices if value in self.roles]


class UserRole(models.Model):
    """One role an account holds. An account may hold several: a councillor who is a
    member peer and sits on the improvement board, a staff member who is also a
    principal adviser."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"
