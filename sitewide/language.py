"""The active language as the site names it: ``"vi"`` or ``"en"``."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

#: Babel's locale for each language: Vietnamese and international English.
BABEL_LOCALES = {"vi": "vi_VN", "en": "en_001"}


def current_language() -> str:
    """The active language's code without a region (``"en-us"`` → ``"en"``),
    the site's default outside a request."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def is_english() -> bool:
    return current_language() == "en"


def babel_locale() -> str:
    """The Babel locale numbers and units are formatted in for the active language."""
    return BABEL_LOCALES.get(current_language(), BABEL_LOCALES["vi"])
