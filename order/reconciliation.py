"""Orders whose money records and status disagree.

An order's story is told three times: by its status and ``paid_at``, by
Oscar's payment records (its payment events and its source's debited and
refunded amounts) and by the site's own (refunds, the parcels' stored shares,
and which shares were paid). They must agree; this lists every order where
they do not, with the figures, for ``manage.py reconcile_payments``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from order.statuses import OrderStatus

Order = get_model("order", "Order")
Parcel = get_model("order", "Parcel")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
Refund = get_model("payment", "Refund")

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal(0)
PAID_STATUSES = {OrderStatus.PAID, OrderStatus.PARTLY_REFUNDED, OrderStatus.REFUNDED}
UNPAID_STATUSES = {
    OrderStatus.AWAITING_CARD,
    OrderStatus.AWAITING_TRANSFER,
    OrderStatus.AWAITING_CONFIRMATION,
}


@dataclass(frozen=True)
class Disagreement:
    order_number: str
    problem: str

    def __str__(self) -> str:
        return f"{self.order_number}: {self.problem}"


def _sum(queryset, field: str):
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values("order")
            .annotate(total=Sum(field))
            .values("total")[:1],
            output_field=MONEY,
        ),
        Value(ZERO),
        output_field=MONEY,
    )


def orders_with_money_records():
    """Every order with its money figures, summed in the database."""
    events = PaymentEvent.objects.filter(order=OuterRef("pk"))
    parcels = Parcel.objects.filter(order=OuterRef("pk"))
    sources = Source.objects.filter(order=OuterRef("pk"))
    return Order.objects.annotate(
        received=_sum(events.filter(event_type__name="Paid"), "amount"),
        refunded_events=_sum(events.filter(event_type__name="Refunded"), "amount"),
        refunded=_sum(Refund.objects.filter(order=OuterRef("pk")), "amount"),
        source_debited=_sum(sources, "amount_debited"),
        source_refunded=_sum(sources, "amount_refunded"),
        shares=_sum(parcels, "share_total"),
        shares_paid=_sum(parcels.filter(paid_at__isnull=False), "share_total"),
    ).order_by("pk")


def _problems(order) -> Iterator[str]:
    total = order.total_incl_tax
    received, refunded = order.received, order.refunded
    if order.paid_at is not None and received == ZERO:
        yield "paid without a payment"
    if order.paid_at is None and received != order.shares_paid:
        yield (
            f"payments of {received} recorded without the order being paid "
            f"(shares recorded paid: {order.shares_paid})"
        )
    if order.paid_at is not None and received != total:
        yield f"paid {received} for a total of {total}"
    if order.status in PAID_STATUSES and order.paid_at is None:
        yield f"status {order.status!r} without a payment"
    if order.status in UNPAID_STATUSES and order.paid_at is not None:
        yield f"status {order.status!r} but paid"
    if order.source_debited != received:
        yield f"payment source debited {order.source_debited}, events say {received}"
    if refunded > received:
        yield f"refunds of {refunded} above the {received} received"
    if refunded != order.refunded_events or refunded != order.source_refunded:
        yield (
            f"refunds {refunded}, refund events {order.refunded_events}, "
            f"payment source refunded {order.source_refunded}"
        )
    if order.status == OrderStatus.REFUNDED and refunded != total:
        yield f"status 'Refunded' with {refunded} of {total} refunded"
    if order.status == OrderStatus.PARTLY_REFUNDED and not ZERO < refunded < total:
        yield f"status 'Partly refunded' with {refunded} of {total} refunded"
    if order.status == OrderStatus.CANCELLED:
        if order.shares != ZERO:
            yield f"cancelled, yet its shares sum to {order.shares}"
        if received != refunded:
            yield f"cancelled with {received - refunded} received and not refunded"
    elif order.shares != total:
        yield f"shares sum to {order.shares}, the total is {total}"


def disagreements(orders=None) -> Iterator[Disagreement]:
    queryset = orders_with_money_records()
    if orders is not None:
        queryset = queryset.filter(Q(pk__in=orders))
    for order in queryset.iterator(chunk_size=500):
        for problem in _problems(order):
            yield Disagreement(order.number, problem)
