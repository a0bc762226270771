"""Two-factor sign-in (django-otp): a code from an authenticator app (TOTP) after the
password, or one of ten single-use recovery codes; required for the roles the setting
PEERWORK_TWO_FACTOR_REQUIRED_FOR names, offered to everyone on their account page."""
