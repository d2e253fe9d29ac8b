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
        CASH_ON_DELIVERY: _("Cash on delivery"),
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
        CASH_ON_DELIVERY: (SHIPPED, PAID, CANCELLED),
        PAID: (SHIPPED, COMPLETED, PARTLY_REFUNDED, REFUNDED),
        SHIPPED: (PAID, COMPLETED, PARTLY_REFUNDED, REFUNDED),
        PARTLY_REFUNDED: (SHIPPED, COMPLETED, REFUNDED),
        COMPLETED: (PARTLY_REFUNDED, REFUNDED),
        REFUNDED: (),
        CANCELLED: (),
    }

    @classmethod
    def initial_for(cls, payment_method: str) -> str:
        return {
            PaymentMethod.CARD: cls.AWAITING_CARD,
            PaymentMethod.VIETQR: cls.AWAITING_TRANSFER,
            PaymentMethod.CASH_ON_DELIVERY: cls.CASH_ON_DELIVERY,
        }[payment_method]
