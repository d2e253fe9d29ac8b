"""Counting failed sign-ins and locking an account, or an address, that has too many.

Failures are counted in the cache (Redis in production, so every worker sees
the same counts) per account (the normalised e-mail, hashed) and per client
address (``REMOTE_ADDR``). ``cache.add`` then ``cache.incr`` keep the count
right when many requests fail at once. The count lives for
``SIGN_IN_LOCKOUT_SECONDS``; reaching the limit locks for that long again,
and the lock remembers when it ends, so the message can say how long to wait.
A successful sign-in clears its account's count; an address's count is never
cleared early (one good password must not reset a guesser's budget).
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

PREFIX = "sign-in"


def normalise(identifier: str | None) -> str:
    return (identifier or "").strip().lower()


def client_address(request) -> str:
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "") or ""


def _key(kind: str, scope: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"{PREFIX}:{kind}:{scope}:{digest}"


def _scopes(identifier: str, address: str) -> list[tuple[str, str, int]]:
    scopes = []
    if identifier:
        scopes.append(("account", identifier, settings.SIGN_IN_MAX_FAILURES))
    if address:
        scopes.append(("address", address, settings.SIGN_IN_MAX_FAILURES_PER_IP))
    return scopes


def count(key: str, timeout: int) -> int:
    """Add one to the count at ``key`` (made with ``timeout`` if missing).

    Safe when many requests count at once; the checkout's placement rate limit
    (``checkout/limits.py``) counts with it too."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def record_failure(identifier: str | None, address: str) -> None:
    lockout = settings.SIGN_IN_LOCKOUT_SECONDS
    for scope, value, limit in _scopes(normalise(identifier), address):
        failures = count(_key("failures", scope, value), lockout)
        if failures >= limit:
            cache.set(_key("locked", scope, value), time.time() + lockout, lockout)


def clear_account(identifier: str | None) -> None:
    value = normalise(identifier)
    if value:
        cache.delete_many(
            [_key("failures", "account", value), _key("locked", "account", value)]
        )


def seconds_locked(identifier: str | None, address: str) -> int:
    """How long this account, or this address, is still locked (0 if neither is)."""
    scopes = _scopes(normalise(identifier), address)
    ends = cache.get_many([_key("locked", scope, value) for scope, value, _ in scopes])
    remaining = max((end - time.time() for end in ends.values()), default=0)
    return math.ceil(remaining) if remaining > 0 else 0
