"""One centre's share of an order: the lines it sends, its delivery, its money.

``CentreShare`` is one share on an order's page (``CentreShare.all_of``), and
``CentreShare.total_of`` its stored total alone; ``with_centre_share``
annotates a list of orders with the same figures. Centre staff are shown only
their shares; site staff see every centre's share side by side. Built on
``order_parcels`` so the dashboard and the buyer's pages group lines the same
way.
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
from order.processing import Recorder, may_record_payment
from order.statuses import LineStatus

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
    ``centre_share_total`` (what the buyer owes them); and ``centre_lines``,
    their lines.
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
        centre_share_total=_per_order(
            their_parcels, Sum("share_total"), MONEY, Decimal(0)
        ),
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=Line.objects.filter(partner__in=partners).order_by("pk"),
            to_attr="centre_lines",
        )
    )


@dataclass
class CentreShare:
    """One centre's share of one order: its parcel and its lines."""

    order: object
    group: OrderParcel

    @classmethod
    def all_of(cls, order, partners=None) -> list[CentreShare]:
        """The order's shares, centre by centre; only ``partners``' when given."""
        groups = order_parcels(order)
        if partners is not None:
            allowed = {partner.pk for partner in partners}
            groups = [group for group in groups if group.partner.pk in allowed]
        return [cls(order=order, group=group) for group in groups]

    @staticmethod
    def total_of(order, partner) -> Decimal:
        """What the buyer owes one centre: its parcel's stored share
        (``Parcel.set_share``), read alone."""
        parcel = Parcel.objects.filter(order=order, partner=partner).first()
        return parcel.share_total if parcel is not None else Decimal(0)

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
        """Whether the centre's cash may be recorded (``check_payment``)."""
        return (
            self.parcel is not None
            and not self.is_paid
            and may_record_payment(self.order, Recorder.CENTRE_STAFF)
        )

    @property
    def status_choices(self) -> list[tuple[str, str]]:
        steps = PICKUP_STEPS if self.is_pickup else DELIVERY_STEPS
        return [(status, status.label) for status in steps]

    @property
    def status_label(self) -> str:
        labels = {
            LineStatus.label_of(line.status or LineStatus.NEW) for line in self.lines
        }
        return ", ".join(sorted(labels))
