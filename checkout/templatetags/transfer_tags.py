"""An order's VietQR transfer in a page: ``{% order_transfer order as transfer %}``
(``payment.vietqr.TransferRequest``, or None), and ``{% transfer_qr_url order %}``,
where the buyer saves its QR code (``checkout.transfer_qr``)."""

from __future__ import annotations

from django import template

from checkout import transfer_qr
from payment import vietqr

register = template.Library()


@register.simple_tag
def order_transfer(order):
    return vietqr.order_transfer(order)


@register.simple_tag
def transfer_qr_url(order) -> str:
    return transfer_qr.transfer_qr_url(order)
