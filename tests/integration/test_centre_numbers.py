"""A centre's own numbers in the dashboard: orders to handle, low stock, sales.

Centre staff see only their centre, and only its part of each order; site
managers see every centre. The page costs the same number of SQL queries
whatever the number of orders and products.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency
from oscar.test.factories import OrderFactory, OrderLineFactory

from dashboard.centre_numbers.numbers import sales
from order.models import DeliveryKind, Parcel, store_shares
from order.statuses import LineStatus, OrderStatus
from tests.factories import DesignCentreFactory, ProductFactory, UserFactory
from tests.markup import elements, html_of, path_of, visible_text

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NUMBERS = "dashboard:centre-numbers"


@pytest.fixture
def bat_trang(centres):
    return centres["four"]


@pytest.fixture
def kim_lan(db):
    return DesignCentreFactory(
        slug="kim-lan",
        village="Kim Lan",
        name="Trung tâm Kim Lan",
        name_en="Kim Lan Centre",
    )


@pytest.fixture
def vase(bat_trang):
    return ProductFactory(
        centre=bat_trang, title="Bình gốm men rạn", price=Decimal("450000")
    )


@pytest.fixture
def bowl(kim_lan):
    return ProductFactory(centre=kim_lan, title="Bát gốm Kim Lan", price=200000)


def centre_staff(*centres):
    """A member of "Centre staff" working for ``centres`` (not ``is_staff``)."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Centre staff"))
    for centre in centres:
        centre.partner.users.add(user)
    return user


def site_manager():
    return UserFactory(is_staff=True)


@dataclass(frozen=True)
class Bought:
    product: object
    quantity: int = 1
    status: str = LineStatus.NEW


DELIVERY_CHARGES = {
    DeliveryKind.DOMESTIC: Decimal("35000"),
    DeliveryKind.INTERNATIONAL: Decimal("420000"),
    DeliveryKind.PICKUP: Decimal("0"),
}


def place_order(*bought, status=OrderStatus.CASH_ON_DELIVERY, placed=None, kinds=None):
    """An order of ``bought`` lines placed at ``placed`` (default: now), with one
    parcel per centre, delivered in Vietnam unless ``kinds`` (centre -> kind)
    says otherwise."""
    kinds = {centre.partner_id: kind for centre, kind in (kinds or {}).items()}
    records = [item.product.stockrecords.get() for item in bought]
    items = sum(
        r.price * item.quantity for r, item in zip(records, bought, strict=True)
    )
    parcels = {
        record.partner_id: kinds.get(record.partner_id, DeliveryKind.DOMESTIC)
        for record in records
    }
    shipping = sum(DELIVERY_CHARGES[kind] for kind in parcels.values())
    order = OrderFactory(
        status=status,
        date_placed=placed or timezone.now(),
        total_incl_tax=items + shipping,
        total_excl_tax=items + shipping,
        shipping_incl_tax=shipping,
        shipping_excl_tax=shipping,
    )
    for record, item in zip(records, bought, strict=True):
        price = record.price * item.quantity
        OrderLineFactory(
            order=order,
            product=item.product,
            stockrecord=record,
            partner=record.partner,
            partner_name=record.partner.name,
            partner_sku=record.partner_sku,
            title=item.product.title,
            quantity=item.quantity,
            status=item.status,
            line_price_incl_tax=price,
            line_price_excl_tax=price,
            line_price_before_discounts_incl_tax=price,
            line_price_before_discounts_excl_tax=price,
            unit_price_incl_tax=record.price,
            unit_price_excl_tax=record.price,
        )
    for partner_id, kind in parcels.items():
        Parcel.objects.create(
            order=order, partner_id=partner_id, kind=kind, charge=DELIVERY_CHARGES[kind]
        )
    store_shares(order)
    return order


