"""ASGI entry point: ``uvicorn craftsite.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "craftsite.settings.production")

application = get_asgi_application()
