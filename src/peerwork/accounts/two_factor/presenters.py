"""What the set-up page shows: the secret as text and as a QR code."""

from base64 import b32encode
from binascii import unhexlify

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


def secret_text(secret: str) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    text = b32encode(unhexlify(secret)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code(user, secret: str) -> SafeString:
    """The otpauth:// link for the secret as a QR code, drawn as an SVG element in the
    page: no script, no style attribute (the Content-Security-Policy allows neither)
    and no image request."""
    link = TOTPDevice(user=user, key=secret).config_url
    svg = segno.make(link, error="m").svg_inline(
        scale=4,
        dark="#0b0c0c",
        light="#ffffff",
        svgclass="pw-qr-code",
        title=_("QR code to scan with your authenticator app"),
    )
    # segno escapes the title; the rest is numbers and path data drawn from the link.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))
