"""Tags for the page frame: the service navigation and flash messages."""

from django import template
from django.contrib.messages import constants
from django.utils.translation import gettext as _

from peerwork.core import govuk

register = template.Library()


@register.simple_tag(takes_context=True)
def service_navigation(context):
    return govuk.render_component(
        "service-navigation",
        {
            "serviceName": "peerwork",
            "serviceUrl": "/",
            "navigation": context.get("service_navigation", []),
            "navigationLabel": _("Menu"),
            "menuButtonText": _("Menu"),
        },
    )


@register.simple_tag
def success_banner(message, number=1):
    success = message.level == constants.SUCCESS
    params = {
        "text": str(message),
        "titleText": _("Success") if success else _("Important"),
        "titleId": f"message-title-{number}",
    }
    if success:
        params["type"] = "success"
    return govuk.render_component("notification-banner", params)