def sign_in(client, user) -> None:
    """Signed in through Django's model backend (the first backend signs no one in)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def numbers_page(client, user, **query):
    sign_in(client, user)
    response = client.get(reverse(NUMBERS), query)
    assert response.status_code == 200, response.status_code
    return response


def table_of(response, table_id: str) -> str:
    found = re.search(
        rf'<table[^>]*id="{table_id}".*?</table>', html_of(response), flags=re.DOTALL
    )
    assert found, f"no table #{table_id} on the page"
    return found.group(0)


def table_rows(response, table_id: str) -> list[list[str]]:
    """The text of each body cell of the table ``table_id``, row by row."""
    body = re.search(
        r"<tbody>.*</tbody>", table_of(response, table_id), flags=re.DOTALL
    )
    if not body:
        return []
    return [
        [visible_text(cell) for cell in re.findall(r"<td\b.*?</td>", row, re.DOTALL)]
        for row in re.findall(r"<tr\b.*?</tr>", body.group(0), flags=re.DOTALL)
    ]


def text_of(response, element_id: str) -> str:
    found = re.search(
        rf'<(\w+)[^>]*id="{element_id}"[^>]*>(.*?)</\1>',
        html_of(response),
        flags=re.DOTALL,
    )
    assert found, f"no #{element_id} on the page"
    return visible_text(found.group(2))


def money(amount) -> str:
    """An amount as the site writes it in Vietnamese (Oscar's currency filter)."""
    return currency(Decimal(amount)).replace("\xa0", " ")


def label(status: str) -> str:
    return LineStatus.label_of(status)


# Orders to handle ---------------------------------------------------------------


def test_centre_staff_see_the_orders_they_still_have_to_handle(
    client, bat_trang, kim_lan, vase, bowl
):
    hour = timedelta(hours=1)
    now = timezone.now()
    new = place_order(Bought(vase), placed=now - 5 * hour)
    without_status = place_order(Bought(vase, status=""), placed=now - 4 * hour)
    partly_sent = place_order(
        Bought(vase, status=LineStatus.PACKED),
        Bought(vase, status=LineStatus.SHIPPED),
        placed=now - 3 * hour,
    )
    to_collect = place_order(
        Bought(vase, status=LineStatus.READY_FOR_PICKUP),
        kinds={bat_trang: DeliveryKind.PICKUP},
        placed=now - 2 * hour,
    )
    place_order(Bought(bowl), placed=now - hour)  # Kim Lan's only
    place_order(Bought(vase), status=OrderStatus.CANCELLED, placed=now)
    place_order(Bought(vase), status=OrderStatus.AWAITING_CARD, placed=now)
    place_order(  # Bát Tràng's part is done; Kim Lan's is not
        Bought(vase, status=LineStatus.SHIPPED),
        Bought(vase, status=LineStatus.COLLECTED),
        Bought(bowl),
        placed=now,
    )

    response = numbers_page(client, centre_staff(bat_trang))

    assert text_of(response, "orders-to-handle-count") == "4"
    rows = table_rows(response, "orders-to-handle")
    assert [row[0] for row in rows] == [
        to_collect.number,
        partly_sent.number,
        without_status.number,
        new.number,
    ]
    statuses = {row[0]: row[4] for row in rows}
    assert statuses[new.number] == f"1 × {label(LineStatus.NEW)}"
    assert statuses[without_status.number] == f"1 × {label(LineStatus.NEW)}"
    assert statuses[partly_sent.number] == (
        f"1 × {label(LineStatus.PACKED)} 1 × {label(LineStatus.SHIPPED)}"
    )
    delivery = {row[0]: row[5] for row in rows}
    assert delivery[to_collect.number] == str(DeliveryKind.PICKUP.label)
    assert delivery[new.number] == str(DeliveryKind.DOMESTIC.label)
    links = {
        path_of(link["href"])
        for link in elements(table_of(response, "orders-to-handle"), "a")
    }
    assert links == {
        reverse("dashboard:order-detail", kwargs={"number": order.number})
        for order in (new, without_status, partly_sent, to_collect)
    }


def test_an_order_shared_with_another_centre_shows_each_centre_only_its_share(
    client, bat_trang, kim_lan, vase, bowl
):
    order = place_order(
        Bought(vase, quantity=2),
        Bought(bowl),
        kinds={kim_lan: DeliveryKind.PICKUP},
    )
    assert order.total_incl_tax == Decimal("1135000")

    bat_trang_rows = table_rows(
        numbers_page(client, centre_staff(bat_trang)), "orders-to-handle"
    )
    kim_lan_rows = table_rows(
        numbers_page(client, centre_staff(kim_lan)), "orders-to-handle"
    )

    # number, placed, their lines, their share (lines + their parcel), statuses, kind
    assert bat_trang_rows[0][2:4] == ["1", money("935000")]
    assert bat_trang_rows[0][5] == str(DeliveryKind.DOMESTIC.label)
    assert kim_lan_rows[0][2:4] == ["1", money("200000")]
    assert kim_lan_rows[0][5] == str(DeliveryKind.PICKUP.label)


def test_only_the_latest_20_orders_are_listed_but_all_are_counted(
    client, bat_trang, vase
):
    start = timezone.now() - timedelta(days=2)
    orders = [
        place_order(Bought(vase), placed=start + timedelta(minutes=n))
        for n in range(22)
    ]

    response = numbers_page(client, centre_staff(bat_trang))

    assert text_of(response, "orders-to-handle-count") == "22"
    rows = table_rows(response, "orders-to-handle")
    assert [row[0] for row in rows] == [o.number for o in reversed(orders[2:])]


# Low stock -------------------------------------------------------------------------


def test_low_stock_lists_what_is_at_or_below_each_products_threshold(
    client, bat_trang, kim_lan
):
    def stocked(title, in_stock, allocated=0, threshold=None, centre=bat_trang):
        product = ProductFactory(centre=centre, title=title)
        product.stockrecords.update(
            num_in_stock=in_stock,
            num_allocated=allocated,
            low_stock_threshold=threshold,
        )
        return product

    stocked("Above threshold", 10, threshold=5)
    at = stocked("At threshold", 7, allocated=2, threshold=5)
    below = stocked("Below threshold", 3, threshold=5)
    stocked("Few left, no threshold", 1)
    sold_out = stocked("Sold out, no threshold", 2, allocated=2)
    stocked("Kim Lan, below threshold", 0, threshold=5, centre=kim_lan)

    response = numbers_page(client, centre_staff(bat_trang))

    assert table_rows(response, "low-stock") == [
        ["Sold out, no threshold", "0", gettext("not set")],
        ["Below threshold", "3", "5"],
        ["At threshold", "5", "5"],
    ]
    links = [link["href"] for link in elements(table_of(response, "low-stock"), "a")]
    assert links == [
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
        for product in (sold_out, below, at)
    ]
    assert text_of(response, "low-stock-count") == "3"


# Sales ------------------------------------------------------------------------------


def hanoi(*args) -> datetime:
    return datetime(*args, tzinfo=HANOI)


def test_sales_count_from_monday_and_from_the_1st_in_hanoi_time(
    bat_trang, kim_lan, vase, bowl
):
    wednesday = hanoi(2025, 10, 15, 10, 0)
    place_order(Bought(vase), placed=hanoi(2025, 10, 14, 9, 0))
    # Monday 03:00 in Hanoi is still Sunday in UTC: it counts in the week.
    place_order(Bought(vase, quantity=2), Bought(bowl), placed=hanoi(2025, 10, 13, 3))
    place_order(Bought(vase), placed=hanoi(2025, 10, 12, 23, 59))  # Sunday
    place_order(Bought(vase), placed=hanoi(2025, 10, 1, 0, 0))
    place_order(Bought(vase), placed=hanoi(2025, 9, 30, 23, 59))  # last month
    place_order(Bought(vase), status=OrderStatus.CANCELLED, placed=wednesday)
    place_order(Bought(vase), status=OrderStatus.AWAITING_CARD, placed=wednesday)
    place_order(Bought(vase, status=LineStatus.CANCELLED), placed=wednesday)
    place_order(Bought(bowl), placed=wednesday)  # Kim Lan's only

    week, month = sales(bat_trang.partner, now=wednesday)

    assert week.since == hanoi(2025, 10, 13)
    assert (week.total, week.orders) == (Decimal("1350000"), 2)
    assert month.since == hanoi(2025, 10, 1)
    assert (month.total, month.orders) == (Decimal("2250000"), 4)


def test_a_week_begun_last_month_counts_in_the_week_not_in_the_month(bat_trang, vase):
    thursday = hanoi(2025, 10, 2, 8, 0)
    place_order(Bought(vase), placed=hanoi(2025, 9, 30, 12, 0))
    place_order(Bought(vase, quantity=3), placed=hanoi(2025, 10, 1, 12, 0))

    week, month = sales(bat_trang.partner, now=thursday)

    assert week.since == hanoi(2025, 9, 29)
    assert (week.total, week.orders) == (Decimal("1800000"), 2)
    assert (month.total, month.orders) == (Decimal("1350000"), 1)


def test_the_page_shows_this_weeks_and_this_months_sales_not_earlier_ones(
    client, bat_trang, kim_lan, vase, bowl
):
    place_order(Bought(vase), Bought(bowl))
    place_order(Bought(vase, quantity=2, status=LineStatus.SHIPPED))
    place_order(Bought(vase), placed=timezone.now() - timedelta(days=70))

    response = numbers_page(client, centre_staff(bat_trang))

    for period in ("sales-week", "sales-month"):
        (card,) = elements(html_of(response), "div", id=period)
        assert Decimal(card["data-total"]) == Decimal("1350000")
        assert card["data-orders"] == "2"
        assert money("1350000") in text_of(response, period)


# Who sees what ---------------------------------------------------------------------


def test_staff_of_another_centre_cannot_see_bat_trangs_numbers(
    client, bat_trang, kim_lan
):
    sign_in(client, centre_staff(kim_lan))

    by_path = client.get(
        reverse(
            "dashboard:centre-numbers-for", kwargs={"partner_pk": bat_trang.partner_id}
        )
    )
    by_query = client.get(reverse(NUMBERS), {"partner": bat_trang.partner_id})

    assert by_path.status_code == 403
    assert by_query.status_code == 404


def test_staff_of_two_centres_choose_between_their_own_only(
    client, centres, kim_lan, bowl
):
    bat_trang, phu_vinh = centres["four"], centres["three"]
    user = centre_staff(bat_trang, kim_lan)
    place_order(Bought(bowl))

    choice = numbers_page(client, user)
    kim_lan_page = numbers_page(client, user, partner=kim_lan.partner_id)

    choices = [link["href"] for link in elements(html_of(choice), "a")]
    assert f"?partner={bat_trang.partner_id}" in choices
    assert f"?partner={kim_lan.partner_id}" in choices
    assert f"?partner={phu_vinh.partner_id}" not in choices
    assert text_of(kim_lan_page, "orders-to-handle-count") == "1"
    assert "Trung tâm Kim Lan" in visible_text(html_of(kim_lan_page))
    foreign = client.get(reverse(NUMBERS), {"partner": phu_vinh.partner_id})
    assert foreign.status_code == 404


def test_a_site_manager_sees_every_centre_and_the_numbers_of_each(
    client, centres, kim_lan, vase, bowl
):
    place_order(Bought(vase), Bought(bowl))
    place_order(Bought(vase))
    manager = site_manager()

    listing = numbers_page(client, manager)
    bat_trang_page = client.get(
        reverse(
            "dashboard:centre-numbers-for",
            kwargs={"partner_pk": centres["four"].partner_id},
        )
    )

    rows = table_rows(listing, "centres")
    assert sorted(row[0] for row in rows) == sorted(
        [centre.name for centre in centres.values()] + [kim_lan.name]
    )
    to_handle = {row[0]: row[1] for row in rows}
    assert to_handle["Trung tâm Bát Tràng"] == "2"
    assert to_handle["Trung tâm Kim Lan"] == "1"
    assert to_handle["Trung tâm Phú Vinh"] == "0"
    assert bat_trang_page.status_code == 200
    assert text_of(bat_trang_page, "orders-to-handle-count") == "2"


def test_visitors_who_are_not_signed_in_are_asked_to_sign_in(client, bat_trang):
    response = client.get(reverse(NUMBERS))

    assert response.status_code == 302
    assert "login" in response["Location"]


# The dashboard home ---------------------------------------------------------------


def test_the_dashboard_home_sends_centre_staff_to_their_numbers(client, bat_trang):
    sign_in(client, centre_staff(bat_trang))

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse(NUMBERS)


def test_the_dashboard_home_still_shows_site_managers_the_shop_statistics(client):
    sign_in(client, site_manager())

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 200
    assert "oscar/dashboard/index.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("who", ["centre staff", "site manager"])
def test_the_dashboard_menu_links_to_the_centre_numbers(client, bat_trang, who):
    user = centre_staff(bat_trang) if who == "centre staff" else site_manager()

    response = numbers_page(client, user)

    menu = [link["href"] for link in elements(html_of(response), "a")]
    assert reverse(NUMBERS) in menu


# Cost ------------------------------------------------------------------------------


def fill_centre(bat_trang, kim_lan, count: int) -> None:
    """``count`` orders shared with Kim Lan and ``count`` products low in stock."""
    for _ in range(count):
        vase = ProductFactory(centre=bat_trang, price=Decimal("450000"))
        vase.stockrecords.update(num_in_stock=2, low_stock_threshold=3)
        bowl = ProductFactory(centre=kim_lan, price=Decimal("200000"))
        place_order(
            Bought(vase, quantity=2),
            Bought(vase, status=LineStatus.PACKED),
            Bought(bowl),
        )


def queries_of(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_as_many_queries_for_2_orders_as_for_20(
    client, bat_trang, kim_lan, report_figure, record_query_counts
):
    sign_in(client, centre_staff(bat_trang))
    url = reverse(NUMBERS)
    fill_centre(bat_trang, kim_lan, 2)
    few = queries_of(client, url)

    fill_centre(bat_trang, kim_lan, 18)
    many = queries_of(client, url)

    record_query_counts(
        "centre numbers (2 -> 20 orders, low-stock products)", few, many
    )
    report_figure(f"Centre numbers page: {few} queries with 2 orders, {many} with 20")
    assert many == few
