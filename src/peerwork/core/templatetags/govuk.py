"""Template tags that draw GOV.UK components: `{% load govuk %}`."""

from django import template
from django.utils.translation import gettext as _

from peerwork.core import govuk

register = template.Library()


@register.simple_tag
def govuk_field(field, **options):
    return govuk.render_field(field, **options)


@register.simple_tag
def govuk_error_summary(*forms):
    return govuk.render_error_summary(*forms)


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
    params = {"text": str(text)}
    if colour:
        params["classes"] = f"govuk-tag--{colour}"
    return govuk.render_component("tag", params)


@register.simple_tag
def govuk_summary_list(rows, **options):
    """rows: a list of (key, value) pairs; values may be safe HTML."""
    params = {
        "rows": [
            {"key": {"text": str(key)}, "value": {"html": _as_html(value)}} for key, value in rows
        ]
    }
    if options.get("classes"):
        params["classes"] = options["classes"]
    return govuk.render_component("summary-list", params)


@register.simple_tag
def govuk_back_link(href, text=None):
    return govuk.render_component("back-link", {"href": href, "text": str(text or _("Back"))})


@register.simple_tag
def govuk_pagination(page_obj, request):
    """Previous and next links that keep the current filters."""
    if not page_obj.has_other_pages():
        return ""

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    params = {}
    if page_obj.has_previous():
        params["previous"] = {"href": link(page_obj.previous_page_number())}
    if page_obj.has_next():
        params["next"] = {"href": link(page_obj.next_page_number())}
    numbers = []
    for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2):
        if number == page_obj.paginator.ELLIPSIS:
            numbers.append({"ellipsis": True})
        else:
            numbers.append(
                {"number": number, "href": link(number), "current": number == page_obj.number}
            )
    params["items"] = numbers
    return govuk.render_component("pagination", params)


def _as_html(value):
    from django.utils.html import conditional_escape

    if value is None or value == "":
        return conditional_escape(_("Not recorded"))
    return str(conditional_escape(value))


@register.simple_tag
def govuk_table(table):
    """Draw a table built by a presenter (see peerwork.core.presenters.Table)."""
    return govuk.render_component("table", table.params())


@register.simple_tag
def govuk_inset_text(text):
    return govuk.render_component("inset-text", {"text": str(text)})
