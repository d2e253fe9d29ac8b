"""Nothing sets money states by hand: Django admin shows orders, their lines,
parcels, payment events and payment records, and changes none of them.

The walk covers every model of the order and payment apps registered in the
admin; only those that hold no money (notes, addresses, event and source type
names, e-mails sent, line options) may still be edited there.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from order.statuses import OrderStatus
from tests.factories import ProductFactory
from tests.shopping import Buyer

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

EDITABLE_WITHOUT_MONEY = {
    "order.ordernote",
    "order.shippingaddress",
    "order.billingaddress",
    "order.shippingevent",
    "order.shippingeventtype",
    "order.paymenteventtype",
    "order.lineattribute",
    "order.communicationevent",
    "payment.sourcetype",
}


def money_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"order", "payment"}
        and model._meta.label_lower not in EDITABLE_WITHOUT_MONEY
    ]


@pytest.fixture
def paid_order(centres, admin_client):
    """A cash-on-delivery order paid as staff record it: events, source, transaction."""
    buyer = Buyer(language="vi")
    buyer.add(ProductFactory(centre=centres["four"], price=Decimal("500000")))
    response = buyer.checkout({centres["four"]: "domestic"}, "cod")
    assert response.status_code == 302
    order = Order.objects.get()
    admin_client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "mark_paid", "reference": "QUAY-TIEN-MAT-01"},
    )
    order.refresh_from_db()
    assert order.is_paid
    return order


def test_the_walk_covers_the_models_that_hold_money():
    labels = {model._meta.label_lower for model, _admin in money_admins()}

    assert {
        "order.order",
        "order.line",
        "order.parcel",
        "order.paymentevent",
        "payment.source",
        "payment.transaction",
        "payment.refund",
        "payment.paymentalert",
        "payment.banktransfer",
    } <= labels


def test_no_admin_change_form_of_money_can_be_saved(admin_client, paid_order):
    walked = []
    for model, _model_admin in money_admins():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        add = admin_client.get(reverse(f"{prefix}_add"))
        assert add.status_code == 403, model
        instance = model.objects.first()
        if instance is None:
            continue
        change_url = reverse(f"{prefix}_change", args=[instance.pk])
        shown = admin_client.get(change_url)
        assert shown.status_code == 200, model
        assert b'name="_save"' not in shown.content, model
        assert admin_client.post(change_url, {}).status_code == 403, model
        delete_url = reverse(f"{prefix}_delete", args=[instance.pk])
        assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
        walked.append(model._meta.label_lower)

    assert {"order.order", "order.line", "payment.source"} <= set(walked)


def test_an_order_posted_as_paid_in_the_admin_stays_as_it_was(admin_client, centres):
    buyer = Buyer(language="vi")
    buyer.add(ProductFactory(centre=centres["four"], price=Decimal("200000")))
    buyer.checkout({centres["four"]: "domestic"}, "cod")
    order = Order.objects.get()
    before = (order.status, order.paid_at, order.total_incl_tax)

    response = admin_client.post(
        reverse("admin:order_order_change", args=[order.pk]),
        {
            "status": OrderStatus.PAID,
            "paid_at_0": timezone.localdate().isoformat(),
            "paid_at_1": "10:00:00",
            "total_incl_tax": "1",
        },
    )

    order.refresh_from_db()
    assert response.status_code == 403
    assert (order.status, order.paid_at, order.total_incl_tax) == before
