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

# A demo account, so VietQR can be tried without real banking details; the bank's
# name stays a name (the same in both languages): pages and e-mails say "demo
# account" in the reader's language when VIETQR_IS_DEMO is set.
if not os.environ.get("VIETQR_ACCOUNT_NUMBER"):
    VIETQR_BANK_BIN = "970436"
    VIETQR_BANK_NAME = "Vietcombank"
    VIETQR_ACCOUNT_NUMBER = "0000000000"
    VIETQR_ACCOUNT_NAME = "LANG NGHE HA NOI DEMO"
    VIETQR_IS_DEMO = True
