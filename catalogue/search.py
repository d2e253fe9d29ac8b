"""Accent-folded text for search that works the same on SQLite and PostgreSQL.

Vietnamese has stacked diacritics and the letter đ that neither SQLite's FTS
nor PostgreSQL's default configuration fold. Each searchable row keeps an
accent-free, lower-case copy of its text (``anyascii``), and a query is folded
the same way, so "bat trang", "Bát Tràng" and "BAT TRANG" find the same rows.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import strip_tags

WHITESPACE = re.compile(r"\s+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
MAX_QUERY_TERMS = 8


def fold(text: str) -> str:
    """``"Lụa Vạn Phúc"`` → ``"lua van phuc"``; control characters become spaces.

    PostgreSQL refuses NUL in text, so a query carrying one must not reach it.
    """
    folded = CONTROL_CHARACTERS.sub(" ", anyascii(strip_tags(text or "")).lower())
    return WHITESPACE.sub(" ", folded).strip()


def folded_terms(query: str) -> list[str]:
    return [term for term in fold(query).split(" ") if term][:MAX_QUERY_TERMS]


def matches_all_terms(query: str, field: str = "search_text") -> Q | None:
    """A filter requiring every term of ``query``; None when the query is empty."""
    terms = folded_terms(query)
    if not terms:
        return None
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__contains": term})
    return condition


def title_match_first(query: str, field: str = "search_text") -> Case:
    """0 for rows whose folded text opens with the query (their title does), else 1.

    Every searchable row's folded text starts with its title, so this ranks
    "Bát Tràng: …" above rows that merely mention Bát Tràng.
    """
    phrase = " ".join(folded_terms(query))
    return Case(
        When(**{f"{field}__startswith": phrase}, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
