"""A centre's own numbers: orders it still has to handle, low stock, sales.

Everything counts only the centre's own lines (and its own parcel), never a
whole order: one order can hold several centres' parcels. Each figure is one
aggregate query, so the page costs the same however many orders, lines and
products a centre has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from order.centre_shares import DELIVERY_LABELS, with_centre_share
from order.statuses import LINE_STATUSES_TO_HANDLE, LineStatus, OrderStatus

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Parcel = get_model("order", "Parcel")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

RECENT_ORDERS = 20
NOT_COUNTED_ORDER_STATUSES = (OrderStatus.AWAITING_CARD, OrderStatus.CANCELLED)
"""Orders that are no sale (yet): a card not paid, or called off."""


def lines_to_handle() -> Q:
    """Lines a centre still has work on; a line without a status is new."""
    return Q(status__in=LINE_STATUSES_TO_HANDLE) | Q(status="")


def counted_orders():
    return Order.objects.exclude(status__in=NOT_COUNTED_ORDER_STATUSES)


def orders_to_handle(partner):
    """Orders with at least one of ``partner``'s lines still to handle."""
    return counted_orders().filter(
        Exists(
            Line.objects.filter(order=OuterRef("pk"), partner=partner).filter(
                lines_to_handle()
            )
        )
    )


def recent_orders_to_handle(partner, limit: int = RECENT_ORDERS) -> list:
    """The latest orders to handle, each with the centre's part of it.

    Each order carries ``centre_lines`` (the centre's lines, in order),
    the figures of ``with_centre_share`` and, to show,
    ``centre_delivery_label`` and ``centre_statuses`` (label, how many).
    """
    orders = list(
        with_centre_share(orders_to_handle(partner), [partner]).order_by(
            "-date_placed", "-pk"
        )[:limit]
    )
    for order in orders:
        statuses = Counter(line.status or LineStatus.NEW for line in order.centre_lines)
        order.centre_statuses = [
            (LineStatus.label_of(status), count)
            for status, count in sorted(statuses.items(), key=_pipeline_position)
        ]
        order.centre_delivery_label = DELIVERY_LABELS.get(order.centre_delivery, "")
    return orders


def _pipeline_position(item: tuple[str, int]) -> int:
    statuses = list(LineStatus.values)
    return statuses.index(item[0]) if item[0] in statuses else len(statuses)


def low_stock(partner) -> list:
    """The partner's tracked stock at or below its threshold, the scarcest first.

    Available means in stock and not held by an order. Without a threshold
    only what is sold out is listed. Each record carries ``available``.
    """
    return list(
        StockRecord.objects.filter(partner=partner, num_in_stock__isnull=False)
        .annotate(available=F("num_in_stock") - Coalesce("num_allocated", 0))
        .filter(
            Q(
                low_stock_threshold__isnull=False,
                available__lte=F("low_stock_threshold"),
            )
            | Q(low_stock_threshold__isnull=True, available__lte=0)
        )
        .select_related("product", "product__parent")
        .order_by("available", "product__title", "pk")
    )


@dataclass(frozen=True)
class Sales:
    """What a centre sold since ``since``: its lines' total and how many orders."""

    since: datetime
    total: Decimal
    orders: int


def period_starts(now: datetime | None = None) -> tuple[datetime, datetime]:
    """Monday 00:00 of this week and the 1st 00:00 of this month, in the shop's
    time zone (``settings.TIME_ZONE``), whatever zone the request is in."""
    local = timezone.localtime(now or timezone.now(), ZoneInfo(settings.TIME_ZONE))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=midnight.weekday()), midnight.replace(day=1)


def sales(partner, now: datetime | None = None) -> tuple[Sales, Sales]:
    """This week's and this month's sales of ``partner``, in one query.

    Counted: the items of the centre's share (``Parcel.items_total``: its lines
    not cancelled, without delivery) in orders placed in the period that are
    neither cancelled nor awaiting a card payment.
    """
    week_start, month_start = period_starts(now)
    in_week = Q(order__date_placed__gte=week_start)
    in_month = Q(order__date_placed__gte=month_start)
    figures = (
        Parcel.objects.filter(
            partner=partner, order__date_placed__gte=min(week_start, month_start)
        )
        .exclude(order__status__in=NOT_COUNTED_ORDER_STATUSES)
        .exclude(items_total=0)
        .aggregate(
            week_total=Sum("items_total", filter=in_week),
            week_orders=Count("order", filter=in_week, distinct=True),
            month_total=Sum("items_total", filter=in_month),
            month_orders=Count("order", filter=in_month, distinct=True),
        )
    )
    return (
        Sales(week_start, figures["week_total"] or Decimal(0), figures["week_orders"]),
        Sales(
            month_start, figures["month_total"] or Decimal(0), figures["month_orders"]
        ),
    )


@dataclass
class CentreNumbers:
    """Everything the numbers page shows for one partner."""

    partner: object
    orders_to_handle_count: int
    orders_to_handle: list = field(default_factory=list)
    low_stock: list = field(default_factory=list)
    week: Sales | None = None
    month: Sales | None = None


def centre_numbers(partner, now: datetime | None = None) -> CentreNumbers:
    """The numbers of ``partner``: five queries, whatever its size."""
    week, month = sales(partner, now)
    return CentreNumbers(
        partner=partner,
        orders_to_handle_count=orders_to_handle(partner).count(),
        orders_to_handle=recent_orders_to_handle(partner),
        low_stock=low_stock(partner),
        week=week,
        month=month,
    )


def partners_with_orders_to_handle():
    """Every partner, with ``orders_to_handle`` counted (one query, for staff)."""
    to_handle = (
        Q(order_lines__status__in=LINE_STATUSES_TO_HANDLE) | Q(order_lines__status="")
    ) & ~Q(order_lines__order__status__in=NOT_COUNTED_ORDER_STATUSES)
    return (
        Partner.objects.select_related("centre")
        .annotate(
            orders_to_handle=Count(
                "order_lines__order", filter=to_handle, distinct=True
            )
        )
        .order_by("centre__sort_order", "name")
    )
