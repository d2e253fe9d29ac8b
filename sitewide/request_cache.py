"""Values computed once per request and language.

The header, the footer, the page and each product card may all ask for the
same few rows (section pages, storefront URLs, language links). Keeping them on
the request keeps a page's query count flat however often they are asked for;
keying by language keeps a page rendered under ``translation.override`` right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sitewide.language import current_language

T = TypeVar("T")
ATTRIBUTE = "_sitewide_request_cache"


def once_per_request(request, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave before for this request, ``name`` and the
    active language. Without a request (a management command) it is computed each
    time."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault(ATTRIBUTE, {})
    key = (name, current_language())
    if key not in cache:
        cache[key] = compute()
    return cache[key]
