"""Saving a record edited in a form, refusing an edit that began from a stale copy.

Used by every page where two people may edit one record: programme records,
survey questions and targets.
"""

import hashlib
from typing import Any

from django.db import models, transaction


class EditConflict(Exception):
    """Someone else saved the record after this edit began."""


def _is_versioned(model: type[models.Model]) -> bool:
    return any(f.name == "version" for f in model._meta.concrete_fields)


def edit_token(record: models.Model) -> str:
    """What an edit began from: the record's version.

    Survey answers carry no version, so for them the token is a digest of the saved
    values: any change by someone else changes it all the same.
    """
    if _is_versioned(type(record)):
        return str(record.version)
    values = "|".join(
        f"{f.attname}={f.value_to_string(record)}" for f in record._meta.concrete_fields
    )
    return hashlib.sha256(values.encode()).hexdigest()[:20]


@transaction.atomic
def record_save(
    *, record: models.Model, fields: dict[str, Any], expected_version: str = ""
) -> models.Model:
    """Add a record, or change one if it is still as it was when the edit began."""
    model = type(record)
    if record.pk is not None:
        try:
            record = model.objects.select_for_update().get(pk=record.pk)
        except model.DoesNotExist as gone:
            raise EditConflict from gone
        if edit_token(record) != expected_version:
            raise EditConflict
        if _is_versioned(model):
            record.version += 1
    many = {}
    for name, value in fields.items():
        if model._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(record, name, value)
    record.full_clean(exclude=list(many))
    record.save()
    for name, related in many.items():
        getattr(record, name).set(related)
    return record
