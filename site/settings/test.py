"""Test runs: fast hashing, in-memory e-mail, plain static files storage.

``DATABASE_URL`` and ``REDIS_URL`` still decide the database and the cache, so
CI runs the same suite against PostgreSQL and Redis and against SQLite.
"""

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, SECRET_KEY, STORAGES

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-not-secret-0d9a6f2e4b1c4e7a8f3b5c6d7e8f9a0b"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Whole-page caching is off in the suite, so query counts and templates are
# measured as rendered; tests/integration/test_page_cache.py and the
# production-mode runs switch it on.
PAGE_CACHE_SECONDS = 0
if not REDIS_URL:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
for _cache in CACHES.values():
    if "KEY_PREFIX" in _cache:
        _cache["KEY_PREFIX"] = "langnghe-test"
# Tasks run there and then, once the change that enqueued them commits
# (background.enqueue), so the suite needs no worker; the tests of the workers
# (tests/integration/test_background_work.py) use the database backend and RQ.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
VIETQR_BANK_BIN = "970436"
VIETQR_BANK_NAME = "Vietcombank"
VIETQR_ACCOUNT_NUMBER = "0011004455667"
VIETQR_ACCOUNT_NAME = "LANG NGHE HA NOI TEST"
VIETQR_IS_DEMO = True
