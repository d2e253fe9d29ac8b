"""Every unpaid order has a deadline; past it the order is cancelled and its stock
goes back on sale, so nobody can take the shop off sale by ordering and not paying.

- Card: the Stripe Checkout Session's expiry (``STRIPE_CHECKOUT_MINUTES``), as
  Stripe reported it when the session was opened.
- Bank transfer (VietQR): ``VIETQR_PAY_WITHIN_HOURS`` after the order.
- Cash on delivery: the order is *awaiting confirmation* until the buyer confirms
  it from the link in the order e-mail or tells the centre on the phone, for
  ``COD_CONFIRM_HOURS``; confirmed, it is paid on delivery and has no deadline.

``expire_unpaid_orders`` runs every few minutes: as the Django task in
``order/tasks.py``, which the workers enqueue on their own (``TASK_SCHEDULE``),
or from cron where no worker runs. It may run on two machines at once: each order
is re-read under its row lock and cancelled only if it is still past its
deadline and unpaid, through ``EventHandler.cancel_unpaid``. A card order's open
Stripe Checkout Sessions are closed first by the payment app, which answers the
``order.signals.unpaid_order_expiring`` signal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError
from oscar.core.loading import get_class, get_model

from order.signals import payments_closed_for_expiry
from order.statuses import AWAITING_STATUSES, OrderStatus, PaymentMethod

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

CONFIRMATION_SALT = "order.cash-on-delivery-confirmation"
"""Keeps confirmation tokens single-purpose: no other signed value of the site
(sessions, password resets, order links) can stand in for one."""


def time_to_pay(payment_method: str) -> timedelta:
    """How long an order placed now, with this way to pay, may wait."""
    if payment_method == PaymentMethod.CARD:
        return timedelta(minutes=settings.STRIPE_CHECKOUT_MINUTES)
    if payment_method == PaymentMethod.VIETQR:
        return timedelta(hours=settings.VIETQR_PAY_WITHIN_HOURS)
    return timedelta(hours=settings.COD_CONFIRM_HOURS)


def deadline_for(payment_method: str, placed: datetime | None = None) -> datetime:
    return (placed or timezone.now()) + time_to_pay(payment_method)


# Confirming a cash-on-delivery order from the e-mail
# ------------------------------------------------------------------------------


class ConfirmationLinkError(Exception):
    """A confirmation link that is not (or no longer) valid; the message is for
    the buyer."""


def confirmation_token(order) -> str:
    return signing.dumps({"order": order.number}, salt=CONFIRMATION_SALT)


def confirmation_path(order) -> str:
    """The page (in the active language) where the buyer confirms the order."""
    return reverse(
        "checkout:confirm-order", kwargs={"token": confirmation_token(order)}
    )


def order_for_confirmation(token: str):
    """The order a confirmation token names; ``ConfirmationLinkError`` if the token
    was altered, is for something else, or is older than the time to confirm."""
    max_age = timedelta(hours=settings.COD_CONFIRM_HOURS) + timedelta(minutes=5)
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ConfirmationLinkError(
            _(
                "This confirmation link has expired: an order not confirmed in "
                "time is cancelled and its items go back on sale."
            )
        ) from error
    except signing.BadSignature as error:
        raise ConfirmationLinkError(not_valid_message()) from error
    number = data.get("order") if isinstance(data, dict) else None
    order = Order.objects.filter(number=number).first() if number else None
    if order is None or order.payment_method != PaymentMethod.CASH_ON_DELIVERY:
        raise ConfirmationLinkError(not_valid_message())
    return order


def not_valid_message() -> str:
    return _(
        "This confirmation link is not valid. Open the link exactly as it is in "
        "the order e-mail."
    )


# Expiry
# ------------------------------------------------------------------------------

EXPIRY_REASONS = {
    PaymentMethod.CARD: "Card payment not completed by its deadline: cancelled, "
    "stock released.",
    PaymentMethod.VIETQR: "No bank transfer by the deadline: cancelled, stock "
    "released.",
    PaymentMethod.CASH_ON_DELIVERY: "Cash on delivery not confirmed in time (by the "
    "e-mailed link or by phone): cancelled, stock released.",
}


@dataclass
class ExpiryReport:
    cancelled: int = 0
    kept: int = 0
    """Past the deadline but not cancelled this time: paid or confirmed meanwhile,
    cancelled by another run, a card payment still settling, or Stripe unreachable
    (tried again on the next run)."""

    def __str__(self) -> str:
        return f"{self.cancelled} unpaid order(s) cancelled past their deadline."


def past_deadline(now: datetime, *, transfer_days: int | None = None) -> Q:
    """Orders still awaiting payment (or confirmation) whose deadline has passed.

    Orders placed before deadlines existed have none: their way to pay's time
    to pay counts from when they were placed. ``transfer_days`` is the old
    ``cancel_unpaid_orders --days``: transfers older than that are late too.
    """
    late = Q(payment_deadline__lt=now)
    for status, method in (
        (OrderStatus.AWAITING_CARD, PaymentMethod.CARD),
        (OrderStatus.AWAITING_TRANSFER, PaymentMethod.VIETQR),
        (OrderStatus.AWAITING_CONFIRMATION, PaymentMethod.CASH_ON_DELIVERY),
    ):
        late |= Q(
            status=status,
            payment_deadline__isnull=True,
            date_placed__lt=now - time_to_pay(method),
        )
    if transfer_days is not None:
        late |= Q(
            status=OrderStatus.AWAITING_TRANSFER,
            date_placed__lt=now - timedelta(days=transfer_days),
        )
    return Q(status__in=AWAITING_STATUSES, paid_at__isnull=True) & late


def stale_orders(now: datetime, *, transfer_days: int | None = None):
    """``past_deadline`` orders, less those with a centre's share already paid
    (cash recorded for it: that order is not abandoned)."""
    return (
        Order.objects.filter(past_deadline(now, transfer_days=transfer_days))
        .exclude(parcels__paid_at__isnull=False)
        .order_by("pk")
    )


def expire_order(pk: int, now: datetime, *, transfer_days: int | None = None) -> bool:
    """Cancel one order if, read again under its lock, it is still past its
    deadline and unpaid; False if anything changed meanwhile."""
    order = Order.objects.get(pk=pk)
    try:
        if not payments_closed_for_expiry(order):
            return False
    except PaymentError:
        logger.warning(
            "Order %s: payment provider unreachable, expiry retried", order.number
        )
        return False
    with transaction.atomic():
        locked = (
            Order.objects.select_for_update()
            .filter(pk=pk)
            .filter(past_deadline(now, transfer_days=transfer_days))
            .first()
        )
        if locked is None:
            return False
        reason = EXPIRY_REASONS.get(
            order.payment_method, "Not paid by its deadline: cancelled."
        )
        return EventHandler().cancel_unpaid(locked, reason=reason)


def expire_unpaid_orders(
    now: datetime | None = None, *, transfer_days: int | None = None
) -> ExpiryReport:
    """Cancel every order past its deadline and still unpaid (or unconfirmed)."""
    now = now or timezone.now()
    report = ExpiryReport()
    for pk in stale_orders(now, transfer_days=transfer_days).values_list(
        "pk", flat=True
    ):
        if expire_order(pk, now, transfer_days=transfer_days):
            report.cancelled += 1
        else:
            report.kept += 1
    return report
