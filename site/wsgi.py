"""WSGI entry point: ``gunicorn craftsite.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "craftsite.settings.production")

application = get_wsgi_application()
