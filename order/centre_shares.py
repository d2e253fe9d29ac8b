"""One centre's share of an order: the lines it sends, its delivery, its money.

Centre staff are shown only their shares; site staff see every centre's share
side by side. Built on ``order_parcels`` so the dashboard and the buyer's pages
group lines the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_model

from order.presentation import OrderParcel, order_parcels
from order.statuses import LineStatus, OrderStatus, PaymentMethod

Partner = get_model("partner", "Partner")

DELIVERY_STEPS = (LineStatus.CONFIRMED, LineStatus.PACKED, LineStatus.SHIPPED)
PICKUP_STEPS = (
    LineStatus.CONFIRMED,
    LineStatus.READY_FOR_PICKUP,
    LineStatus.COLLECTED,
)


def partners_of(user):
    """The partners (centres) a member of staff works for."""
    return Partner.objects.filter(users=user)


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
        return self.group.subtotal

    @property
    def delivery_charge(self) -> Decimal:
        return self.parcel.charge if self.parcel is not None else Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.items_total + self.delivery_charge

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
        return (
            self.parcel is not None
            and not self.is_paid
            and self.order.status != OrderStatus.CANCELLED
            and self.order.payment_method
            in (PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.VIETQR)
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
