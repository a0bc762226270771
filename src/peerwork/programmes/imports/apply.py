"""Reading a whole file, checking every row, and applying all of it or none."""

import csv
from typing import TextIO

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from peerwork.councils.importers import ImportRefused, RowError
from peerwork.programmes.imports.base import ImportResult, ImportSpec, References, Row


def _rows(stream: TextIO, spec: ImportSpec):
    reader = csv.DictReader(stream)
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c.name for c in spec.columns if c.name not in header and c.required]
    unknown = [name for name in header if name and name not in spec.header]
    problems = []
    if missing:
        problems.append(
            RowError(1, _("the header lacks column(s): %(names)s") % {"names": ", ".join(missing)})
        )
    if unknown:
        problems.append(
            RowError(
                1,
                _("the header has column(s) this import does not use: %(names)s")
                % {"names": ", ".join(unknown)},
            )
        )
    if problems:
        raise ImportRefused(problems)
    for row in reader:
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if any(values.values()):
            yield reader.line_num, values


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


def records_import(*, spec: ImportSpec, stream: TextIO) -> ImportResult:
    """Check every row of the file, then apply all of them in one transaction, or none."""
    refs = References()
    with transaction.atomic():
        saved: dict[tuple, models.Model] = {}
        shared: set[tuple] = set()
        if spec.apply is None:
            # Locked until the import ends, so an edit saved meanwhile is not undone.
            for record in spec.model.objects.select_for_update():
                key = _key_of(record, spec)
                if key in saved:
                    shared.add(key)
                saved[key] = record

        errors: list[RowError] = []
        parsed: list[tuple[tuple, dict]] = []
        seen: dict[tuple, int] = {}
        for line, raw in _rows(stream, spec):
            row = Row(raw, refs)
            values = spec.read(row)
            key = tuple(_ident(values[name]) for name in spec.key_fields)
            if None not in key:
                if key in seen:
                    row.problem(
                        _("%(key)s is also on line %(line)s")
                        % {
                            "key": ", ".join(f"{c} {raw.get(c, '')}" for c in spec.key_columns),
                            "line": seen[key],
                        }
                    )
                else:
                    seen[key] = line
                if key in shared:
                    row.problem(
                        _("more than one saved record has this %(key)s: correct them first")
                        % {"key": ", ".join(spec.key_columns)}
                    )
            if not row.problems and spec.apply is None:
                row.problems.extend(_model_problems(spec, values, saved.get(key)))
            if row.problems:
                errors.extend(RowError(line, p) for p in row.problems)
            else:
                parsed.append((key, values))
        if errors:
            raise ImportRefused(errors)
        if not parsed:
            raise ImportRefused([RowError(1, _("the file has no rows after the header"))])

        if spec.apply is not None:
            return spec.apply([values for _key, values in parsed])
        result = ImportResult()
        for key, values in parsed:
            _upsert(spec, saved.get(key), values, result)
        return result


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
