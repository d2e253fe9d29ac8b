"""Filters for a buyer's phone and language, as a Vietnamese reader expects them.

Phones are stored as E.164 ("+84912345678"). A Vietnamese number is shown as it
is written at home ("0912 345 678", "024 3826 1234"); a foreign one keeps its
country code ("+33 6 12 34 56 78"). The ``tel:`` link always carries the full
international number, so it rings from anywhere.
"""

from __future__ import annotations

import phonenumbers
from django import template
from django.utils.translation import get_language_info

register = template.Library()

VIETNAM = 84


def _parsed(number) -> phonenumbers.PhoneNumber | None:
    if isinstance(number, phonenumbers.PhoneNumber):
        return number if number.national_number else None
    text = str(number or "").strip()
    if not text:
        return None
    try:
        return phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        return None


def _as_typed(number) -> str:
    if isinstance(number, phonenumbers.PhoneNumber):
        return getattr(number, "raw_input", None) or ""
    return "" if number is None else str(number)


@register.filter
def phone_display(number) -> str:
    """``+84912345678`` → ``0912 345 678``; other countries in international form."""
    parsed = _parsed(number)
    if parsed is None:
        return _as_typed(number)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == VIETNAM
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style)


@register.filter
def phone_uri(number) -> str:
    """``tel:+84912345678``, or "" when there is no number to call."""
    parsed = _parsed(number)
    if parsed is None:
        return ""
    return "tel:" + phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.E164
    )


@register.filter
def language_name(code) -> str:
    """A language code ("vi") as its name in the page's language ("Tiếng Việt")."""
    try:
        return str(get_language_info(str(code))["name_translated"])
    except KeyError:
        return str(code or "")
