"""peerwork's own middleware: the headers a response carries for the people it is for,
and the cap on what a request may send before anything reads it."""

from django.conf import settings
from django.shortcuts import render

from peerwork.core.forms import CSV_MAX_MB
from peerwork.core.params import whole_number

# Browser features peerwork never uses, refused to the page and to anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
PRIVATE = "no-store, private"


class ResponseHeadersMiddleware:
    """Every response refuses the browser features above. A response for one person (to
    someone signed in, a download, a page drawn from a visitor's session or carrying a
    form's CSRF token) is kept by no browser or proxy: `Cache-Control: no-store,
    private`, unless the view set its own Cache-Control. Public pages stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Cache-Control" not in response.headers and _for_one_person(request, response):
            response.headers["Cache-Control"] = PRIVATE
        return response


def _for_one_person(request, response) -> bool:
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    return bool(
        (user is not None and user.is_authenticated)
        or "Content-Disposition" in response.headers
        or (session is not None and session.accessed and not session.is_empty())
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def largest_upload_mb() -> int:
    """The largest file peerwork takes: an engagement document or a CSV import."""
    return max(settings.PEERWORK_DOCUMENT_MAX_MB, CSV_MAX_MB)


def request_max_bytes() -> int:
    """The largest request body accepted: the largest file, and a megabyte for the rest
    of the form."""
    return (largest_upload_mb() + 1) * 1024 * 1024


class RequestBodyLimitMiddleware:
    """A request that says it sends more than `request_max_bytes` is refused with 413
    and a page saying so, before anything reads its body (Django would otherwise write
    the whole upload to a temporary file before any form could refuse it). A body with
    no length, or a length that is not a number, is not read at all by Django."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = whole_number(request.META.get("CONTENT_LENGTH"), minimum=0, clamp=True)
        if length is not None and length > request_max_bytes():
            return render(
                request,
                "413.html",
                {"largest_mb": largest_upload_mb()},
                status=413,
            )
        return self.get_response(request)
