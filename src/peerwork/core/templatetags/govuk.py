"""Template tags that draw GOV.UK components: `{% load govuk %}`."""

from django import template
from django.utils.translation import gettext as _

from peerwork.core import govuk
from peerwork.core.pagination import ListPage

register = template.Library()


@register.simple_tag
def govuk_field(field, **options):
    return govuk.render_field(field, **options)


@register.simple_tag
def govuk_error_summary(*forms, errors=()):
    """The forms' errors; errors adds (text, href) pairs a view found itself."""
    return govuk.render_error_summary(*forms, errors=errors)


@register.simple_tag
def govuk_button(text, **options):
    params = {"text": str(text), "preventDoubleClick": True}
    if options.get("href"):
        params["href"] = options["href"]
    if options.get("secondary"):
        params["classes"] = "govuk-button--secondary"
    if options.get("warning"):
        params["classes"] = "govuk-button--warning"
    if options.get("name"):
        params["name"] = options["name"]
        params["value"] = options.get("value", "")
    return govuk.render_component("button", params)


@register.simple_tag
def govuk_tag(text, colour=""):
    return govuk.render_tag(text, colour)


@register.simple_tag
def govuk_summary_list(rows, **options):
    """rows: (key, value) or (key, value, action) from a presenter; values may be safe HTML.

    Options: classes; blank, the words for an empty value (default "Not recorded").
    """
    return govuk.render_summary_list(
        rows, classes=options.get("classes", ""), blank=options.get("blank")
    )


@register.simple_tag
def govuk_back_link(href, text=None):
    return govuk.render_component("back-link", {"href": href, "text": str(text or _("Back"))})


@register.simple_tag
def govuk_pagination(page: ListPage):
    """The links between the pages of a list from peerwork.core.pagination.paginate."""
    return govuk.render_component("pagination", page.pagination) if page.pagination else ""


@register.simple_tag
def govuk_table(table):
    """Draw a table built by a presenter (see peerwork.core.presenters.Table)."""
    return govuk.render_component("table", table.params())


@register.simple_tag
def govuk_inset_text(text):
    return govuk.render_component("inset-text", {"text": str(text)})


@register.simple_tag
def govuk_warning_text(text):
    return govuk.render_component(
        "warning-text", {"text": str(text), "iconFallbackText": str(_("Warning"))}
    )


@register.simple_tag
def govuk_radios(params):
    """Radios a presenter built the parameters of, for choices that are not a Django field."""
    return govuk.render_component("radios", params)


@register.simple_tag
def govuk_checkboxes(params):
    """Checkboxes a presenter built the parameters of, for choices that are not a Django field."""
    return govuk.render_component("checkboxes", params)
