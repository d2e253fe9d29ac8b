"""Production: everything secret or host-specific must come from the environment.

The app servers sit behind a proxy that terminates TLS and sets
``X-Forwarded-Proto``; ``SITE_HTTPS=false`` is for a plain-HTTP trial on
127.0.0.1 (``make serve`` sets it unless told otherwise). The demo content is
not installed: ``load_demo_content`` refuses to run here.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    INSTALLED_APPS,
    SECRET_KEY,
    SITE_DOMAIN,
    connection_max_age,
    env_bool,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

DEBUG = False
INSTALLED_APPS = [app for app in INSTALLED_APPS if not app.startswith("demo.")]

SITE_HTTPS = env_bool("SITE_HTTPS", True)

# Connections kept between requests: opening one per request costs a PostgreSQL
# handshake, and on SQLite the last connection to close folds the write-ahead
# log back into the file and deletes it, which writers under load queue for.
DATABASES["default"]["CONN_MAX_AGE"] = connection_max_age(60)

SITE_SCHEME = "https" if SITE_HTTPS else "http"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SITE_HTTPS)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SITE_HTTPS else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = SITE_HTTPS
CSRF_COOKIE_SECURE = SITE_HTTPS
OSCAR_BASKET_COOKIE_SECURE = SITE_HTTPS
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = SITE_HTTPS
OSCAR_URL_SCHEMA = SITE_SCHEME
WAGTAILADMIN_BASE_URL = f"{SITE_SCHEME}://{SITE_DOMAIN}"
