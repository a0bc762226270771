"""Higher apps answer lower apps' extension points and hear their signals."""

import importlib
from importlib.util import find_spec

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError

from peerwork.accounts.models import Role
from peerwork.core.extensions import POINTS, ExtensionPoint
from peerwork.engagements import services
from peerwork.engagements.signals import engagement_moved
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory


def test_every_extension_point_is_filled_once_the_apps_are_ready():
    declared = [
        importlib.import_module(f"{config.name}.extensions")
        for config in apps.get_app_configs()
        if config.name.startswith("peerwork.") and find_spec(f"{config.name}.extensions")
    ]

    assert {m.__name__ for m in declared} >= {
        "peerwork.councils.extensions",
        "peerwork.engagements.extensions",
    }
    assert [p.name for p in POINTS if not p.filled] == []


def test_a_point_nothing_filled_says_so_and_only_one_app_may_fill_a_point():
    point = ExtensionPoint("tests.nothing", "A point for this test.")
    POINTS.remove(point)

    with pytest.raises(ImproperlyConfigured, match="Nothing fills the extension point"):
        point()
    point.fill(len)
    point.fill(len)  # the same answer again, as when ready() runs twice
    with pytest.raises(ImproperlyConfigured, match="already filled by builtins.len"):
        point.fill(sorted)
    assert point("abc") == 3


@pytest.mark.django_db
def test_a_move_is_announced_once_with_where_it_came_from_and_a_refused_one_not_at_all():
    engagement = EngagementFactory()
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    heard = []

    def receiver(sender, engagement, from_status, to_status, by, **kwargs):
        heard.append((engagement.pk, engagement.status, from_status, to_status, by))

    engagement_moved.connect(receiver)
    try:
        services.engagement_move(
            engagement=engagement, to_status="scoping", by=staff, expected_version=1
        )
        with pytest.raises(ValidationError):
            services.engagement_move(
                engagement=engagement, to_status="published", by=staff, expected_version=2
            )
    finally:
        engagement_moved.disconnect(receiver)

    assert heard == [(engagement.pk, "scoping", "requested", "scoping", staff)]
