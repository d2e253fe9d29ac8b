"""The order confirmation, enqueued by the checkout in the transaction that
places the order and sent by the outbox's task (``outbox.sending``).

Its sender lives here, not in ``order.emails``, because a bank-transfer order's
confirmation carries the VietQR transfer, which the payment app builds: the
task reads the order again when it runs and asks for the transfer then.
"""

from __future__ import annotations

from oscar.core.loading import get_model

from order.emails import ORDER_PLACED, deliver
from outbox.sending import send_later
from payment.vietqr import order_transfer

Order = get_model("order", "Order")


def send_order_placed(order_pk: int) -> None:
    send_later(
        f"order {order_pk} {ORDER_PLACED}",
        "checkout.emails.deliver_order_placed",
        order_pk=order_pk,
    )


def deliver_order_placed(order_pk: int) -> str:
    order = Order.objects.filter(pk=order_pk).first()
    if order is None:
        return ""
    return deliver(order_pk, ORDER_PLACED, transfer=order_transfer(order))
