"""Reading a whole file, checking every row, and applying all of it or none."""

from functools import partial
from typing import TextIO

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from peerwork.accounts import permissions
from peerwork.core.imports import CsvRows, ImportResult
from peerwork.programmes.imports.base import ImportSpec, References, Row


def _ident(value):
    return value.pk if isinstance(value, models.Model) else value


def _key_of(record: models.Model, spec: ImportSpec) -> tuple:
    return tuple(record.serializable_value(name) for name in spec.key_fields)


def _model_problems(spec: ImportSpec, values: dict, saved) -> list[str]:
    """Anything else the model itself refuses (a backstop behind the named checks)."""
    fields = {k: v for k, v in values.items() if k not in spec.many}
    record = spec.model(pk=saved.pk if saved else None, **fields)
    record._state.adding = saved is None  # so the unique checks skip the record itself
    try:
        record.full_clean(exclude=list(spec.many))
    except ValidationError as error:
        return [
            message if name == NON_FIELD_ERRORS else f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def records_import(*, spec: ImportSpec, stream: TextIO, by) -> ImportResult:
    """Check every row of the file, then apply all of them in one transaction, or none."""
    permissions.require(permissions.may_manage_records(by))
    with transaction.atomic():
        saved: dict[tuple, models.Model] = {}
        shared: set[tuple] = set()
        if spec.apply is None:
            saved, shared = _saved_records(spec)
        parsed = _checked_rows(spec, stream, saved, shared)
        if spec.apply is not None:
            return spec.apply([values for _key, values in parsed])
        result = ImportResult()
        for key, values in parsed:
            _upsert(spec, saved.get(key), values, result)
        return result


def _saved_records(spec: ImportSpec) -> tuple[dict[tuple, models.Model], set[tuple]]:
    """The saved records by key, and the keys more than one of them share."""
    saved: dict[tuple, models.Model] = {}
    shared: set[tuple] = set()
    # Locked until the import ends, so an edit saved meanwhile is not undone.
    for record in spec.model.objects.select_for_update():
        key = _key_of(record, spec)
        if key in saved:
            shared.add(key)
        saved[key] = record
    return saved, shared


def _checked_rows(
    spec: ImportSpec, stream: TextIO, saved: dict[tuple, models.Model], shared: set[tuple]
) -> list[tuple[tuple, dict]]:
    """Every row's (key, values), or ImportRefused listing every problem."""
    rows = CsvRows(
        stream,
        required=[c.name for c in spec.columns if c.required],
        known=spec.header,
        row=partial(Row, refs=References()),
    )
    parsed: list[tuple[tuple, dict]] = []
    for row in rows:
        values = spec.read(row)
        key = tuple(_ident(values[name]) for name in spec.key_fields)
        row.once(key, spec.key_columns)
        if None not in key and key in shared:
            row.problem(
                _("more than one saved record has this %(key)s: correct them first")
                % {"key": ", ".join(spec.key_columns)}
            )
        if row.ok and spec.apply is None:
            for problem in _model_problems(spec, values, saved.get(key)):
                row.problem(problem)
        if row.ok:
            parsed.append((key, values))
    rows.refuse_if_bad()
    return parsed


def _upsert(spec: ImportSpec, record, values: dict, result: ImportResult) -> None:
    fields = {k: v for k, v in values.items() if k not in spec.many}
    many = {k: values[k] for k in spec.many}
    if record is None:
        record = spec.model(**fields)
        record.save()
        for name, related in many.items():
            getattr(record, name).set(related)
        result.created += 1
        return
    changed = [name for name, v in fields.items() if record.serializable_value(name) != _ident(v)]
    changed_many = [
        name
        for name, related in many.items()
        if set(getattr(record, name).values_list("pk", flat=True)) != {r.pk for r in related}
    ]
    if not changed and not changed_many:
        result.unchanged += 1
        return
    for name in changed:
        setattr(record, name, fields[name])
    record.version += 1
    record.save(update_fields=[*changed, "version"])
    for name in changed_many:
        getattr(record, name).set(many[name])
    result.updated += 1
