"""Changing the targets agreed with government: managers add and correct them."""

from peerwork.accounts import permissions
from peerwork.core import versioning
from peerwork.impact.models import Target


def target_save(*, by, target: Target | None, fields: dict, expected_version: str) -> Target:
    """Add a target, or change one if it is still as it was when the edit began."""
    permissions.require(permissions.may_manage_records(by))
    return versioning.record_save(
        record=target or Target(), fields=fields, expected_version=expected_version
    )
