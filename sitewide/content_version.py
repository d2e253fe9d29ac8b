"""One token that changes whenever anything a public page shows has changed.

Cached pages are stored under the token read before they were rendered
(``craftsite.page_cache``), so a new token retires every one of them at once:
a change to a price, a stock level, a product, a centre or a page shows on the
next request, and no page needs to know which rows it read.

The token lives in the ``pages`` cache, which every app server shares (Redis;
on one machine without Redis, files under ``var/cache``). It is a fresh random
value rather than a counter, so two changes racing each other can never leave
it at a value some page was already stored under.
"""

from __future__ import annotations

import secrets

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction

CACHE_ALIAS = "pages"
TOKEN_KEY = "content-version"


def _cache():
    return caches[CACHE_ALIAS]


def current() -> str:
    """The token now; made (and shared) on first use."""
    cache = _cache()
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = secrets.token_hex(8)
        if not cache.add(TOKEN_KEY, token, timeout=None):
            token = cache.get(TOKEN_KEY) or token
    return token


def _renew() -> None:
    _cache().set(TOKEN_KEY, secrets.token_hex(8), timeout=None)


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Say that public content changed, in the current transaction.

    The token is renewed at once, so the writer's own transaction never reads a
    page from before its change, and again once the transaction commits, so a
    page another connection rendered meanwhile from the data before the commit
    does not outlive it. A rolled-back change costs only the first renewal.
    """
    _renew()
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    if any(callback is _renew for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_renew, using=using)
