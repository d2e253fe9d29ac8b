"""An order as the buyer reads it: one section per centre, and how to pay or collect.

Shared by the confirmation page, the buyer's order page and the e-mails, so
they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from checkout.step_forms import MEASUREMENT_LABELS, MEASUREMENTS_ATTRIBUTE
from order.models import Parcel
from order.statuses import PaymentMethod
from payment.vietqr import VietQRError, transfer_request_for


@dataclass
class OrderParcel:
    partner: object
    parcel: Parcel | None
    lines: list = field(default_factory=list)

    @property
    def centre(self):
        return getattr(self.partner, "centre", None)

    @property
    def name(self) -> str:
        centre = self.centre
        return centre.display_name if centre is not None else self.partner.name

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_price_incl_tax for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class Measurement:
    label: str
    value: object


def measurements_of(line) -> list[Measurement]:
    for attribute in line.attributes.all():
        if attribute.type == MEASUREMENTS_ATTRIBUTE and isinstance(
            attribute.value, dict
        ):
            return [
                Measurement(str(MEASUREMENT_LABELS.get(code, code)), value)
                for code, value in attribute.value.items()
                if code in MEASUREMENT_LABELS
            ] + (
                [Measurement("", attribute.value["note"])]
                if attribute.value.get("note")
                else []
            )
    return []


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


def transfer_for(order):
    """The VietQR transfer an unpaid bank-transfer order still waits for."""
    if order.payment_method != PaymentMethod.VIETQR:
        return None
    try:
        return transfer_request_for(order)
    except VietQRError:
        return None


def order_presentation(order) -> dict:
    return {
        "order_parcels": order_parcels(order),
        "transfer": transfer_for(order),
        "refunds": list(order.refunds.select_related("partner__centre")),
    }
