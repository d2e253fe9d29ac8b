"""``{% transfer_qr_url order %}``: where the buyer saves an order's VietQR code."""

from __future__ import annotations

from django import template

from checkout.transfer_qr import transfer_qr_url as qr_url

register = template.Library()


@register.simple_tag
def transfer_qr_url(order) -> str:
    return qr_url(order)
