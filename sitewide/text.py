"""Folding Vietnamese text: the one reading of "the same words, accents aside".

Vietnamese has stacked diacritics and the letter đ that neither SQLite's FTS
nor PostgreSQL's default configuration fold, and Django's ``slugify`` drops đ.
Search, slugs and the address form all fold with ``anyascii``, so "bat trang",
"Bát Tràng" and "BAT TRANG" are one text everywhere.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from django.utils.html import strip_tags

WHITESPACE = re.compile(r"\s+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def fold(text: str) -> str:
    """``"Lụa  Vạn Phúc"`` → ``"lua van phuc"``: no accents, tags, case or extra
    spaces; control characters become spaces.

    PostgreSQL refuses NUL in text, so a query carrying one must not reach it.
    """
    folded = CONTROL_CHARACTERS.sub(" ", anyascii(strip_tags(text or "")).lower())
    return WHITESPACE.sub(" ", folded).strip()
