"""Template tags that draw GOV.UK components: `{% load govuk %}`."""

from django import template
from django.utils.translation import gettext as _

from peerwork.core import govuk

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


@register.simple_tag
def govuk_table(table):
    """Draw a table built by a presenter (see peerwork.core.presenters.Table)."""
    return govuk.render_component("table", table.params())


@register.simple_tag
def govuk_inset_text(text):
    return govuk.render_component("inset-text", {"text": str(text)})


@register.simple_tag
def govuk_radios(params):
    """Radios a presenter built the parameters of, for choices that are not a Django field."""
    return govuk.render_component("radios", params)


@register.simple_tag
def govuk_checkboxes(params):
    """Checkboxes a presenter built the parameters of, for choices that are not a Django field."""
    return govuk.render_component("checkboxes", params)
