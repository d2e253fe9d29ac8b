"""Accent-folded text for search that works the same on SQLite and PostgreSQL.

Vietnamese has stacked diacritics and the letter đ that neither SQLite's FTS
nor PostgreSQL's default configuration fold. Each searchable row keeps an
accent-free, lower-case copy of its text (``anyascii``), and a query is folded
the same way, so "bat trang", "Bát Tràng" and "BAT TRANG" find the same rows.
"""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, Value, When

from sitewide.text import fold

MAX_QUERY_TERMS = 8


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


def title_match_first(
    query: str, field: str = "search_text", also: list[list[str]] = ()
) -> Case | None:
    """0 for rows whose folded text opens with the query as whole words (their
    title does), or with one of the phrases ``also``; else 1 (None for a query
    without words).

    Every searchable row's folded text starts with its title, so this ranks
    "Áo dài lụa …" above rows that merely mention áo dài; "ao da" does not
    count as the start of "áo dài". A phrase given twice ("bat trang", which
    names Bát Tràng) is tested once: each test is a regular expression on
    every row found.
    """
    condition = None
    phrases = [phrase_words(query), *also]
    for index, words in enumerate(phrases):
        if words and words not in phrases[:index]:
            opens = Q(**{f"{field}__regex": "^" + phrase_pattern(words)})
            condition = opens if condition is None else condition | opens
    return _first_when(condition)


# Ranking: what a person expects first
# ------------------------------------------------------------------------------
# Folding makes "Bát Tràng" (the village) and "bát trang trí" (a decorative
# bowl) the same words, so the words alone cannot rank them. A query that names
# a centre's village is about that village: its centre's rows come first. Then
# rows whose title opens with the query as a phrase, then rows holding it as a
# phrase anywhere, then rows whose words are merely scattered.

WORD = re.compile(r"[a-z0-9]+")
NOT_A_WORD = "[^a-z0-9]"


def phrase_words(query: str) -> list[str]:
    """The query's words, folded, punctuation left out: "Lụa, Vạn-Phúc" → 3 words."""
    return WORD.findall(fold(query))[:MAX_QUERY_TERMS]


def phrase_pattern(words: list[str]) -> str:
    """A regular expression for ``words`` in a row, whole words, in this order.

    Only letters, digits and bracket classes, so SQLite (Python's ``re``) and
    PostgreSQL (POSIX ``~``) read it the same way.
    """
    return f"({NOT_A_WORD}|^)" + f"{NOT_A_WORD}+".join(words) + f"({NOT_A_WORD}|$)"


def contains_phrase(text_words: list[str], words: list[str]) -> bool:
    size = len(words)
    return size > 0 and any(
        text_words[start : start + size] == words
        for start in range(len(text_words) - size + 1)
    )


def villages_named_in(query: str) -> dict[int, list[str]]:
    """The centres whose village the query names, each with its village's words:
    "gom bat trang" names Bát Tràng's, "lua van phuc" Vạn Phúc's. One query over
    the centres (a handful), whatever the size of the catalogue."""
    from centres.models import DesignCentre

    words = phrase_words(query)
    if not words:
        return {}
    named = {}
    for pk, village in DesignCentre.objects.values_list("pk", "village"):
        village_words = phrase_words(village)
        if contains_phrase(words, village_words):
            named[pk] = village_words
    return named


def relevance(query: str, of_centres, field: str = "search_text") -> dict:
    """Aliases to order a search's rows by, best first (``order_by(*aliases)``).

    ``of_centres(ids)`` turns centre ids into a condition (a ``Q`` or ``Exists``)
    true for rows of those centres. Rows of a centre whose village the query
    names come first; a title opening with that village's name counts as one
    opening with the query ("Vạn Phúc: …" for "lua van phuc").
    """
    named = villages_named_in(query)
    words = phrase_words(query)
    ranks = {
        "named_centre_rank": _first_when(of_centres(list(named)) if named else None),
        "title_rank": title_match_first(query, field, also=list(named.values())),
        "phrase_rank": _first_when(
            Q(**{f"{field}__regex": phrase_pattern(words)}) if words else None
        ),
    }
    return {name: rank for name, rank in ranks.items() if rank is not None}


def _first_when(condition) -> Case | None:
    """0 where ``condition`` holds, else 1; None for no condition.

    Never a constant: ``ORDER BY 1`` would sort by the first column.
    """
    if condition is None:
        return None
    return Case(
        When(condition, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
