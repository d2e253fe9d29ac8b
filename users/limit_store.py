"""Where the site's limits count: one store that every app server shares.

The sign-in limits, the mail limits, the checkout's placement rate and the
order links' wrong guesses all count here. With Redis as Django's cache
(``REDIS_URL``) they count in Redis; otherwise in the database
(``users.models.LimitCounter``), never in one process's memory, where each
gunicorn worker would count on its own.

Every operation is one atomic step in either store, so counts stay right when
many requests arrive at once: Redis's ``INCR`` and ``SET NX``, and in the
database one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (PostgreSQL, and
SQLite since 3.35).
"""

from __future__ import annotations

import math
import random
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from users.models import LimitCounter

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
# A database count removes the rows that have run out about once in this many.
PURGE_EVERY = 200


class CacheStore:
    """Counts in Django's cache: only chosen when that cache is Redis."""

    def count(self, key: str, timeout: int) -> int:
        if cache.add(key, 1, timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # ran out between add and incr
            cache.add(key, 1, timeout)
            return 1

    def uncount(self, key: str) -> None:
        try:
            if cache.decr(key) < 0:
                cache.delete(key)
        except ValueError:
            pass

    def current(self, key: str) -> int:
        return int(cache.get(key, 0))

    def hold(self, key: str, until: float) -> None:
        cache.set(key, until, max(1, math.ceil(until - time.time())))

    def held_until(self, keys: list[str]) -> float:
        now = time.time()
        return max(
            (end for end in cache.get_many(keys).values() if end > now), default=0
        )

    def claim(self, key: str, seconds: int) -> float:
        until = time.time() + seconds
        if cache.add(key, until, seconds):
            return 0
        return max(0.0, (cache.get(key) or 0) - time.time())

    def forget(self, keys: list[str]) -> None:
        cache.delete_many(keys)


class DatabaseStore:
    """Counts in ``LimitCounter`` rows, one statement per operation."""

    @property
    def table(self) -> str:
        return connection.ops.quote_name(LimitCounter._meta.db_table)

    def _execute(self, sql: str, params: list):
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=self.table), params)
            return cursor.fetchone() if cursor.description else None

    def count(self, key: str, timeout: int) -> int:
        now = time.time()
        row = self._execute(
            "INSERT INTO {table} (key, value, expires_at) VALUES (%s, 1, %s) "
            "ON CONFLICT (key) DO UPDATE SET "
            "value = CASE WHEN {table}.expires_at <= %s THEN 1 "
            "ELSE {table}.value + 1 END, "
            "expires_at = CASE WHEN {table}.expires_at <= %s "
            "THEN excluded.expires_at ELSE {table}.expires_at END "
            "RETURNING value",
            [key, now + timeout, now, now],
        )
        if random.randrange(PURGE_EVERY) == 0:
            self.purge()
        return int(row[0])

    def uncount(self, key: str) -> None:
        self._execute(
            "UPDATE {table} SET value = value - 1 "
            "WHERE key = %s AND expires_at > %s AND value > 0",
            [key, time.time()],
        )

    def current(self, key: str) -> int:
        row = self._execute(
            "SELECT value FROM {table} WHERE key = %s AND expires_at > %s",
            [key, time.time()],
        )
        return int(row[0]) if row else 0

    def hold(self, key: str, until: float) -> None:
        self._execute(
            "INSERT INTO {table} (key, value, expires_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value, expires_at = excluded.expires_at",
            [key, until, until],
        )

    def held_until(self, keys: list[str]) -> float:
        if not keys:
            return 0
        placeholders = ", ".join(["%s"] * len(keys))
        row = self._execute(
            f"SELECT MAX(value) FROM {{table}} WHERE key IN ({placeholders}) "
            "AND expires_at > %s",
            [*keys, time.time()],
        )
        return (row[0] or 0) if row else 0

    def claim(self, key: str, seconds: int) -> float:
        now = time.time()
        claimed = self._execute(
            "INSERT INTO {table} (key, value, expires_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value, expires_at = excluded.expires_at "
            "WHERE {table}.expires_at <= %s "
            "RETURNING value",
            [key, now + seconds, now + seconds, now],
        )
        if claimed:
            return 0
        return max(0.0, self.held_until([key]) - time.time())

    def forget(self, keys: list[str]) -> None:
        LimitCounter.objects.filter(key__in=keys).delete()

    def purge(self) -> int:
        """Remove the rows that have run out; how many went."""
        deleted, _ = LimitCounter.objects.filter(expires_at__lte=time.time()).delete()
        return deleted


def store() -> CacheStore | DatabaseStore:
    """Redis when it is Django's cache, else the database."""
    if settings.CACHES["default"]["BACKEND"] == REDIS_CACHE:
        return CacheStore()
    return DatabaseStore()
