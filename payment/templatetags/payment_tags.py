"""Money beside money: the approximate USD and EUR of a VND amount, for tourists."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency
from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from sitewide.language import babel_locale

register = template.Library()


def approximate_amounts(amount_vnd) -> list[str]:
    """``amount_vnd`` in US dollars and euros at the configured rates, formatted
    for the page's language; the charge itself stays in VND."""
    if amount_vnd in (None, ""):
        return []
    # International English (en_001) writes "US$16.85": a bare "$" is read as the
    # reader's own dollar by Australians, Canadians or Singaporeans.
    locale = babel_locale()
    amount = Decimal(amount_vnd)
    figures = []
    for code, rate in (("USD", settings.VND_PER_USD), ("EUR", settings.VND_PER_EUR)):
        if rate:
            figures.append(format_currency(amount / rate, code, locale=locale))
    return figures


@register.inclusion_tag("payment/includes/approximate.html")
def approx_foreign(amount_vnd):
    return {"figures": approximate_amounts(amount_vnd)}


@register.simple_tag
def approx_foreign_text(amount_vnd) -> str:
    figures = approximate_amounts(amount_vnd)
    if not figures:
        return ""
    return _("approximately %(figures)s; charged in VND") % {
        "figures": " · ".join(figures)
    }
