"""Order statuses and payment methods, importable from settings (no models here)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (Stripe)")
    CASH_ON_DELIVERY = "cod", _("Cash on delivery")
    VIETQR = "vietqr", _("Bank transfer (VietQR)")


class OrderStatus:
    """The statuses an order moves through; stored in English, shown translated."""

    AWAITING_CARD = "Awaiting card payment"
    AWAITING_TRANSFER = "Awaiting bank transfer"
    AWAITING_CONFIRMATION = "Awaiting confirmation"
    CASH_ON_DELIVERY = "Cash on delivery"
    PAID = "Paid"
    SHIPPED = "Shipped"
    COMPLETED = "Completed"
    PARTLY_REFUNDED = "Partly refunded"
    REFUNDED = "Refunded"
    CANCELLED = "Cancelled"

    LABELS = {
        AWAITING_CARD: _("Awaiting card payment"),
        AWAITING_TRANSFER: _("Awaiting bank transfer"),
        AWAITING_CONFIRMATION: _("Awaiting confirmation"),
        # A status, not the way to pay: the buyer has confirmed, cash comes later.
        CASH_ON_DELIVERY: _("Confirmed"),
        PAID: _("Paid"),
        SHIPPED: _("Shipped"),
        COMPLETED: _("Completed"),
        PARTLY_REFUNDED: _("Partly refunded"),
        REFUNDED: _("Refunded"),
        CANCELLED: _("Cancelled"),
    }

    PIPELINE = {
        AWAITING_CARD: (PAID, CANCELLED),
        AWAITING_TRANSFER: (PAID, CANCELLED),
        # Confirmed by the buyer (e-mailed link) or to the centre by phone; cash
        # recorded by the site's staff confirms it too.
        AWAITING_CONFIRMATION: (CASH_ON_DELIVERY, PAID, CANCELLED),
        CASH_ON_DELIVERY: (SHIPPED, PAID, CANCELLED),
        PAID: (SHIPPED, COMPLETED, PARTLY_REFUNDED, REFUNDED),
        SHIPPED: (PAID, COMPLETED, PARTLY_REFUNDED, REFUNDED),
        PARTLY_REFUNDED: (SHIPPED, COMPLETED, REFUNDED),
        COMPLETED: (PARTLY_REFUNDED, REFUNDED),
        REFUNDED: (),
        CANCELLED: (),
    }

    AWAITING = (AWAITING_CARD, AWAITING_TRANSFER, AWAITING_CONFIRMATION)
    """Orders holding stock against a deadline (``Order.payment_deadline``): not
    paid yet or, for cash on delivery, not confirmed yet. Past it they are
    cancelled (``manage.py expire_unpaid_orders``)."""

    @classmethod
    def initial_for(cls, payment_method: str) -> str:
        """A cash-on-delivery order waits for the buyer's confirmation first."""
        return {
            PaymentMethod.CARD: cls.AWAITING_CARD,
            PaymentMethod.VIETQR: cls.AWAITING_TRANSFER,
            PaymentMethod.CASH_ON_DELIVERY: cls.AWAITING_CONFIRMATION,
        }[payment_method]


class LineStatus:
    """Where one centre's line is: each centre moves its own lines.

    Delivered lines go confirmed → packed → shipped; lines to collect go
    confirmed → ready for pickup → collected. Stored in English, shown translated.
    """

    NEW = "New"
    CONFIRMED = "Confirmed"
    PACKED = "Packed"
    SHIPPED = "Shipped"
    READY_FOR_PICKUP = "Ready for pickup"
    COLLECTED = "Collected"
    CANCELLED = "Cancelled"

    LABELS = {
        NEW: _("New"),
        CONFIRMED: _("Confirmed"),
        PACKED: _("Packed"),
        SHIPPED: _("Shipped"),
        READY_FOR_PICKUP: _("Ready for pickup"),
        COLLECTED: _("Collected"),
        CANCELLED: _("Cancelled"),
    }

    PIPELINE = {
        NEW: (CONFIRMED, PACKED, SHIPPED, READY_FOR_PICKUP, CANCELLED),
        CONFIRMED: (PACKED, SHIPPED, READY_FOR_PICKUP, CANCELLED),
        PACKED: (SHIPPED, READY_FOR_PICKUP, CANCELLED),
        SHIPPED: (),
        READY_FOR_PICKUP: (COLLECTED,),
        COLLECTED: (),
        CANCELLED: (),
    }

    TO_HANDLE = (NEW, CONFIRMED, PACKED, READY_FOR_PICKUP)
    """A centre still has work on these: confirm, pack, send, or hand over."""
