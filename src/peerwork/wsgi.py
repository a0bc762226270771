"""WSGI entry point for any number of stateless web processes."""

import os

from django.core.wsgi import get_wsgi_application

from peerwork.core.serving import skip_abandoned

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerwork.settings")
# A reading request whose client has already hung up is answered 499 without running.
application = skip_abandoned(get_wsgi_application())
