"""Saving an edit only if nobody else saved the record after its page was opened.

Every edit page carries the version it was opened at in a hidden field, and its
service starts by claiming the next version with `edit_claim`. Of two people saving
at once exactly one gets the record; the other gets `EditConflict`, and their page
shows their input again with a sentence of its own.
"""

import hashlib
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F

from peerwork.core.errors import EditConflict
from peerwork.core.params import whole_number


class Versioned(models.Model):
    """A record people change through edit pages: every such save raises its version."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


V = TypeVar("V", bound=Versioned)


def edit_claim(records: type[V] | models.QuerySet[V], pk: Any, expected_version: Any) -> V:
    """The record as it is now, with its version raised, if it was still at `expected_version`.

    One conditional UPDATE (WHERE pk AND version = expected) decides, so this holds on
    any database and whatever was read before. Call it first inside the transaction that
    then saves the change: if anything after refuses, the rollback gives the version back.
    A record deleted meanwhile is a conflict too.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("edit_claim must run inside the transaction that saves the edit")
    queryset = records.all() if isinstance(records, models.QuerySet) else records._default_manager
    expected_version = whole_number(expected_version)
    if expected_version is None:
        raise EditConflict
    claimed = queryset.model._default_manager.filter(pk=pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict
    return queryset.get(pk=pk)


def _is_versioned(model: type[models.Model]) -> bool:
    return issubclass(model, Versioned)


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
        if _is_versioned(model):
            record = edit_claim(model, record.pk, expected_version)
        else:
            try:
                record = model.objects.select_for_update().get(pk=record.pk)
            except model.DoesNotExist as gone:
                raise EditConflict from gone
            if edit_token(record) != expected_version:
                raise EditConflict
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
