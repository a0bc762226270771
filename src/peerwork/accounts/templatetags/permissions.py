"""`{% may "predicate" record as flag %}`: a template asks a named predicate of
`peerwork.accounts.permissions` about the signed-in person, instead of comparing roles."""

from django import template

from peerwork.accounts.permissions import FOR_TEMPLATES

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, name: str, *records) -> bool:
    return FOR_TEMPLATES[name](context["user"], *records)
