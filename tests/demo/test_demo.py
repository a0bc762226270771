import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from peerwork.accounts.models import Role, User, UserRole
from peerwork.councils.models import Council, CouncilType, PoliticalControl
from tests.core.test_settings import PRODUCTION

pytestmark = pytest.mark.django_db


def test_demo_loads_councils_of_every_type_and_a_user_of_every_role():
    out = io.StringIO()

    call_command("demo", "--no-serve", stdout=out)

    assert set(UserRole.objects.values_list("role", flat=True)) == set(Role.values)
    assert set(Council.objects.values_list("council_type", flat=True)) == set(CouncilType.values)
    assert PoliticalControl.objects.exists()
    for line in ("admin@peerwork.test", "council@peerwork.test", "demo-board-2026"):
        assert line in out.getvalue()
    assert "Two-factor sign-in is off in the demo" in out.getvalue()


def test_demo_twice_changes_nothing():
    from peerwork.engagements.models import Engagement, TeamMember

    def counts():
        return [
            model.objects.count()
            for model in (User, Council, PoliticalControl, Engagement, TeamMember)
        ]

    call_command("demo", "--no-serve", stdout=io.StringIO())
    before = counts()

    call_command("demo", "--no-serve", stdout=io.StringIO())

    assert counts() == before


def test_demo_users_can_sign_in_with_the_printed_passwords(client):
    call_command("demo", "--no-serve", stdout=io.StringIO())

    response = client.post(
        "/sign-in/", {"username": "staff@peerwork.test", "password": "demo-staff-2026"}
    )

    assert response.status_code == 302


def test_demo_has_every_offer_at_every_stage_it_uses_with_their_history():
    from peerwork.engagements.models import Engagement, Exit
    from peerwork.offers.models import Offer

    call_command("demo", "--no-serve", stdout=io.StringIO())

    for offer in Offer.objects.filter(is_active=True):
        assert set(offer.stages) <= set(offer.engagements.values_list("status", flat=True))
    assert set(Exit.values) <= set(Engagement.objects.values_list("status", flat=True))
    for engagement in Engagement.objects.prefetch_related("history"):
        moves = [c.to_status for c in engagement.history.all()]
        assert moves[0] == "requested" and moves[-1] == engagement.status


REFUSAL = "peerwork demo refuses to run with PEERWORK_ENV=production"


def test_peerwork_demo_refuses_production_before_touching_the_database(tmp_path):
    # The database named is unreachable: had the demo gone near it, it would fail loudly.
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": "postgres://peerwork@127.0.0.1:1/x"}

    result = subprocess.run(
        [sys.executable, "-c", "from peerwork.cli import main; main()", "demo", "--no-serve"],
        env={**env, "PEERWORK_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert REFUSAL in result.stderr
    assert "published" in result.stderr and "embedded demo database" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not list(tmp_path.iterdir())


def test_the_demo_command_refuses_production_settings_and_writes_nothing(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match=REFUSAL):
        call_command("demo", "--no-serve", stdout=io.StringIO())

    assert not User.objects.exists()
    assert not Council.objects.exists()
