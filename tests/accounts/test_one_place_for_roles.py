"""Roles are compared in one place: `peerwork.accounts.permissions` (and the user model's
own `has_role`, which it calls). Anywhere else asks a named predicate."""

import re
from pathlib import Path

import pytest

import peerwork

SOURCE = Path(peerwork.__file__).parent
ALLOWED = {
    "accounts/permissions.py",  # the rules
    "accounts/models.py",  # has_role itself, and the manager's with_role
    "accounts/selectors.py",  # who is programme staff, for emails and choices
}
# The solver's "role" is a place on a team, not a person's role.
NOT_PEOPLE = ("assembly/",)

PYTHON = [
    re.compile(r"\.has_role\("),
    re.compile(r"\b\w+\.roles?\s*(==|!=|\bin\b|\bnot in\b)"),
    re.compile(r"(==|!=|\bin\b)\s*[\w.]*\b(user|by|actor|account)\.roles?\b"),
    re.compile(r"(==|!=|\bnot in\b|\bin\b)\s*[({]?\s*Role\.[A-Z_]+"),
    re.compile(r"\bRole\.[A-Z_]+\s*(==|!=|\bin\b|\bnot in\b)"),
    re.compile(r"role_grants__role|\brole__in=|filter\([^)]*\brole=Role\."),
    re.compile(r"\b(STAFF|MANAGER|CASE|TEAM|SPECIAL_CATEGORY)_ROLES\b|\bFIGURE_READERS\b"),
]
TEMPLATE = re.compile(r"\b(user|account)\.roles?\b|\.has_role\b|is_programme_staff")


def _python_files():
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if "/migrations/" in name or name in ALLOWED or name.startswith(NOT_PEOPLE):
            continue
        yield name, path


def _template_files():
    for path in sorted(SOURCE.rglob("templates/**/*.html")):
        yield path.relative_to(SOURCE).as_posix(), path


def _findings(files, patterns):
    found = []
    for name, path in files:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if any(p.search(line) for p in patterns):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_module_compares_roles_outside_the_permissions_module():
    assert _findings(_python_files(), PYTHON) == []


def test_no_template_compares_roles():
    assert _findings(_template_files(), [TEMPLATE]) == []


@pytest.mark.parametrize(
    "line",
    [
        "if user.role == Role.PEER:",
        "if request.user.role in STAFF_ROLES:",
        "return user.has_role(*MANAGER_ROLES)",
        "if Role.ADMINISTRATOR in account.roles:",
        "User.objects.filter(role=Role.PROGRAMME_STAFF)",
        "users.filter(role_grants__role=role)",
    ],
)
def test_the_check_finds_a_role_comparison(line, tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(line + "\n")
    assert _findings([("bad.py", bad)], PYTHON)


def test_the_check_leaves_team_places_alone(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(
        'label = f"{place.role}: {member.peer}"\nroles = permissions.grantable_roles(u)\n'
    )
    assert _findings([("good.py", good)], PYTHON) == []
