"""Accounts hold a set of roles instead of one (ADR 0003): each account's role
becomes its first grant. Going back keeps each account's widest role (lossy)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLE_CHOICES = [
    ("administrator", "Administrator"),
    ("programme_staff", "Programme staff"),
    ("principal_adviser", "Principal adviser"),
    ("peer", "Peer"),
    ("council_contact", "Council contact"),
    ("board_member", "Board member"),
]


def grant_each_role(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    UserRole = apps.get_model("accounts", "UserRole")
    UserRole.objects.bulk_create(
        UserRole(user_id=pk, role=role)
        for pk, role in User.objects.exclude(role="").values_list("pk", "role")
    )


# Going back to one role keeps the account's widest one; the others are lost.
WIDEST_FIRST = [value for value, _label in ROLE_CHOICES]


def keep_widest_role(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    UserRole = apps.get_model("accounts", "UserRole")
    held: dict[int, set[str]] = {}
    for user_id, role in UserRole.objects.values_list("user_id", "role"):
        held.setdefault(user_id, set()).add(role)
    for user in User.objects.filter(pk__in=held):
        roles = held[user.pk]
        if user.council_id is None:
            roles.discard("council_contact")  # one role then means a council named
        if roles:
            role = next(r for r in WIDEST_FIRST if r in roles)
            User.objects.filter(pk=user.pk).update(role=role)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_versioned"),
    ]

    operations = [
        migrations.CreateModel(
            name="UserRole",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=ROLE_CHOICES, max_length=32, verbose_name="role")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="role_grants",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["user", "role"]},
        ),
        migrations.AddConstraint(
            model_name="userrole",
            constraint=models.UniqueConstraint(fields=("user", "role"), name="one_grant_per_role"),
        ),
        migrations.AlterField(
            model_name="user",
            name="role",
            field=models.CharField(blank=True, choices=ROLE_CHOICES, max_length=32, verbose_name="role"),
        ),
        migrations.RunPython(grant_each_role, keep_widest_role),
        migrations.RemoveConstraint(model_name="user", name="council_contact_has_council"),
        migrations.RemoveField(model_name="user", name="role"),
    ]
