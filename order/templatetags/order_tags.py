"""``{% order_view order as view %}``: an order as its buyer reads it."""

from __future__ import annotations

from django import template

from order.models import DeliveryKind
from order.presentation import order_presentation
from order.statuses import LineStatus

register = template.Library()


@register.simple_tag
def order_view(order) -> dict:
    return order_presentation(order)


@register.simple_tag
def line_status_label(status: str) -> str:
    """A line's status in the page's language (an unset status reads "New")."""
    return str(LineStatus.LABELS.get(status or LineStatus.NEW, status))


@register.simple_tag
def delivery_label(kind: str) -> str:
    """A parcel's kind of delivery in the page's language ("" for none)."""
    return str(DeliveryKind(kind).label) if kind in DeliveryKind.values else ""
