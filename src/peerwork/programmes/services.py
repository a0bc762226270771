"""Changing programme records: managers add and correct them (imports are in `imports`)."""

from django.db import models

from peerwork.accounts import permissions
from peerwork.core import versioning


def record_save(*, by, record: models.Model, fields: dict, expected_version: str = ""):
    """Add a record, or change one if it is still as it was when the edit began."""
    permissions.require(permissions.may_manage_records(by))
    return versioning.record_save(record=record, fields=fields, expected_version=expected_version)
