"""Order statuses and payment methods, importable from settings (no models here).

Statuses are stored in English and shown translated: each is a ``TextChoices``
member whose label is its translation. The groups and pipelines below the
classes are built from the members (an enum's body cannot refer to its own
members).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (Stripe)")
    CASH_ON_DELIVERY = "cod", _("Cash on delivery")
    VIETQR = "vietqr", _("Bank transfer (VietQR)")


class StoredStatus(models.TextChoices):
    """A status stored as its English value and shown as its translated label."""

    @classmethod
    def label_of(cls, value: str) -> str:
        """The translated label of a stored value; one not (or no longer) known
        is shown as stored."""
        return str(dict(cls.choices).get(value, value))


class OrderStatus(StoredStatus):
    """The statuses an order moves through."""

    AWAITING_CARD = "Awaiting card payment", _("Awaiting card payment")
    AWAITING_TRANSFER = "Awaiting bank transfer", _("Awaiting bank transfer")
    AWAITING_CONFIRMATION = "Awaiting confirmation", _("Awaiting confirmation")
    # A status, not the way to pay: the buyer has confirmed, cash comes later.
    CASH_ON_DELIVERY = "Cash on delivery", _("Confirmed")
    PAID = "Paid", _("Paid")
    SHIPPED = "Shipped", _("Shipped")
    COMPLETED = "Completed", _("Completed")
    PARTLY_REFUNDED = "Partly refunded", _("Partly refunded")
    REFUNDED = "Refunded", _("Refunded")
    CANCELLED = "Cancelled", _("Cancelled")

    @classmethod
    def initial_for(cls, payment_method: str) -> str:
        """A cash-on-delivery order waits for the buyer's confirmation first."""
        return {
            PaymentMethod.CARD: cls.AWAITING_CARD,
            PaymentMethod.VIETQR: cls.AWAITING_TRANSFER,
            PaymentMethod.CASH_ON_DELIVERY: cls.AWAITING_CONFIRMATION,
        }[payment_method]


ORDER_STATUS_PIPELINE = {
    OrderStatus.AWAITING_CARD: (OrderStatus.PAID, OrderStatus.CANCELLED),
    OrderStatus.AWAITING_TRANSFER: (OrderStatus.PAID, OrderStatus.CANCELLED),
    # Confirmed by the buyer (e-mailed link) or to the centre by phone; cash
    # recorded by the site's staff confirms it too.
    OrderStatus.AWAITING_CONFIRMATION: (
        OrderStatus.CASH_ON_DELIVERY,
        OrderStatus.PAID,
        OrderStatus.CANCELLED,
    ),
    OrderStatus.CASH_ON_DELIVERY: (
        OrderStatus.SHIPPED,
        OrderStatus.PAID,
        OrderStatus.CANCELLED,
    ),
    OrderStatus.PAID: (
        OrderStatus.SHIPPED,
        OrderStatus.COMPLETED,
        OrderStatus.PARTLY_REFUNDED,
        OrderStatus.REFUNDED,
    ),
    OrderStatus.SHIPPED: (
        OrderStatus.PAID,
        OrderStatus.COMPLETED,
        OrderStatus.PARTLY_REFUNDED,
        OrderStatus.REFUNDED,
    ),
    OrderStatus.PARTLY_REFUNDED: (
        OrderStatus.SHIPPED,
        OrderStatus.COMPLETED,
        OrderStatus.REFUNDED,
    ),
    OrderStatus.COMPLETED: (OrderStatus.PARTLY_REFUNDED, OrderStatus.REFUNDED),
    OrderStatus.REFUNDED: (),
    OrderStatus.CANCELLED: (),
}
"""Oscar's ``OSCAR_ORDER_STATUS_PIPELINE``: where each status may move to."""

AWAITING_STATUSES = (
    OrderStatus.AWAITING_CARD,
    OrderStatus.AWAITING_TRANSFER,
    OrderStatus.AWAITING_CONFIRMATION,
)
"""Orders holding stock against a deadline (``Order.payment_deadline``): not
paid yet or, for cash on delivery, not confirmed yet. Past it they are
cancelled (``manage.py expire_unpaid_orders``)."""


class LineStatus(StoredStatus):
    """Where one centre's line is: each centre moves its own lines.

    Delivered lines go confirmed → packed → shipped; lines to collect go
    confirmed → ready for pickup → collected.
    """

    NEW = "New", _("New")
    CONFIRMED = "Confirmed", _("Confirmed")
    PACKED = "Packed", _("Packed")
    SHIPPED = "Shipped", _("Shipped")
    READY_FOR_PICKUP = "Ready for pickup", _("Ready for pickup")
    COLLECTED = "Collected", _("Collected")
    CANCELLED = "Cancelled", _("Cancelled")


LINE_STATUS_PIPELINE = {
    LineStatus.NEW: (
        LineStatus.CONFIRMED,
        LineStatus.PACKED,
        LineStatus.SHIPPED,
        LineStatus.READY_FOR_PICKUP,
        LineStatus.CANCELLED,
    ),
    LineStatus.CONFIRMED: (
        LineStatus.PACKED,
        LineStatus.SHIPPED,
        LineStatus.READY_FOR_PICKUP,
        LineStatus.CANCELLED,
    ),
    LineStatus.PACKED: (
        LineStatus.SHIPPED,
        LineStatus.READY_FOR_PICKUP,
        LineStatus.CANCELLED,
    ),
    LineStatus.SHIPPED: (),
    LineStatus.READY_FOR_PICKUP: (LineStatus.COLLECTED,),
    LineStatus.COLLECTED: (),
    LineStatus.CANCELLED: (),
}
"""Oscar's ``OSCAR_LINE_STATUS_PIPELINE``: where each line status may move to."""

LINE_STATUSES_TO_HANDLE = (
    LineStatus.NEW,
    LineStatus.CONFIRMED,
    LineStatus.PACKED,
    LineStatus.READY_FOR_PICKUP,
)
"""A centre still has work on these: confirm, pack, send, or hand over."""
