"""Basket lines whose product is no longer on sale, and what the buyer is told.

A product staff unpublish after a buyer put it in a basket stays in that basket
(the buyer should see what happened to it), flagged on the basket page; every
checkout step refuses until the line is removed (``checkout.session``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from partner.strategy import NotOnSale


def lines_not_on_sale(basket) -> list:
    return [
        line
        for line in basket.all_lines()
        if isinstance(line.purchase_info.availability, NotOnSale)
    ]


def remove_to_go_on(line) -> str:
    return _(
        "“%(title)s” is no longer on sale: remove it from your basket to go on "
        "to checkout."
    ) % {"title": line.product.get_title()}
