"""What happens to an order after it is placed: paid, cancelled, refunded.

Each change runs on a locked order row and checks the order's state first, so
a repeated or late signal (a webhook delivered twice, staff clicking twice)
changes nothing the second time. Stock held by an order that will never be paid
goes back on sale.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.apps.order import processing
from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.payment.exceptions import PaymentError
from oscar.core.loading import get_model

from order.statuses import OrderStatus, PaymentMethod

Order = get_model("order", "Order")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

#: Statuses that follow the money: set by payments and refunds, never by hand.
MONEY_STATUSES = {OrderStatus.PAID, OrderStatus.PARTLY_REFUNDED, OrderStatus.REFUNDED}

SOURCE_TYPE_NAMES = {
    PaymentMethod.CARD: "Stripe",
    PaymentMethod.CASH_ON_DELIVERY: "Cash on delivery",
    PaymentMethod.VIETQR: "VietQR bank transfer",
}


def payment_source(order) -> Source:
    """The order's payment source for its payment method, made on first use."""
    source_type, _ = SourceType.objects.get_or_create(
        name=SOURCE_TYPE_NAMES[order.payment_method]
    )
    source, _ = Source.objects.get_or_create(
        order=order,
        source_type=source_type,
        defaults={"currency": order.currency, "amount_allocated": order.total_incl_tax},
    )
    return source


def move_status(order, status: str) -> None:
    """Set ``status`` when the pipeline allows it from where the order is; a late or
    repeated signal must not fail on an order staff have already moved on."""
    if status != order.status and status in order.available_statuses():
        order.set_status(status)


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        """Staff's status changes: money statuses follow payments; a cancellation
        puts the stock back on sale and closes an open card payment first."""
        if new_status in MONEY_STATUSES:
            raise InvalidOrderStatus(
                "Paid and refunded follow the payments: record a payment or refund."
            )
        if new_status == OrderStatus.CANCELLED:
            if order.is_paid:
                raise InvalidOrderStatus("A paid order is refunded, not cancelled.")
            if order.payment_method == PaymentMethod.CARD:
                self.close_card_payments(order)
            self.cancel_unpaid(order, reason=note_msg or "Cancelled by staff.")
            return
        super().handle_order_status_change(order, new_status, note_msg=note_msg)

    def close_card_payments(self, order) -> None:
        from payment.cards import expire_checkout

        for session in order.stripe_sessions.filter(status="open"):
            try:
                closed = expire_checkout(session)
            except PaymentError as error:
                raise InvalidOrderStatus(
                    f"Stripe could not be reached: {error}"
                ) from error
            if not closed:
                raise InvalidOrderStatus("The card payment went through meanwhile.")

    def mark_paid(self, order, *, reference: str = "", note: str = "") -> bool:
        """Record the whole order as paid; False if it already was.

        A payment that arrives for a cancelled order (a card settling after its
        session was given up) is recorded too, with a note asking staff to
        refund it: its stock may already be sold again.
        """
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if order.paid_at is not None:
                return False
            order.paid_at = timezone.now()
            order.save(update_fields=["paid_at"])
            payment_source(order).debit(order.total_incl_tax, reference=reference)
            self.create_payment_event(
                order,
                PaymentEventType.objects.get_or_create(name="Paid")[0],
                order.total_incl_tax,
                list(order.lines.all()),
                [line.quantity for line in order.lines.all()],
                reference=reference,
            )
            if order.status == OrderStatus.CANCELLED:
                self.create_note(
                    order,
                    "Payment received after the order was cancelled and its stock "
                    "released: refund it, or re-allocate the stock by hand.",
                )
            elif order.status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED):
                move_status(order, OrderStatus.COMPLETED)
            else:
                move_status(order, OrderStatus.PAID)
            if note:
                self.create_note(order, note)
        return True

    def cancel_unpaid(self, order, *, reason: str) -> bool:
        """Cancel an order that was not paid and put its stock back on sale."""
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if order.paid_at is not None or order.status == OrderStatus.CANCELLED:
                return False
            self.cancel_stock_allocations(order, list(order.lines.all()))
            order.set_status(OrderStatus.CANCELLED)
            self.create_note(order, reason)
        return True

    def record_refund(self, order, *, amount: Decimal, lines, reference: str) -> None:
        """Write a refund into Oscar's payment records and move the status on."""
        payment_source(order).refund(amount, reference=reference, status="succeeded")
        self.create_payment_event(
            order,
            PaymentEventType.objects.get_or_create(name="Refunded")[0],
            amount,
            list(lines),
            [line.quantity for line in lines],
            reference=reference,
        )
        refunded = sum((r.amount for r in order.refunds.all()), Decimal(0))
        fully = refunded >= order.total_incl_tax
        move_status(
            order, OrderStatus.REFUNDED if fully else OrderStatus.PARTLY_REFUNDED
        )
