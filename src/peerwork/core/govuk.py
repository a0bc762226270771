"""Render GOV.UK Frontend components from Python through govuk-frontend-django.

Every component on every page is drawn by the maintained Jinja macros that
govuk-frontend-django ships (govuk-frontend-jinja); this module is the one
place that turns Django forms and plain data into those macros' parameters.
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape
from jinja2.runtime import Macro

_MACROS = {
    "input": "govukInput",
    "textarea": "govukTextarea",
    "select": "govukSelect",
    "radios": "govukRadios",
    "checkboxes": "govukCheckboxes",
    "file-upload": "govukFileUpload",
    "date-input": "govukDateInput",
    "error-summary": "govukErrorSummary",
    "table": "govukTable",
    "summary-list": "govukSummaryList",
    "pagination": "govukPagination",
    "button": "govukButton",
    "tag": "govukTag",
    "service-navigation": "govukServiceNavigation",
    "notification-banner": "govukNotificationBanner",
    "back-link": "govukBackLink",
    "breadcrumbs": "govukBreadcrumbs",
    "panel": "govukPanel",
    "inset-text": "govukInsetText",
    "warning-text": "govukWarningText",
    "skip-link": "govukSkipLink",
    "details": "govukDetails",
    "phase-banner": "govukPhaseBanner",
}


@cache
def _environment() -> Environment:
    # The macros are the installed package's and never change while the process runs:
    # no auto_reload, so Jinja does not stat their files on every import.
    return Environment(
        loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        autoescape=select_autoescape(),
        auto_reload=False,
    )


@cache
def _macro(name: str) -> Macro:
    """The library's macro for one component, compiled and imported once per process.

    GovUKComponent.render builds a Jinja environment, compiles a template that imports
    the macro and calls it, on every call; calling the imported macro directly draws the
    same HTML (bench/page_render.py checks it and measures what this saves).
    """
    template = _environment().get_template(f"govuk_frontend_jinja/components/{name}/macro.html")
    return getattr(template.module, _MACROS[name])


def _without_none(data):
    if isinstance(data, dict):
        return {k: _without_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_none(v) for v in data]
    return data


def render_component(name: str, params: dict[str, Any]) -> SafeString:
    return mark_safe(str(_macro(name)(_without_none(params))))


def _field_id(field: forms.BoundField) -> str:
    return field.auto_id or f"id_{field.html_name}"


def _uses_items(field: forms.BoundField) -> bool:
    return isinstance(
        field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput
    )


def error_anchor(field: forms.BoundField) -> str:
    """The id an error summary link should jump to for this field."""
    if _is_date(field.field.widget):
        return f"{_field_id(field)}-day"
    return _field_id(field)


def render_field(field: forms.BoundField, **options: Any) -> SafeString:
    """Draw one Django form field as the matching GOV.UK component.

    Options: label_size (s, m, l, xl), page_heading (label is the page's h1),
    classes (e.g. govuk-input--width-10), autocomplete, hint, small (radios).
    """
    widget = field.field.widget
    if widget.is_hidden:
        return mark_safe(str(field))
    return _drawer(widget)(field, _base_params(field, options), _Label.of(field, options), options)


@dataclass(frozen=True)
class _Label:
    """A field's label, or its fieldset's legend for a field of several inputs."""

    text: str
    size: str | None
    heading: bool

    @classmethod
    def of(cls, field, options) -> "_Label":
        return cls(str(field.label), options.get("label_size"), bool(options.get("page_heading")))

    def label(self) -> dict:
        classes = f"govuk-label--{self.size}" if self.size else ""
        return {"text": self.text, "classes": classes, "isPageHeading": self.heading}

    def fieldset(self) -> dict:
        classes = f"govuk-fieldset__legend--{self.size or 's'}"
        return {"legend": {"text": self.text, "classes": classes, "isPageHeading": self.heading}}


def _base_params(field, options) -> dict[str, Any]:
    """What every component takes: id, name, hint, error, classes and the widget's attributes."""
    widget = field.field.widget
    params: dict[str, Any] = {"id": _field_id(field), "name": field.html_name}
    hint_text = options.get("hint", field.help_text)
    if hint_text:
        params["hint"] = {"text": str(hint_text)}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in field.errors)}
    if options.get("classes"):
        params["classes"] = options["classes"]
    attributes = {
        k: v
        for k, v in widget.attrs.items()
        if k not in {"class", "id", "autocomplete", "rows", "cols"}
    }
    if field.field.required and not _uses_items(field):
        attributes.setdefault("aria-required", "true")
    if attributes:
        params["attributes"] = attributes
    return params


def _drawer(widget):
    if _is_date(widget):
        return _render_date
    if isinstance(widget, forms.Textarea):
        return _render_textarea
    # A multiple select is a kind of Select, and CheckboxSelectMultiple a kind of RadioSelect.
    if isinstance(widget, forms.SelectMultiple | forms.RadioSelect):
        return _render_choices
    if isinstance(widget, forms.Select):
        return _render_select
    if isinstance(widget, forms.CheckboxInput):
        return _render_checkbox
    if isinstance(widget, forms.FileInput):
        return _render_file
    return _render_input


# Control characters have no place in an HTML page; a field sent back with what someone
# typed (or a hand-made link put in a search box) loses them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value) -> str:
    return "" if value is None else _CONTROL.sub("", str(value))


