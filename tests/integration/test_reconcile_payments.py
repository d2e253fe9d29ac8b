"""``manage.py reconcile_payments`` lists orders whose money and status disagree.

After the shop's payment scenarios — cash recorded centre by centre, a card
paid and refunded in two steps, a transfer confirmed by a manager, an unpaid
order cancelled — it finds nothing; every way the records can drift apart is
named with its figures, and the command then fails.
"""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from order.models import Parcel
from order.reconciliation import disagreements
from payment.models import Refund
from tests.factories import TEST_PASSWORD, centre_staff
from tests.shopping import guest_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def dashboard_post(client, order, **data):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}), data
    )


def reconcile() -> tuple[str, bool]:
    out = StringIO()
    try:
        call_command("reconcile_payments", stdout=out)
    except CommandError:
        return out.getvalue(), False
    return out.getvalue(), True


def test_the_payment_scenarios_leave_nothing_to_reconcile(
    client, admin_client, centres, vase, tray, cards, deliver_webhook
):
    cash = guest_order(centres, "cod", vase, tray)
    for centre in (centres["four"], centres["unknown"]):
        staff = centre.partner.users.first() or centre_staff(centre)
        client.login(username=staff.email, password=TEST_PASSWORD)
        dashboard_post(client, cash, order_action="confirm_by_phone")
        dashboard_post(client, cash, order_action="mark_share_paid", reference="TM")
        client.logout()
    card = guest_order(centres, "card", vase, tray)
    session = next(iter(cards.sessions.values()))
    deliver_webhook(cards.pay(session["id"]))
    scope = str(centres["unknown"].partner_id)
    dashboard_post(admin_client, card, order_action="refund", refund_scope=scope)
    dashboard_post(admin_client, card, order_action="refund", refund_scope="all")
    transfer = guest_order(centres, "vietqr", vase)
    dashboard_post(
        admin_client, transfer, order_action="mark_paid", reference="FT2612010001"
    )
    unpaid = guest_order(centres, "cod", tray)
    dashboard_post(
        admin_client, unpaid, order_action="change_order_status", new_status="Cancelled"
    )
    statuses = {
        order.number: order.status
        for order in Order.objects.filter(
            pk__in=[cash.pk, card.pk, transfer.pk, unpaid.pk]
        )
    }

    output, agreed = reconcile()

    assert statuses == {
        cash.number: "Paid",
        card.number: "Refunded",
        transfer.number: "Paid",
        unpaid.number: "Cancelled",
    }
    assert agreed, output
    assert "4 order(s) checked, 0 disagreement(s)." in output


def test_each_way_money_and_status_drift_apart_is_named(
    admin_client, centres, vase, tray
):
    paid_by_hand = guest_order(centres, "cod", vase)
    Order.objects.filter(pk=paid_by_hand.pk).update(
        paid_at=timezone.now(), status="Paid"
    )
    shares_off = guest_order(centres, "cod", tray)
    Parcel.objects.filter(order=shares_off).update(share_total=Decimal("1"))
    over_refunded = guest_order(centres, "vietqr", vase)
    dashboard_post(
        admin_client, over_refunded, order_action="mark_paid", reference="FT1"
    )
    Refund.objects.create(
        order=over_refunded,
        amount=over_refunded.total_incl_tax + 1,
        stripe_refund_id="re_by_hand",
    )

    found = {(d.order_number, d.problem) for d in disagreements()}
    output, agreed = reconcile()

    assert (paid_by_hand.number, "paid without a payment") in found
    assert any(
        number == shares_off.number and problem.startswith("shares sum to 1")
        for number, problem in found
    )
    assert any(
        number == over_refunded.number and problem.startswith("refunds of")
        for number, problem in found
    )
    assert not agreed
    assert f"{paid_by_hand.number}: paid without a payment" in output
