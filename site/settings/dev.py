"""Local development: the embedded SQLite database, debug on, e-mail to the console."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES

SECRET_KEY = SECRET_KEY or "dev-only-not-secret-7c1f3b0e9d2a4c58b6e1f0a9d3c2b7e4"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
