"""One centre's share of an order: the lines it sends, its delivery, its money.

Centre staff are shown only their shares; site staff see every centre's share
side by side. Built on ``order_parcels`` so the dashboard and the buyer's pages
group lines the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from order.models import DeliveryKind
from order.presentation import OrderParcel, order_parcels
from order.statuses import LineStatus, OrderStatus, PaymentMethod

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
Parcel = get_model("order", "Parcel")

MONEY = DecimalField(max_digits=14, decimal_places=2)
DELIVERY_LABELS = dict(DeliveryKind.choices)

DELIVERY_STEPS = (LineStatus.CONFIRMED, LineStatus.PACKED, LineStatus.SHIPPED)
PICKUP_STEPS = (
    LineStatus.CONFIRMED,
    LineStatus.READY_FOR_PICKUP,
    LineStatus.COLLECTED,
)


def partners_of(user):
    """The partners (centres) a member of staff works for."""
    return Partner.objects.filter(users=user)


def _per_order(queryset, aggregate, output_field, default):
    """One figure of ``queryset`` (rows of one order), as a correlated subquery."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values("order")
            .annotate(figure=aggregate)
            .values("figure")[:1],
            output_field=output_field,
        ),
        Value(default),
        output_field=output_field,
    )


def with_centre_share(orders, partners):
    """``orders``, each with the part of it that belongs to ``partners``.

    Read from their parcels' stored shares (``Parcel.set_share``) in the
    database, so a list costs the same queries for any number of orders:
    ``centre_line_count``, ``centre_quantity``, ``centre_items`` (their lines
    not cancelled), ``centre_delivery_charge`` (what their delivery was
    priced), ``centre_delivery`` (their parcel's kind, "" without one) and
    ``centre_share`` (what the buyer owes them); and ``centre_lines``, their
    lines.
    """
    their_lines = Line.objects.filter(order=OuterRef("pk"), partner__in=partners)
    their_parcels = Parcel.objects.filter(order=OuterRef("pk"), partner__in=partners)
    return orders.annotate(
        centre_line_count=_per_order(their_lines, Count("pk"), IntegerField(), 0),
        centre_quantity=_per_order(their_lines, Sum("quantity"), IntegerField(), 0),
        centre_items=_per_order(their_parcels, Sum("items_total"), MONEY, Decimal(0)),
        centre_delivery_charge=_per_order(
            their_parcels, Sum("charge"), MONEY, Decimal(0)
        ),
        centre_delivery=Coalesce(Subquery(their_parcels.values("kind")[:1]), Value("")),
        centre_share=_per_order(their_parcels, Sum("share_total"), MONEY, Decimal(0)),
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=Line.objects.filter(partner__in=partners).order_by("pk"),
            to_attr="centre_lines",
        )
    )


@dataclass
class CentreShare:
    order: object
    group: OrderParcel

    @property
    def partner(self):
        return self.group.partner

    @property
    def parcel(self):
        return self.group.parcel

    @property
    def lines(self) -> list:
        return self.group.lines

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def items_total(self) -> Decimal:
        return self.parcel.items_total if self.parcel is not None else Decimal(0)

    @property
    def delivery_charge(self) -> Decimal:
        return self.parcel.charge if self.parcel is not None else Decimal(0)

    @property
    def total(self) -> Decimal:
        """The stored share (``Parcel.set_share``): what the buyer owes the centre."""
        return self.parcel.share_total if self.parcel is not None else Decimal(0)

    @property
    def is_pickup(self) -> bool:
        return self.parcel is not None and self.parcel.is_pickup

    @property
    def is_paid(self) -> bool:
        return self.order.paid_at is not None or (
            self.parcel is not None and self.parcel.paid_at is not None
        )

    @property
    def can_record_payment(self) -> bool:
        """Cash on delivery only: a bank transfer is confirmed by site managers."""
        return (
            self.parcel is not None
            and not self.is_paid
            and self.order.status != OrderStatus.CANCELLED
            and self.order.payment_method == PaymentMethod.CASH_ON_DELIVERY
        )

    @property
    def status_choices(self) -> list[tuple[str, str]]:
        steps = PICKUP_STEPS if self.is_pickup else DELIVERY_STEPS
        return [(status, LineStatus.LABELS[status]) for status in steps]

    @property
    def status_label(self) -> str:
        labels = {
            str(LineStatus.LABELS.get(line.status or LineStatus.NEW, line.status))
            for line in self.lines
        }
        return ", ".join(sorted(labels))


def centre_shares(order, partners=None) -> list[CentreShare]:
    """The order's shares, centre by centre; only ``partners``' when given."""
    groups = order_parcels(order)
    if partners is not None:
        allowed = {partner.pk for partner in partners}
        groups = [group for group in groups if group.partner.pk in allowed]
    return [CentreShare(order=order, group=group) for group in groups]
