"""``{{ grams|weight }}``: a weight as a reader of the page's language writes it.

Under a kilogram in grams ("750 g"); from a kilogram up in kilograms with at
most two decimals, in the language's own decimal mark: "1,5 kg" in Vietnamese,
"1.5 kg" in English (never "1500 g").
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from django import template

from sitewide.language import babel_locale

register = template.Library()

GRAMS_PER_KILOGRAM = 1000


@register.filter
def weight(grams) -> str:
    if grams in (None, ""):
        return ""
    try:
        grams = Decimal(grams)
    except (ArithmeticError, TypeError, ValueError):
        return ""
    locale = babel_locale()
    if abs(grams) < GRAMS_PER_KILOGRAM:
        return f"{format_decimal(grams, format='#,##0', locale=locale)}\xa0g"
    kilograms = grams / GRAMS_PER_KILOGRAM
    return f"{format_decimal(kilograms, format='#,##0.##', locale=locale)}\xa0kg"
