"""How much one buyer may hold: the quantity caps said wherever availability is asked.

Without an account, at most ``GUEST_MAX_LINE_QUANTITY`` of one product and
``GUEST_MAX_ORDER_QUANTITY`` items in one order; signed in,
``OSCAR_MAX_BASKET_QUANTITY_THRESHOLD`` items (a restaurant may buy forty
bowls; an account is a name the centre can call). The pricing strategy puts
them on every product's availability, which Oscar's basket forms and checkout
steps ask; the checkout checks the whole basket again when the order is placed
(``checkout/limits.py``).
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils.translation import gettext as _


def quantity_caps(user) -> tuple[int | None, int | None]:
    """Most of one product, and most items, one order of this buyer may hold."""
    if user is not None and user.is_authenticated:
        return None, settings.OSCAR_MAX_BASKET_QUANTITY_THRESHOLD or None
    return settings.GUEST_MAX_LINE_QUANTITY, settings.GUEST_MAX_ORDER_QUANTITY


def line_cap_message(limit: int) -> str:
    return _(
        "Without an account you can buy at most %(limit)d of one product in an "
        "order. Sign in or create an account to buy more."
    ) % {"limit": limit}


def order_cap_message(limit: int, signed_in: bool) -> str:
    if signed_in:
        return _(
            "One order holds at most %(limit)d items. Place the rest in a second order."
        ) % {"limit": limit}
    return _(
        "Without an account one order holds at most %(limit)d items. Sign in or "
        "create an account to buy more."
    ) % {"limit": limit}


def refusal_for_quantities(wanted: int, others: int, user) -> str | None:
    """Why ``wanted`` of one product, beside ``others`` items, is too many."""
    line_cap, order_cap = quantity_caps(user)
    if line_cap is not None and wanted > line_cap:
        return line_cap_message(line_cap)
    if order_cap is not None and wanted + others > order_cap:
        return order_cap_message(order_cap, line_cap is None)
    return None


def basket_refusal(basket, user) -> str | None:
    """Why this basket is more than this buyer may order at once, if it is."""
    per_product: dict[int, int] = defaultdict(int)
    for line in basket.all_lines():
        per_product[line.product_id] += line.quantity
    total = sum(per_product.values())
    for quantity in per_product.values():
        refusal = refusal_for_quantities(quantity, total - quantity, user)
        if refusal:
            return refusal
    return None


class CappedForBuyer:
    """A product's availability, with the buyer's quantity caps on top.

    ``is_purchase_permitted(quantity)`` is asked with the quantity of the
    product the basket would hold; the rest of the basket is read from the
    request's basket once it is loaded.
    """

    def __init__(self, policy, product, request):
        self._policy = policy
        self._product = product
        self._request = request

    def __getattr__(self, name):
        return getattr(self._policy, name)

    def is_purchase_permitted(self, quantity):
        permitted, reason = self._policy.is_purchase_permitted(quantity)
        if not permitted:
            return permitted, reason
        basket = getattr(self._request, "_basket_cache", None)
        others = 0
        if basket is not None:
            others = sum(
                line.quantity
                for line in basket.all_lines()
                if line.product_id != self._product.pk
            )
        refusal = refusal_for_quantities(quantity, others, self._request.user)
        return (False, refusal) if refusal else (True, None)


class BuyerLimits:
    """Strategy mixin: every availability carries the buyer's quantity caps."""

    def availability_policy(self, product, stockrecord):
        policy = super().availability_policy(product, stockrecord)
        if self.request is None:
            return policy
        return CappedForBuyer(policy, product, self.request)
