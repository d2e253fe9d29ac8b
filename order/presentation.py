"""An order as the buyer reads it: one section per centre, and how to pay or collect.

Shared by the confirmation page, the buyer's order page and the e-mails, so
they never disagree. How to pay by bank transfer is the payment app's
(``payment.vietqr.order_transfer``), given to them beside this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from order.measurements import measurements_of
from order.models import Parcel
from order.partner_centre import PartnerCentreMixin


@dataclass
class OrderParcel(PartnerCentreMixin):
    partner: object
    parcel: Parcel | None
    lines: list = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_price_incl_tax for line in self.lines), Decimal(0))


def order_parcels(order) -> list[OrderParcel]:
    lines = (
        order.lines.select_related("partner__centre", "product", "stockrecord")
        .prefetch_related("attributes")
        .order_by("pk")
    )
    parcels = {
        parcel.partner_id: parcel
        for parcel in Parcel.objects.filter(order=order).select_related(
            "partner__centre"
        )
    }
    grouped: dict[int, OrderParcel] = {}
    for line in lines:
        line.measurements = measurements_of(line)
        group = grouped.setdefault(
            line.partner_id,
            OrderParcel(partner=line.partner, parcel=parcels.get(line.partner_id)),
        )
        group.lines.append(line)
    return list(grouped.values())


def order_presentation(order) -> dict:
    return {
        "order_parcels": order_parcels(order),
        "refunds": list(order.refunds.select_related("partner__centre")),
    }
