"""The slug field of Wagtail's admin forms (pages and snippets) in Vietnamese.

Wagtail's slug field (its ``w-slug`` Stimulus controller) makes the slug from
the title as the editor types: without ``WAGTAIL_ALLOW_UNICODE_SLUGS`` it
replaces accented letters from short per-language tables that have no
Vietnamese (nor ố, ầ, ữ, ự… in any other), then drops what is left, and maps
đ to Serbian "dj": "Gốm men lam Bát Tràng" became ``gm-men-lam-bat-trang``. No
setting fixes that; the widget's own ``formatters`` option, replacements it runs
before, does: each accented Latin letter becomes its ``anyascii`` letter (as the
server transliterates, ``sitewide.slugs``) and combining accents are removed.

The form field transliterates what is posted too, so a pasted "bát-tràng" is
checked and saved as ``bat-trang``.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from anyascii import anyascii
from django import forms
from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets.slug import SlugInput

from sitewide.slugs import transliterated

LATIN_LETTER_RANGES = (range(0x00C0, 0x0250), range(0x1E00, 0x1F00))
COMBINING_ACCENTS = "[\u0300-\u036f]"


@cache
def latin_letter_formatters() -> tuple[tuple[str, str], ...]:
    """(character class, replacement) pairs: ``[àáảạăằ…]`` → ``a``, ``[đ…]`` → ``d``."""
    letters_by_ascii: dict[str, list[str]] = defaultdict(list)
    for letter_range in LATIN_LETTER_RANGES:
        for code_point in letter_range:
            letter = chr(code_point)
            ascii_letters = anyascii(letter).lower()
            if letter.isalpha() and ascii_letters.isascii() and ascii_letters.isalpha():
                letters_by_ascii[ascii_letters].append(letter)
    pairs = [
        (f"[{''.join(letters)}]", ascii_letters)
        for ascii_letters, letters in sorted(letters_by_ascii.items())
    ]
    return (*pairs, (COMBINING_ACCENTS, ""))


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug widget, transliterating accented letters as it slugifies."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(
            attrs=attrs,
            formatters=formatters or list(latin_letter_formatters()),
            locale=locale,
        )


class TransliteratedSlugField(forms.SlugField):
    """A slug form field that turns a slug with accents into its ASCII form."""

    def to_python(self, value):
        return transliterated(super().to_python(value).strip())


def use_vietnamese_slugs() -> None:
    """Every slug field in Wagtail's admin forms gets the widget and the field."""
    register_form_field_override(
        models.SlugField,
        override={
            "form_class": TransliteratedSlugField,
            "widget": VietnameseSlugInput,
        },
    )
