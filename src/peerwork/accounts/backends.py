from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Sign in by email address, whatever its case; locked accounts cannot sign in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        return super().authenticate(request, username=email, password=password)

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not user.is_locked()
