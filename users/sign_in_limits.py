"""Counting failed sign-ins: locking a guesser out without locking the owner out.

Failures count in the store every app server shares (``users.limit_store``:
Redis, or the database) three ways, each for ``SIGN_IN_LOCKOUT_SECONDS`` from
its first failure unless said otherwise:

- **An account from one address** (the normalised e-mail, hashed, with the
  client address): ``SIGN_IN_MAX_FAILURES`` lock that pair, so a stranger
  elsewhere who guesses a staff member's e-mail locks only themselves.
- **One address**, whatever the accounts: ``SIGN_IN_MAX_FAILURES_PER_IP``
  lock that address.
- **One account from everywhere**: past ``SIGN_IN_ACCOUNT_CEILING`` failures
  in ``ACCOUNT_WINDOW_SECONDS``, guessing from many addresses is *slowed*, not
  locked: one attempt per ``SIGN_IN_SLOW_SECONDS`` for that account, the others
  told how long to wait. Addresses the account signed in from in the last
  ``KNOWN_ADDRESS_SECONDS`` are not slowed, so its owner signs in as usual.

A lock remembers when it ends, so the message can say how long to wait. A
successful sign-in clears its pair's failures and marks the address as known;
an address's count and the account's ceiling are never cleared early (one good
password must not reset a guesser's budget).

The client address is ``REMOTE_ADDR``, or behind proxies the entry of
``CLIENT_IP_HEADER`` that the nearest of ``TRUSTED_PROXY_COUNT`` proxies
added; the checkout's limits and the order links read it from here too.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings

from users.limit_store import store

PREFIX = "sign-in"
ACCOUNT_WINDOW_SECONDS = 3600
KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600


def normalise(identifier: str | None) -> str:
    return (identifier or "").strip().lower()


def _valid_address(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address(request) -> str:
    """The browser's address: ``REMOTE_ADDR``, or the proxies' header's entry.

    Each proxy appends the address it was reached from to ``CLIENT_IP_HEADER``
    (``X-Forwarded-For``); only the last ``TRUSTED_PROXY_COUNT`` entries were
    written by ours, so the one they name first is the client's. Entries before
    it are whatever the client sent and are never read. A missing or malformed
    header falls back to ``REMOTE_ADDR``.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = settings.CLIENT_IP_HEADER
    proxies = settings.TRUSTED_PROXY_COUNT
    if header and proxies > 0:
        meta_key = "HTTP_" + header.strip().upper().replace("-", "_")
        hops = [hop for hop in request.META.get(meta_key, "").split(",") if hop.strip()]
        if hops:
            forwarded = _valid_address(hops[-min(proxies, len(hops))])
            if forwarded:
                return forwarded
    return remote


def _key(kind: str, scope: str, *values: str) -> str:
    digest = hashlib.sha256("\n".join(values).encode()).hexdigest()
    return f"{PREFIX}:{kind}:{scope}:{digest}"


def _lock_scopes(identifier: str, address: str) -> list[tuple[str, tuple, int]]:
    scopes = []
    if identifier:
        scopes.append(("pair", (identifier, address), settings.SIGN_IN_MAX_FAILURES))
    if address:
        scopes.append(("address", (address,), settings.SIGN_IN_MAX_FAILURES_PER_IP))
    return scopes


def count(key: str, timeout: int) -> int:
    """Add one to the count at ``key`` (started with ``timeout`` if missing).

    Safe when many requests count at once; the checkout's placement rate limit
    (``checkout/limits.py``) and the order links count with it too."""
    return store().count(key, timeout)


def record_failure(identifier: str | None, address: str) -> None:
    identifier = normalise(identifier)
    lockout = settings.SIGN_IN_LOCKOUT_SECONDS
    counters = store()
    for scope, values, limit in _lock_scopes(identifier, address):
        if counters.count(_key("failures", scope, *values), lockout) >= limit:
            counters.hold(_key("locked", scope, *values), time.time() + lockout)
    if identifier:
        counters.count(_key("failures", "account", identifier), ACCOUNT_WINDOW_SECONDS)


def record_success(identifier: str | None, address: str) -> None:
    identifier = normalise(identifier)
    if not identifier:
        return
    counters = store()
    counters.forget(
        [
            _key("failures", "pair", identifier, address),
            _key("locked", "pair", identifier, address),
        ]
    )
    if address:
        counters.hold(
            _key("known", "pair", identifier, address),
            time.time() + KNOWN_ADDRESS_SECONDS,
        )


def seconds_locked(identifier: str | None, address: str) -> int:
    """How long this account from this address, or this address, is still
    locked (0 if neither is)."""
    keys = [
        _key("locked", scope, *values)
        for scope, values, _ in _lock_scopes(normalise(identifier), address)
    ]
    remaining = store().held_until(keys) - time.time()
    return math.ceil(remaining) if remaining > 0 else 0


@dataclass(frozen=True)
class Refusal:
    """Why this sign-in attempt is not even checked, and for how long."""

    locked: bool
    seconds: int


def refusal(identifier: str | None, address: str) -> Refusal | None:
    """Whether to refuse this attempt before its password is checked.

    A slowed account's next attempt claims its slot, so asking is taking.
    """
    identifier = normalise(identifier)
    seconds = seconds_locked(identifier, address)
    if seconds:
        return Refusal(locked=True, seconds=seconds)
    if not identifier or not settings.SIGN_IN_ACCOUNT_CEILING:
        return None
    counters = store()
    failures = counters.current(_key("failures", "account", identifier))
    if failures < settings.SIGN_IN_ACCOUNT_CEILING:
        return None
    if counters.held_until([_key("known", "pair", identifier, address)]):
        return None
    wait = counters.claim(
        _key("slowed", "account", identifier), settings.SIGN_IN_SLOW_SECONDS
    )
    return Refusal(locked=False, seconds=math.ceil(wait)) if wait > 0 else None
