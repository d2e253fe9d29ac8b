"""The buyer's e-mails: order confirmation, payment received, and one for each
parcel a centre sends off or has ready to collect.

Each is a row of the outbox, written in the transaction of the change that
causes it, and sent by a task (``outbox.sending``): tried again while the mail
server is down, sent once. It is rendered when it is sent, from the order's
id, in the buyer's language (the one they checked out in), as HTML and plain
text, through Oscar's communication templates so staff can edit them in the
dashboard. A bank-transfer order's confirmation carries its VietQR code as an
inline image (the transfer is given by the checkout's sender,
``checkout.emails``, from the payment app); a cash-on-delivery order awaiting
confirmation, the link to confirm it.
"""

from __future__ import annotations

import logging
from email.mime.image import MIMEImage

from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from order.deadlines import confirmation_path
from order.presentation import order_parcels, order_presentation
from order.statuses import LineStatus, OrderStatus
from outbox.sending import send_later

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Dispatcher = get_class("communication.utils", "Dispatcher")

ORDER_PLACED = "ORDER_PLACED"
PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
LINES_SHIPPED = "LINES_SHIPPED"
READY_FOR_PICKUP = "READY_FOR_PICKUP"
VIETQR_CONTENT_ID = "vietqr"

#: The line statuses the buyer hears about, and the e-mail each one sends.
LINE_STATUS_EMAILS = {
    LineStatus.SHIPPED: LINES_SHIPPED,
    LineStatus.READY_FOR_PICKUP: READY_FOR_PICKUP,
}


def send_payment_received(order_pk: int) -> None:
    """Call it in the transaction that records the payment."""
    send_later(
        f"order {order_pk} {PAYMENT_RECEIVED}",
        "order.emails.deliver",
        order_pk=order_pk,
        event_code=PAYMENT_RECEIVED,
    )


def send_lines_moved(order_pk: int, line_pks: list[int], status: str) -> None:
    """Tell the buyer that some of a centre's lines are on their way, or ready;
    call it in the transaction that moves them."""
    event_code = LINE_STATUS_EMAILS.get(status)
    if event_code is None:
        return
    line_pks = sorted(line_pks)
    send_later(
        f"order {order_pk} {event_code} lines {','.join(map(str, line_pks))}",
        "order.emails.deliver",
        order_pk=order_pk,
        event_code=event_code,
        line_pks=line_pks,
    )


def _moved_parcel(order, line_pks: list[int]):
    """The centre's parcel, holding only the lines that just moved."""
    for group in order_parcels(order):
        moved = [line for line in group.lines if line.pk in line_pks]
        if moved:
            group.lines = moved
            return group
    return None


def order_status_path(order) -> str:
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )


def deliver(
    order_pk: int,
    event_code: str,
    line_pks: list[int] | None = None,
    transfer=None,
) -> str:
    """Render and send one of the order's e-mails now; to whom it went, or ""
    when there is nothing to send (the order or its lines are gone)."""
    order = Order.objects.select_related("user").filter(pk=order_pk).first()
    if order is None:
        return ""
    recipient = order.guest_email if order.is_anonymous else order.user.email
    if not recipient:
        return ""
    with translation.override(order.language or "vi"):
        context = {
            "order": order,
            **order_presentation(order),
            "transfer": transfer,
            "status_path": order_status_path(order),
            "vietqr_content_id": VIETQR_CONTENT_ID,
            "confirm_path": (
                confirmation_path(order)
                if order.status == OrderStatus.AWAITING_CONFIRMATION
                else ""
            ),
        }
        if line_pks is not None:
            context["moved"] = _moved_parcel(order, line_pks)
            if context["moved"] is None:
                return ""
        messages = Dispatcher().get_messages(event_code, context)
    attachments = []
    if transfer is not None:
        image = MIMEImage(transfer.png(), _subtype="png")
        image.add_header("Content-ID", f"<{VIETQR_CONTENT_ID}>")
        image.add_header("Content-Disposition", "inline", filename="vietqr.png")
        attachments.append(image)
    OrderDispatcher(logger=logger).dispatch_order_messages(
        order, messages, event_code, attachments=attachments
    )
    return recipient
