"""Settings shared by every mode.

This module reads the environment; ``dev``, ``test`` and ``production`` only
override what differs (``production`` reads the few settings only it has).
Every variable read here is listed in ``.env.example`` and the README's
configuration table (``tests/unit/test_configuration_documented.py``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403

from order.statuses import (
    LINE_STATUS_PIPELINE,
    ORDER_STATUS_PIPELINE,
    LineStatus,
    OrderStatus,
)

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_ID = 1
# The host (and port) in links that leave a request behind: e-mails, the CMS's
# notifications. Copied into Django's Site record on every ``migrate``.
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "127.0.0.1:8000")
# Whether visitors reach the site over HTTPS; ``production`` defaults it to true.
SITE_HTTPS = env_bool("SITE_HTTPS", False)
SITE_SCHEME = "https" if SITE_HTTPS else "http"
ROOT_URLCONF = "craftsite.urls"
WSGI_APPLICATION = "craftsite.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# I18N
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# DATABASES
# ------------------------------------------------------------------------------
DEFAULT_SQLITE_PATH = VAR_DIR / "db.sqlite3"


def connection_max_age(default: int) -> int:
    """How long a database connection serves later requests (``CONN_MAX_AGE``).

    One connection per request under the development server, which runs each
    request in a thread of its own: a kept connection would outlive its thread
    and hold a PostgreSQL slot. Production (a process per worker) keeps them,
    ``craftsite.settings.production``.
    """
    return int(os.environ.get("CONN_MAX_AGE", default))


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}",
        conn_max_age=connection_max_age(0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout let the embedded database hold
    # concurrent visitors without "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

# CACHES
# ------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "langnghe"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# What renditions of each image exist (Wagtail's renditions, sorl-thumbnail's
# key-value store, catalogue.renditions): kept for 30 days, not culled from
# memory at 300 entries, so a page of cards reads no database row for them.
CACHES["renditions"] = {
    **CACHES["default"],
    "TIMEOUT": 30 * 24 * 3600,
    **({} if REDIS_URL else {"OPTIONS": {"MAX_ENTRIES": 100_000}}),
}
# Whole pages for visitors with nothing personal, and the content token that
# retires them (craftsite.page_cache, sitewide.content_version): shared by every
# app server, so Redis where configured, else files on this machine.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Named after the database too: two sites on one cache never share a page.
_database_tag = hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()
CACHES["pages"] = {
    **(
        {**CACHES["default"]}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        }
    ),
    "KEY_PREFIX": f"{CACHES['default'].get('KEY_PREFIX', 'langnghe')}-pages-"
    f"{_database_tag[:12]}",
}

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.forms",
]
OSCAR_APPS = [
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "basket.apps.BasketConfig",
    "payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "dashboard.orders.apps.OrdersDashboardConfig",
    "dashboard.catalogue.apps.CatalogueDashboardConfig",
    "dashboard.payments.apps.PaymentsDashboardConfig",
    "dashboard.centre_numbers.apps.CentreNumbersDashboardConfig",
    "dashboard.staff.apps.StaffDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    # haystack before wagtail.search: both ship ``update_index`` and the first wins.
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "csp",
    "auditlog",
]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]
LOCAL_APPS = [
    "sitewide.apps.SitewideConfig",
    "users.apps.UsersConfig",
    "centres.apps.CentresConfig",
    "stories.apps.StoriesConfig",
    "demo.apps.DemoConfig",
    # After demo: its load_demo_content comes first where demo is installed.
    "craftsite.apps.CraftsiteConfig",
    "background.apps.BackgroundConfig",
    "outbox.apps.OutboxConfig",
]
# Django's tasks (the django-tasks backport) and its two engines (TASKS below).
TASK_APPS = ["django_tasks", "django_tasks_db", "django_rq"]
INSTALLED_APPS = LOCAL_APPS + DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + TASK_APPS

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in while the account or address is locked.
    "users.backends.SignInThrottleBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_REDIRECT_URL = "/"
# Where a page for signed-in customers sends a visitor who is not: the shop's
# sign-in page, in the visitor's language (Django's default, /accounts/login/,
# is no page of this site). A path, not a URL name: Oscar pastes it into links.
LOGIN_URL = reverse_lazy("customer:login")
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# SIGN-IN
# ------------------------------------------------------------------------------
# Failed sign-ins allowed per account from one client address, and per client
# address, before every sign-in form refuses them, even with the right password,
# for SIGN_IN_LOCKOUT_SECONDS. Past SIGN_IN_ACCOUNT_CEILING failures of one
# account in an hour from anywhere, that account may be tried once per
# SIGN_IN_SLOW_SECONDS, except from addresses it signed in from
# (users/sign_in_limits.py). Counted in Redis, or else the database.
SIGN_IN_MAX_FAILURES = int(os.environ.get("SIGN_IN_MAX_FAILURES", "5"))
SIGN_IN_MAX_FAILURES_PER_IP = int(os.environ.get("SIGN_IN_MAX_FAILURES_PER_IP", "30"))
SIGN_IN_LOCKOUT_SECONDS = int(os.environ.get("SIGN_IN_LOCKOUT_SECONDS", "900"))
SIGN_IN_ACCOUNT_CEILING = int(os.environ.get("SIGN_IN_ACCOUNT_CEILING", "50"))
SIGN_IN_SLOW_SECONDS = int(os.environ.get("SIGN_IN_SLOW_SECONDS", "60"))
# The client address every limit counts by: REMOTE_ADDR, or behind proxies the
# header they write (X-Forwarded-For) and how many of them are ours; entries
# the client wrote itself, before those, are never read.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# Mail sent on a stranger's word (password resets, registration, stock alerts,
# staff invitations): at most this many per recipient, and per client address,
# in an hour (users/mail_limits.py). The excess is logged and not sent.
MAIL_PER_RECIPIENT_PER_HOUR = int(os.environ.get("MAIL_PER_RECIPIENT_PER_HOUR", "3"))
MAIL_PER_CLIENT_PER_HOUR = int(os.environ.get("MAIL_PER_CLIENT_PER_HOUR", "10"))

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after security: every response, redirects and errors included,
    # gets the Content-Security-Policy and Permissions-Policy headers.
    "craftsite.security.ContentSecurityPolicyMiddleware",
    "craftsite.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and JSON compressed when the browser asks (craftsite.compression).
    "craftsite.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the signed-in user as the actor of the audit trail's entries.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    # Whole pages for visitors with no session or messages (craftsite.page_cache).
    "craftsite.page_cache.AnonymousPageCache",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's admin follows ``next`` with redirect(): only a path or a URL.
    "sitewide.admin_input.AdminNextIsAPath",
]

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    }
]

# Widgets render with the project's templates too, so templates/ can replace a
# widget's inline script (the Content-Security-Policy allows none).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
FILESYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
MEDIA_STORAGE_BACKEND = os.environ.get("MEDIA_STORAGE_BACKEND", FILESYSTEM_STORAGE)
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if MEDIA_STORAGE_BACKEND == "storages.backends.s3.S3Storage":
    # django-storages (requirements-s3.lock). Keys may also come from boto3's own
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or an instance role.
    STORAGES["default"]["OPTIONS"] = {
        key: value
        for key, value in {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        }.items()
        if value is not None
    }
# On one machine the app serves its own media (product photos, Wagtail images);
# beyond it, object storage does and this is off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", MEDIA_STORAGE_BACKEND == FILESYSTEM_STORAGE)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# UPLOADS
# ------------------------------------------------------------------------------
# Product photos (``catalogue.uploads``) and Wagtail's images: at most this many
# bytes and pixels. Larger files are refused with a message next to the field;
# uploads over FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file first.
PRODUCT_IMAGE_MAX_BYTES = int(os.environ.get("PRODUCT_IMAGE_MAX_BYTES", "10485760"))
PRODUCT_IMAGE_MAX_PIXELS = int(os.environ.get("PRODUCT_IMAGE_MAX_PIXELS", "40000000"))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = PRODUCT_IMAGE_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = PRODUCT_IMAGE_MAX_PIXELS

# RENDITIONS
# ------------------------------------------------------------------------------
# Pages show renditions made at upload (catalogue.renditions, stories.renditions),
# never the upload itself; sorl-thumbnail records its own in the "renditions"
# cache (backed by its database table).
THUMBNAIL_CACHE = "renditions"

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shop@langnghe.example")
if os.environ.get("EMAIL_URL"):
    import urllib.parse as _urlparse

    _email = _urlparse.urlparse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 587
    EMAIL_HOST_USER = _urlparse.unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = _urlparse.unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"
# Seconds an SMTP conversation may hang before the send counts as failed.
EMAIL_TIMEOUT = 30

# BACKGROUND WORK
# ------------------------------------------------------------------------------
# E-mails, renditions, search-text refolding and the expiry of unpaid orders run
# as Django tasks (background/, outbox/), run by ``manage.py run_worker``.
# TASKS_BACKEND=database (the default): each task is a row of this database,
# written in the transaction of the change that causes it (django-tasks-db).
# TASKS_BACKEND=rq: tasks go to Redis (REDIS_URL) once that transaction commits,
# and run_worker runs RQ's workers (django-tasks-rq).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL.")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TASKS_BACKEND is {TASKS_BACKEND!r}: use 'database' or 'rq'."
    )
# RQ's queue (only read when TASKS_BACKEND=rq); a job may run 10 minutes.
RQ_QUEUES = {
    "default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}
}
RQ_SHOW_ADMIN_LINK = TASKS_BACKEND == "rq"
# What runs on its own, every so often, on whichever worker is free
# (background.schedule): dotted path of the task, seconds between runs.
TASK_SCHEDULE = {
    "order.tasks.expire_unpaid_orders": 60
    * int(os.environ.get("UNPAID_ORDER_CHECK_MINUTES", "5")),
    "outbox.tasks.send_overdue_mail": 300,
}
# An e-mail that the mail server refuses or cannot take (outbox): tried again
# after MAIL_RETRY_SECONDS, then twice as long each time (at most an hour), up
# to MAIL_SEND_ATTEMPTS attempts in all; then it stays "failed" in the Django
# admin's outbox for staff to send again. A send that started and did not
# report back is not tried again before MAIL_SEND_LEASE_SECONDS have passed.
MAIL_SEND_ATTEMPTS = int(os.environ.get("MAIL_SEND_ATTEMPTS", "12"))
MAIL_RETRY_SECONDS = float(os.environ.get("MAIL_RETRY_SECONDS", "60"))
MAIL_RETRY_MAX_SECONDS = 3600
MAIL_SEND_LEASE_SECONDS = float(os.environ.get("MAIL_SEND_LEASE_SECONDS", "300"))

# STRIPE (cards; used by the checkout)
# ------------------------------------------------------------------------------
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
# Minutes a hosted Checkout Session stays open (Stripe allows 30 to 1440).
STRIPE_CHECKOUT_MINUTES = int(os.environ.get("STRIPE_CHECKOUT_MINUTES", "60"))

# SECURITY HEADERS
# ------------------------------------------------------------------------------
# Content-Security-Policy (django-csp; craftsite.security relaxes styles in the
# staff areas only). Scripts run only from our origin or with the request's nonce:
# every inline <script> in our templates carries ``nonce="{{ request.csp_nonce }}"``.
# JSON-LD blocks are data, which CSP does not govern. Frames: only the players the
# story video block embeds (stories.blocks.video_embed_url). Forms post to us; the
# place-order POST redirects to Stripe's hosted Checkout, which form-action governs.


def _origin(url: str) -> str:
    """``https://host[:port]`` of an absolute URL, or "" for a path."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
