"""Changes that touch money or stock leave an audit entry: who, when, before, after.

Bát Tràng's staff change a vase's price, stock and low-stock threshold and
unpublish it in the catalogue dashboard; a site manager marks a transfer order
paid. Each change is an ``auditlog`` entry naming the person and the values
before and after. Site managers read the entries in Django admin (read-only);
centre staff cannot open them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from order.statuses import OrderStatus
from tests.factories import TEST_PASSWORD, blue_glaze_vase, centre_staff, site_manager
from tests.integration.test_centre_listings import edit_url, errors_of, submit
from tests.shopping import Buyer

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
PaymentEvent = get_model("order", "PaymentEvent")


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.email, password=TEST_PASSWORD)
    return client


def entries_for(instance, action=LogEntry.Action.UPDATE) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            action=action,
        ).order_by("pk")
    )


@pytest.fixture
def vase(centres):
    return blue_glaze_vase(centres["four"], num_in_stock=5)


def test_a_centre_staff_members_price_stock_and_publication_changes_are_logged(
    centres, vase
):
    staff = centre_staff(centres["four"], email="bat-trang@example.com")
    ProductCategory.objects.create(
        product=vase, category=Category.add_root(name="Gốm", slug="gom")
    )
    record = vase.stockrecords.get()
    before_price = record.price
    client = signed_in(staff)

    with translation.override("en"):
        response = submit(
            client,
            edit_url(vase),
            {
                "stockrecords-0-price": "990000",
                "stockrecords-0-num_in_stock": "12",
                "stockrecords-0-low_stock_threshold": "3",
                "is_public": None,
            },
        )
    assert response.status_code == 302, errors_of(response)

    [stock_entry] = entries_for(record)
    assert stock_entry.actor == staff
    assert [Decimal(value) for value in stock_entry.changes_dict["price"]] == [
        before_price,
        Decimal("990000"),
    ]
    assert stock_entry.changes_dict["num_in_stock"] == ["5", "12"]
    assert stock_entry.changes_dict["low_stock_threshold"][1] == "3"
    assert set(stock_entry.changes_dict) <= {
        "price",
        "num_in_stock",
        "low_stock_threshold",
    }
    assert stock_entry.timestamp is not None

    [product_entry] = entries_for(vase)
    assert product_entry.actor == staff
    assert product_entry.changes_dict == {"is_public": ["True", "False"]}


def place_transfer_order(centres, product) -> Order:
    buyer = Buyer()
    buyer.add(product)
    buyer.checkout_as_guest("lan@example.com")
    for step in (
        buyer.give_address(),
        buyer.choose_delivery({centres["four"]: "domestic"}),
        buyer.pay_by("vietqr"),
        buyer.place_order(),
    ):
        assert step.status_code == 302, step.content[:500]
    mail.outbox.clear()
    return Order.objects.order_by("-pk").first()


def test_a_manager_marking_an_order_paid_is_logged_with_the_payment(
    centres, vase, django_capture_on_commit_callbacks
):
    order = place_transfer_order(centres, vase)
    assert entries_for(order, LogEntry.Action.CREATE)[0].actor is None
    manager = site_manager()

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(manager).post(
            reverse("dashboard:order-detail", kwargs={"number": order.number}),
            {"order_action": "mark_paid", "reference": "FT26005123"},
        )

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    changes = {
        field: values
        for entry in entries_for(order)
        for field, values in entry.changes_dict.items()
    }
    assert all(entry.actor == manager for entry in entries_for(order))
    assert changes["paid_at"][0] == "None"
    assert changes["paid_at"][1] != "None"
    assert changes["status"][1] == OrderStatus.PAID
    [event] = PaymentEvent.objects.filter(order=order)
    [event_entry] = entries_for(event, LogEntry.Action.CREATE)
    assert event_entry.actor == manager
    assert event_entry.changes_dict["reference"] == ["None", "FT26005123"]
    assert Decimal(event_entry.changes_dict["amount"][1]) == order.total_incl_tax


def test_site_managers_read_the_trail_and_centre_staff_cannot(centres, vase):
    staff = centre_staff(centres["four"], email="bat-trang@example.com")
    record = vase.stockrecords.get()
    record.num_in_stock = 9
    record.save()
    [entry] = entries_for(record)
    trail = reverse("admin:auditlog_logentry_changelist")
    one_entry = reverse("admin:auditlog_logentry_change", args=[entry.pk])

    manager = signed_in(site_manager())
    listing = manager.get(trail)
    assert listing.status_code == 200
    assert str(record) in listing.content.decode()
    assert manager.get(one_entry).status_code == 200
    assert manager.post(one_entry, {"action": 99}).status_code == 403

    centre = signed_in(staff)
    assert centre.get(trail).status_code == 302
    assert centre.get(trail)["Location"].startswith(reverse("admin:login"))
    assert centre.get(one_entry).status_code == 302
