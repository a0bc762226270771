from django.conf import settings

from peerwork.home.navigation import navigation_for


def service(request):
    return {
        "organisation_name": settings.PEERWORK_ORGANISATION_NAME,
        "service_navigation": navigation_for(request),
    }