STORY_VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
_ASSET_ORIGINS = [
    origin for origin in {_origin(STATIC_URL), _origin(MEDIA_URL)} if origin
]
# The 500 page is rendered without a request, so its one <style> is allowed by
# hash (tests/unit/test_security_headers.py keeps the hash in step).
ERROR_PAGE_STYLE_HASH = "'sha256-nhZP6LrmoHfuAvhakWjONDumLxy/s/zZT9RYbc3YvvI='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", ERROR_PAGE_STYLE_HASH, *_ASSET_ORIGINS],
        # Style attributes only (Oscar's basket and order preview hide form parts
        # with style="display:none"); <style> elements stay self or hash only.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_ASSET_ORIGINS],
        "font-src": ["'self'", "data:", *_ASSET_ORIGINS],
        "media-src": ["'self'", *_ASSET_ORIGINS],
        "connect-src": ["'self'"],
        "frame-src": STORY_VIDEO_ORIGINS,
        "form-action": [
            "'self'",
            STRIPE_CHECKOUT_ORIGIN,
            *([_origin(STRIPE_API_BASE)] if _origin(STRIPE_API_BASE) else []),
        ],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Permissions-Policy (craftsite.security.PermissionsPolicyMiddleware): no page of
# ours uses these. Stripe's Checkout is a page of its own, not a frame of ours.
PERMISSIONS_POLICY = {
    "camera": "()",
    "microphone": "()",
    "geolocation": "()",
    "payment": "()",
    "usb": "()",
    "serial": "()",
    "bluetooth": "()",
    "magnetometer": "()",
    "display-capture": "()",
    "browsing-topics": "()",
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# PAYMENT AND DELIVERY (checkout)
# ------------------------------------------------------------------------------
# The site's bank account for VietQR transfers; the option is hidden until set.
VIETQR_BANK_BIN = os.environ.get("VIETQR_BANK_BIN", "")
VIETQR_BANK_NAME = os.environ.get("VIETQR_BANK_NAME", "")
VIETQR_ACCOUNT_NUMBER = os.environ.get("VIETQR_ACCOUNT_NUMBER", "")
VIETQR_ACCOUNT_NAME = os.environ.get("VIETQR_ACCOUNT_NAME", "")
VIETQR_IS_DEMO = env_bool("VIETQR_IS_DEMO", False)
# Shared with the bank-statement service that confirms transfers by webhook
# (payment/bank_transfers.py); without it the webhook answers "not configured".
BANK_WEBHOOK_SECRET = os.environ.get("BANK_WEBHOOK_SECRET", "")
# Rates for the approximate USD and EUR figures shown beside VND totals.
VND_PER_USD = int(os.environ.get("VND_PER_USD", "26000"))
VND_PER_EUR = int(os.environ.get("VND_PER_EUR", "30000"))
# Days after the order until a pickup at the centre is ready.
PICKUP_READY_DAYS = int(os.environ.get("PICKUP_READY_DAYS", "2"))
# Hours the order's confirmation page (name, address, phone) is shown in full to
# the browser that placed it; after that, or in another browser, it asks for the
# order's e-mail address first (checkout/order_links.py).
ORDER_LINK_HOURS = int(os.environ.get("ORDER_LINK_HOURS", "2"))
# Deadlines of unpaid orders (order/deadlines.py): a bank transfer must arrive,
# and a cash-on-delivery order be confirmed (e-mailed link, or to the centre by
# phone), within this many hours, or the expiry task (every
# UNPAID_ORDER_CHECK_MINUTES, TASK_SCHEDULE) cancels the order and puts its
# stock back on sale. Cards: STRIPE_CHECKOUT_MINUTES.
VIETQR_PAY_WITHIN_HOURS = int(os.environ.get("VIETQR_PAY_WITHIN_HOURS", "72"))
COD_CONFIRM_HOURS = int(os.environ.get("COD_CONFIRM_HOURS", "24"))
# What one buyer may hold (partner/quantity_caps.py, checkout/limits.py): items
# per product and per order without an account (signed-in buyers:
# OSCAR_MAX_BASKET_QUANTITY_THRESHOLD per order); orders awaiting payment or
# confirmation per e-mail, phone, browser session and client address; orders
# placed per hour per address and session.
GUEST_MAX_LINE_QUANTITY = int(os.environ.get("GUEST_MAX_LINE_QUANTITY", "5"))
GUEST_MAX_ORDER_QUANTITY = int(os.environ.get("GUEST_MAX_ORDER_QUANTITY", "10"))
MAX_OPEN_UNPAID_ORDERS = int(os.environ.get("MAX_OPEN_UNPAID_ORDERS", "2"))
ORDER_RATE_LIMIT = int(os.environ.get("ORDER_RATE_LIMIT", "5"))

# OSCAR
# ------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Làng Nghề Hà Nội"
OSCAR_SHOP_TAGLINE = ""
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_SLUG_MAP = {"Đ": "D", "đ": "d"}
OSCAR_ALLOW_ANON_CHECKOUT = True
# The welcome e-mail goes from users.stranger_mail, within the mail limits.
OSCAR_SEND_REGISTRATION_EMAIL = False
# Reviews come from signed-in buyers who received the product
# (``Product.is_review_permitted``) and wait for a site manager's approval.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_RECENTLY_VIEWED_PRODUCTS = 0
OSCAR_URL_SCHEMA = SITE_SCHEME
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_BASKET_COOKIE_SECURE = SITE_HTTPS
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = SITE_HTTPS
OSCAR_ORDER_STATUS_PIPELINE = ORDER_STATUS_PIPELINE
OSCAR_INITIAL_ORDER_STATUS = OrderStatus.AWAITING_CONFIRMATION
# Items in one order for a signed-in buyer (Oscar's default is 10,000).
OSCAR_MAX_BASKET_QUANTITY_THRESHOLD = 100
OSCAR_LINE_STATUS_PIPELINE = LINE_STATUS_PIPELINE
OSCAR_INITIAL_LINE_STATUS = LineStatus.NEW
# Our dashboard apps' pages, after "Dashboard"; who sees each entry is decided
# by its app's permissions, as for Oscar's own.
OSCAR_DASHBOARD_NAVIGATION = [
    OSCAR_DASHBOARD_NAVIGATION[0],  # noqa: F405
    {
        "label": _("Centre numbers"),
        "icon": "fas fa-chart-line",
        "url_name": "dashboard:centre-numbers",
    },
    {
        "label": _("Centre staff"),
        "icon": "fas fa-user-plus",
        "url_name": "dashboard:staff-invitations",
    },
    {
        "label": _("Payment alerts"),
        "icon": "fas fa-exclamation-triangle",
        "url_name": "dashboard:payment-alert-list",
    },
    *OSCAR_DASHBOARD_NAVIGATION[1:],  # noqa: F405
]
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
# The catalogue is browsed with the ORM; no haystack index to keep up to date.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Làng Nghề Hà Nội"
WAGTAILADMIN_BASE_URL = f"{SITE_SCHEME}://{SITE_DOMAIN}"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_FORM_BASE = "stories.forms.AltTextRequiredImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "stories.forms.LiveFileDocumentForm"
# Documents: only these kinds, always downloaded (never shown inline on the
# site's origin), always through Wagtail's view, which adds nosniff.
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "jpg", "jpeg", "png",
]  # fmt: skip
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list = []
WAGTAILEMBEDS_FINDERS: list = []
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "users.stranger_mail.CmsPasswordResetForm"
WAGTAILADMIN_USER_LOGIN_FORM = "users.cms_login.CmsLoginForm"
# The CMS asks nothing of other hosts (and its Content-Security-Policy would refuse
# it): no avatars from Gravatar, no check for a newer Wagtail release.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