def _render_textarea(field, params, label, options) -> SafeString:
    params["label"] = label.label()
    params["value"] = _text(field.value())
    params["rows"] = field.field.widget.attrs.get("rows", 5)
    return render_component("textarea", params)


def _render_select(field, params, label, options) -> SafeString:
    params["label"] = label.label()
    selected = _text(field.value())
    params["items"] = [
        {"value": str(v), "text": str(t), "selected": str(v) == selected}
        for v, t in _flat_choices(field)
    ]
    return render_component("select", params)


def _render_choices(field, params, label, options) -> SafeString:
    """Radios for one choice; checkboxes (small) for several."""
    value = field.value()
    chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
    params["idPrefix"] = params.pop("id")
    params["fieldset"] = label.fieldset()
    params["items"] = [
        {"value": str(v), "text": str(t), "checked": str(v) in chosen}
        for v, t in _flat_choices(field)
        if str(v) != ""
    ]
    # Django's CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    widget = field.field.widget
    many = isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple)
    if many or options.get("small"):
        params["classes"] = (params.get("classes", "") + " govuk-checkboxes--small").strip()
    return render_component("checkboxes" if many else "radios", params)


def _render_checkbox(field, params, label, options) -> SafeString:
    field_id = params.pop("id")
    params["idPrefix"] = field_id
    params["items"] = [
        {"value": "on", "text": label.text, "checked": bool(field.value()), "id": field_id}
    ]
    if "hint" in params:
        params["items"][0]["hint"] = params.pop("hint")
    return render_component("checkboxes", params)


def _render_file(field, params, label, options) -> SafeString:
    params["label"] = label.label()
    return render_component("file-upload", params)


def _render_input(field, params, label, options) -> SafeString:
    widget = field.field.widget
    params["label"] = label.label()
    params["type"] = getattr(widget, "input_type", "text")
    if params["type"] != "password":
        params["value"] = _text(field.value())
    if isinstance(widget, forms.NumberInput):
        params["type"] = "text"
        params["inputmode"] = "numeric"
    if options.get("autocomplete") or widget.attrs.get("autocomplete"):
        params["autocomplete"] = options.get("autocomplete") or widget.attrs["autocomplete"]
    if params["type"] == "email":
        params["spellcheck"] = False
    return render_component("input", params)


def _is_date(widget) -> bool:
    from peerwork.core.forms import DateInputWidget

    return isinstance(widget, DateInputWidget)


def _render_date(field, params, label, options) -> SafeString:
    value = field.value()
    if hasattr(value, "year"):
        parts = [str(value.day), str(value.month), str(value.year)]
    else:
        parts = list(value or ["", "", ""])
    params.pop("attributes", None)
    params["namePrefix"] = params.pop("name")
    params["fieldset"] = label.fieldset()
    error = " govuk-input--error" if field.errors else ""
    params["items"] = [
        {"name": "day", "label": _("Day"), "value": parts[0]},
        {"name": "month", "label": _("Month"), "value": parts[1]},
        {"name": "year", "label": _("Year"), "value": parts[2]},
    ]
    widths = ("govuk-input--width-2", "govuk-input--width-2", "govuk-input--width-4")
    for item, width in zip(params["items"], widths, strict=True):
        item["classes"] = width + error
    return render_component("date-input", params)


def _flat_choices(field: forms.BoundField):
    for value, label in field.field.choices:
        if isinstance(label, list | tuple):
            yield from label
        else:
            yield getattr(value, "value", value), label


def render_error_summary(*forms_: forms.BaseForm | forms.BaseFormSet, errors=()) -> SafeString:
    """Every error of the bound forms (a formset's own, then each of its forms'), then
    any (text, href) pairs a page found itself."""
    items = []
    for form in forms_:
        if isinstance(form, forms.BaseFormSet):
            if form.is_bound:
                items += [{"text": str(error)} for error in form.non_form_errors()]
                items += [item for member in form.forms for item in _form_errors(member)]
        elif form is not None:
            items += _form_errors(form)
    items += [{"text": str(text), "href": href} for text, href in errors]
    if not items:
        return mark_safe("")
    return render_component(
        "error-summary", {"titleText": _("There is a problem"), "errorList": items}
    )


def _form_errors(form: forms.BaseForm) -> list[dict]:
    if not form.is_bound or not form.errors:
        return []
    items = [{"text": str(error)} for error in form.non_field_errors()]
    for field in form:
        items += [{"text": str(error), "href": f"#{error_anchor(field)}"} for error in field.errors]
    return items


def render_tag(text, colour: str = "") -> SafeString:
    params = {"text": str(text)}
    if colour:
        params["classes"] = f"govuk-tag--{colour}"
    return render_component("tag", params)


def render_summary_list(rows, *, classes: str = "", blank=None) -> SafeString:
    """rows: (key, value) or (key, value, action) with an Action from core.presenters.

    Values may be safe HTML; an empty one reads "Not recorded" unless blank says otherwise.
    """
    blank = _("Not recorded") if blank is None else blank
    items = []
    for key, value, *action in rows:
        empty = value is None or value == ""
        item = {
            "key": {"text": str(key)},
            "value": {"html": conditional_escape(blank if empty else value)},
        }
        if action:
            item["actions"] = {
                "items": [
                    {
                        "href": a.href,
                        "text": str(a.text),
                        "visuallyHiddenText": str(a.visually_hidden) or None,
                    }
                    for a in action
                ]
            }
        items.append(item)
    return render_component("summary-list", {"rows": items, "classes": classes or None})
