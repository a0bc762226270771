"""Form fields shared across peerwork's pages."""

import datetime
import io
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from peerwork.core.imports import ImportRefused
from peerwork.core.params import whole_number
from peerwork.core.periods import EARLIEST_YEAR, LATEST_YEAR


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes, drawn as GOV.UK's date input by peerwork.core.govuk."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))


class DateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = DateInputWidget

    def __init__(self, *, label_for_errors: str = "", **kwargs):
        self.label_for_errors = label_for_errors
        super().__init__(**kwargs)

    def to_python(self, value):
        name = self.label_for_errors or str(self.label or _("the date")).lower()
        day, month, year = value or ["", "", ""]
        if not any((day, month, year)):
            if self.required:
                raise forms.ValidationError(_("Enter %(name)s") % {"name": name}, code="required")
            return None
        missing = [
            label
            for label, part in ((_("a day"), day), (_("a month"), month), (_("a year"), year))
            if not part
        ]
        if missing:
            raise forms.ValidationError(
                _("%(name)s must include %(parts)s")
                % {"name": name.capitalize(), "parts": _(" and ").join(str(m) for m in missing)}
            )
        # Each part is read as a bounded whole number, so that "1e9", "²" or a hundred
        # digits is "not a real date", never an overflow.
        year_number = whole_number(year, minimum=1000, maximum=9999)
        month_number = whole_number(month, minimum=1, maximum=12)
        day_number = whole_number(day, minimum=1, maximum=31)
        try:
            if year_number is None or month_number is None or day_number is None:
                raise ValueError
            date = datetime.date(year_number, month_number, day_number)
        except ValueError as error:
            raise forms.ValidationError(
                _("%(name)s must be a real date, like 27 3 2027") % {"name": name.capitalize()}
            ) from error
        if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
            raise forms.ValidationError(
                _("%(name)s must be between %(earliest)s and %(latest)s")
                % {
                    "name": name.capitalize(),
                    "earliest": EARLIEST_YEAR,
                    "latest": LATEST_YEAR,
                }
            )
        return date

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        return value


CSV_MAX_MB = 20


class CsvUploadForm(forms.Form):
    """One CSV file to import: refused unless it is named .csv and at most 20 MB."""

    file = forms.FileField(
        label=_("CSV file"),
        error_messages={"required": _("Choose a CSV file to import")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("The file must be a CSV file"))
        if upload.size > CSV_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file must be smaller than %(mb)s MB") % {"mb": CSV_MAX_MB}
            )
        return upload

    def import_with(self, importer: Callable[[io.StringIO], Any]) -> tuple[Any, list]:
        """Read the valid upload as UTF-8 and give it to `importer`. Returns its result
        and no problems; or, when the file cannot be read or the importer refuses it,
        None and the bad rows, with the error added to the form."""
        try:
            text = self.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            self.add_error("file", _("The file must be saved as UTF-8 text (CSV UTF-8)"))
            return None, []
        try:
            return importer(io.StringIO(text, newline="")), []
        except ImportRefused as refused:
            self.add_error(
                "file",
                _("The file has %(n)s problem(s) listed below. Nothing was imported.")
                % {"n": len(refused.errors)},
            )
            return None, refused.errors


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchField(forms.CharField):
    """A list's search box: by peerwork's convention its form field, and so its GET
    parameter, is named q. Bounded, so that a pasted essay is refused with a message."""

    widget = SearchInput

    def __init__(self, *, label, max_length: int = 200, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(label=label, max_length=max_length, **kwargs)


class FilterChoiceField(forms.TypedChoiceField):
    """One of a list's filters (a GET parameter), "" for any. A value that is not among
    the choices (an old or hand-made link) is refused with `invalid`, which, unlike
    Django's own message, does not repeat what was sent."""

    def __init__(self, *, label, invalid, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(label=label, error_messages={"invalid_choice": invalid}, **kwargs)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with every id read by `whole_number` before it goes into a query: an id
    no database integer holds is refused like any other bad id (SQLite cannot take it
    at all)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.get_field(key) if key != "pk" else None
        numbered = isinstance(field or self.queryset.model._meta.pk, models.IntegerField)
        if numbered:
            for pk in value if isinstance(value, list | tuple) else [value]:
                if whole_number(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
