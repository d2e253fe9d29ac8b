"""A centre's share of an order is one figure, however it is read.

It is stored on the centre's parcel when the order is placed
(``Parcel.set_share``: its lines plus its delivery; nothing once its lines are
cancelled) and read by the centre's order list, its order page, the CSV
export, the numbers page (items only), payment recording and refunds. Every
reading is taken here the way its user meets it, and all must agree through
placement, payment, cancellation and a partial refund.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from dashboard.centre_numbers.numbers import sales
from order.centre_shares import CentreShare, with_centre_share
from order.models import Parcel
from payment import refunds
from tests.factories import TEST_PASSWORD, centre_staff
from tests.shopping import guest_order

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = pytest.mark.django_db

VASE_PRICE = Decimal("1250000")


def staff_of(centre):
    return centre.partner.users.first() or centre_staff(centre)


def readings(client, order, centre) -> dict[str, Decimal]:
    """The centre's share as each of its readers sees it."""
    partner = centre.partner
    staff = staff_of(centre)
    assert client.login(username=staff.email, password=TEST_PASSWORD)
    page = client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    )
    assert page.status_code == 200
    [share_on_page] = page.context["shares"]
    export = client.post(
        reverse("dashboard:order-list"),
        {"action": "download_selected_orders", "selected_order": [order.pk]},
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    client.logout()
    listed = with_centre_share(Order.objects.filter(pk=order.pk), [partner]).get()
    return {
        "order list": listed.centre_share_total,
        "order page": share_on_page.total,
        "csv export": Decimal(rows[1][3]),
        "payment recording and refunds": CentreShare.total_of(order, partner),
    }


def items_on_numbers_page(centre) -> Decimal:
    week, _month = sales(centre.partner)
    return week.total


def parcel_of(order, centre) -> Parcel:
    return Parcel.objects.get(order=order, partner=centre.partner)


def test_every_reading_agrees_on_placement_payment_and_cancellation(
    client, admin_client, centres, vase, tray, report_figure
):
    order = guest_order(centres, "cod", vase, tray)
    bat_trang = centres["four"]
    charge = parcel_of(order, bat_trang).charge
    placed = readings(client, order, bat_trang)

    assert set(placed.values()) == {VASE_PRICE + charge}, placed
    assert items_on_numbers_page(bat_trang) == VASE_PRICE
    all_shares = sum(p.share_total for p in Parcel.objects.filter(order=order))
    assert all_shares == order.total_incl_tax

    staff = staff_of(bat_trang)
    client.login(username=staff.email, password=TEST_PASSWORD)
    order_page = reverse("dashboard:order-detail", kwargs={"number": order.number})
    client.post(order_page, {"order_action": "confirm_by_phone"})
    client.post(order_page, {"order_action": "mark_share_paid", "reference": "TM"})
    client.logout()
    [cash] = PaymentEvent.objects.filter(order=order, event_type__name="Paid")
    assert cash.amount == VASE_PRICE + charge
    assert set(readings(client, order, bat_trang).values()) == {VASE_PRICE + charge}

    other = guest_order(centres, "cod", vase)
    before_cancelling = readings(client, other, bat_trang)
    admin_client.post(
        reverse("dashboard:order-detail", kwargs={"number": other.number}),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
    )
    other.refresh_from_db()
    assert other.status == "Cancelled"
    cancelled = readings(client, other, bat_trang)
    report_figure(
        "Bát Tràng's share of an unpaid COD order, before -> after cancelling: "
        + ", ".join(
            f"{name} {before_cancelling[name]:.0f} -> {cancelled[name]:.0f}"
            for name in cancelled
        )
    )

    assert set(cancelled.values()) == {Decimal(0)}, cancelled
    assert parcel_of(other, bat_trang).items_total == 0
    assert items_on_numbers_page(bat_trang) == VASE_PRICE


def test_a_partial_refund_leaves_the_share_and_shrinks_what_is_refundable(
    client, admin_client, centres, vase, tray, cards, deliver_webhook
):
    order = guest_order(centres, "card", vase, tray)
    session = next(iter(cards.sessions.values()))
    deliver_webhook(cards.pay(session["id"]))
    order.refresh_from_db()
    tray_centre = centres["unknown"]
    tray_share = parcel_of(order, tray_centre).share_total
    before = readings(client, order, tray_centre)

    admin_client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "refund", "refund_scope": str(tray_centre.partner_id)},
    )

    after = readings(client, order, tray_centre)
    assert set(before.values()) == set(after.values()) == {tray_share}
    assert refunds.refunded_total(order) == tray_share
    assert refunds.refundable_amount(order, tray_centre.partner) == 0
    assert refunds.refundable_amount(order) == order.total_incl_tax - tray_share
