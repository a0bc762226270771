"""WSGI entry point for any number of stateless web processes."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")
application = get_wsgi_application()
