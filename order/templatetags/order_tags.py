"""``{% order_view order as view %}``: an order as its buyer reads it."""

from __future__ import annotations

from django import template

from order.presentation import order_presentation

register = template.Library()


@register.simple_tag
def order_view(order) -> dict:
    return order_presentation(order)
