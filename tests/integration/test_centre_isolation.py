"""No centre's staff reach another centre's things through the dashboard.

The walk is generated from the URL conf: every pattern in the ``dashboard``
namespace is visited as Bát Tràng's staff, GET and POST, with the ids of Vạn
Phúc's objects (products, variants, images, stock records, orders, lines,
notes, partner, staff account). A URL that takes an id must answer 404 or 403,
and after every request Vạn Phúc's data must be exactly as before. URLs
without an id (lists, searches, exports, forms to create) may answer, but must
show nothing of Vạn Phúc's. A new dashboard URL is walked without editing this
test; one whose argument this test cannot fill fails it, naming the argument.

Vạn Phúc's rows are created after every table's id counter has jumped to its
own range, so an id meant for one kind of object never happens to be one of
Bát Tràng's own objects of another kind.
"""

from __future__ import annotations

import itertools
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from oscar.core.loading import get_model

from tests.factories import (
    DesignCentreFactory,
    ParentProductFactory,
    ProductFactory,
    ProductImageFactory,
    centre_staff,
    site_manager,
)
from tests.shopping import Buyer

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderNote = get_model("order", "OrderNote")
Parcel = get_model("order", "Parcel")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = pytest.mark.django_db

SIGN_IN_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"
FOREIGN_TITLE = "Khăn lụa tơ tằm Vạn Phúc"
FOREIGN_SKU = "VP-KHAN-001"
FOREIGN_VARIANT_SKU = "VP-AO-M"
#: Patterns that end the session rather than read or change data.
SESSION_PATTERNS = {"logout", "login"}
#: URL arguments that name no object of a centre (the kind of product to create).
NOT_IDS = {"product_class_slug"}


def jump_id_counters(models) -> None:
    """Start each table's next id in a range of its own, above every id in use."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            current = []
            for table in tables:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                sequence = cursor.fetchone()[0]
                cursor.execute(f"SELECT last_value FROM {sequence}")
                current.append((table, sequence, cursor.fetchone()[0]))
            base = max(value for _, _, value in current) + 1_000_000
            for index, (_table, sequence, _value) in enumerate(current):
                cursor.execute(
                    "SELECT setval(%s, %s)", [sequence, base + index * 100_000]
                )
        else:
            cursor.execute("SELECT MAX(seq) FROM sqlite_sequence")
            base = (cursor.fetchone()[0] or 0) + 1_000_000
            for index, table in enumerate(tables):
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, base + index * 100_000],
                )


def dashboard_patterns():
    """(name, kwargs names) of every pattern under the ``dashboard`` namespace."""
    found = []

    def walk(resolver, namespaces):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, namespaces + ([entry.namespace] if entry.namespace else []))
            elif isinstance(entry, URLPattern) and "dashboard" in namespaces:
                kwargs = tuple(sorted(entry.pattern.regex.groupindex))
                found.append((entry.name, kwargs))

    walk(get_resolver(), [])
    return sorted(set(found), key=lambda item: (item[0] or "", item[1]))


@pytest.fixture
def world(db, client):
    """Bát Tràng's staff and their own product, then Vạn Phúc's things."""
    bat_trang = DesignCentreFactory(
        slug="bat-trang", village="Bát Tràng", name="Trung tâm Bát Tràng"
    )
    staff = centre_staff(bat_trang)
    own = ProductFactory(centre=bat_trang, title="Bình gốm men lam")
    ProductImageFactory(product=own)

    jump_id_counters(
        [
            Product,
            ProductImage,
            StockRecord,
            Partner,
            Order,
            Line,
            OrderNote,
            get_model("users", "User"),
            get_model("centres", "DesignCentre"),
        ]
    )
    van_phuc = DesignCentreFactory(
        slug="van-phuc", village="Vạn Phúc", name="Trung tâm Vạn Phúc"
    )
    van_phuc_staff = centre_staff(van_phuc)
    scarf = ProductFactory(
        centre=van_phuc, title=FOREIGN_TITLE, price=Decimal("480000")
    )
    scarf.stockrecords.update(partner_sku=FOREIGN_SKU)
    image = ProductImageFactory(product=scarf)
    ao_dai = ParentProductFactory(title="Áo dài lụa Vạn Phúc", centre=van_phuc)
    size = ao_dai.children.order_by("pk").first()
    size.stockrecords.update(partner_sku=FOREIGN_VARIANT_SKU)

    buyer = Buyer()
    buyer.add(scarf)
    assert buyer.checkout({van_phuc: "domestic"}, "cod").status_code == 302
    foreign_order = Order.objects.latest("pk")
    buyer = Buyer()
    buyer.add(own)
    buyer.add(scarf)
    assert (
        buyer.checkout({bat_trang: "domestic", van_phuc: "pickup"}, "cod").status_code
        == 302
    )
    shared_order = Order.objects.latest("pk")
    note = OrderNote.objects.create(order=foreign_order, message="Gói cẩn thận")

    foreign = {
        "product": scarf.pk,
        "parent product": ao_dai.pk,
        "variant": size.pk,
        "image": image.pk,
        "stock record": scarf.stockrecords.get().pk,
        "partner": van_phuc.partner.pk,
        "centre": van_phuc.pk,
        "staff account": van_phuc_staff.pk,
        "order": foreign_order.pk,
        "line": shared_order.lines.get(partner=van_phuc.partner).pk,
        "note": note.pk,
    }
    client.force_login(staff, backend=SIGN_IN_BACKEND)
    return {
        "client": client,
        "staff": staff,
        "van_phuc": van_phuc,
        "foreign": foreign,
        "foreign_order": foreign_order,
        "shared_order": shared_order,
        "note": note,
        "product_class_slug": own.product_class.slug,
    }


def kwargs_choices(world, names) -> list[dict]:
    """Every way to fill ``names`` with Vạn Phúc's ids."""
    foreign = world["foreign"]
    # An order both centres sell in is Bát Tràng's too: only its lines are foreign.
    numbers = [world["foreign_order"].number]
    if "line_id" in names:
        numbers.append(world["shared_order"].number)
    ids = sorted(set(foreign.values()))
    values = {
        "pk": ids,
        "number": numbers,
        "line_id": [foreign["line"]],
        "note_id": [foreign["note"]],
        "parent_pk": [foreign["parent product"], foreign["product"]],
        "parent": ids,
        "partner_pk": [foreign["partner"]],
        "user_pk": [foreign["staff account"]],
        "method_pk": ids,
        "slug": ["vietnamese-silk", "ORDER_PLACED"],
    }
    missing = [name for name in names if name not in values]
    assert not missing, (
        f"The isolation walk cannot fill the URL argument(s) {missing}: "
        "add Vạn Phúc's value for them in kwargs_choices."
    )
    return [
        dict(zip(names, combination, strict=True))
        for combination in itertools.product(*(values[name] for name in names))
    ]


def snapshot(world):
    """Everything of Vạn Phúc's that a request could change."""
    partner = world["van_phuc"].partner
    return (
        list(
            Product.objects.filter(
                pk__in=[
                    world["foreign"]["product"],
                    world["foreign"]["parent product"],
                    world["foreign"]["variant"],
                ]
            )
            .order_by("pk")
            .values_list(
                "pk", "title", "title_en", "is_public", "description", "parent"
            )
        ),
        list(
            StockRecord.objects.filter(partner=partner)
            .order_by("pk")
            .values_list("pk", "product", "price", "num_in_stock", "partner_sku")
        ),
        list(
            ProductImage.objects.filter(product__stockrecords__partner=partner)
            .order_by("pk")
            .values_list("pk", "original", "caption", "display_order")
        ),
        list(
            Line.objects.filter(partner=partner)
            .order_by("pk")
            .values_list("pk", "status", "quantity")
        ),
        list(
            Order.objects.filter(lines__partner=partner)
            .distinct()
            .order_by("pk")
            .values_list("pk", "status", "paid_at", "shipping_address")
        ),
        list(
            Parcel.objects.filter(partner=partner).values_list(
                "pk", "carrier", "tracking_number", "paid_at"
            )
        ),
        list(OrderNote.objects.order_by("pk").values_list("pk", "message")),
        ShippingEvent.objects.count(),
        PaymentEvent.objects.count(),
        list(Partner.objects.filter(pk=partner.pk).values_list("name", "users")),
        list(
            get_model("users", "User")
            .objects.filter(pk=world["foreign"]["staff account"])
            .values_list("email", "is_active", "is_staff", "password")
        ),
        Product.objects.count(),
        StockRecord.objects.count(),
        ProductImage.objects.count(),
    )


def attack_data(world) -> dict:
    """A POST that would change Vạn Phúc's things if any view accepted it."""
    foreign = world["foreign"]
    return {
        "title": "Đã bị sửa",
        "is_public": "",
        "action": "delete",
        "order_action": "move_lines",
        "line_action": "change_line_statuses",
        "selected_line": [foreign["line"]],
        f"selected_line_qty_{foreign['line']}": "1",
        "line_status": "Cancelled",
        "new_status": "Cancelled",
        "selected_product": [foreign["product"]],
        "selected_order": [foreign["order"]],
        "message": "xin chào",
        "note_id": foreign["note"],
        "partner": foreign["partner"],
        "email": "ke-gian@example.com",
        "price": "1",
        "num_in_stock": "0",
    }


def test_no_dashboard_url_gives_bat_trang_staff_anything_of_van_phuc(
    world, report_figure
):
    client = world["client"]
    patterns = dashboard_patterns()
    with_ids = [(name, kw) for name, kw in patterns if set(kw) - NOT_IDS]
    answers = Counter()
    failures = []
    data = attack_data(world)
    for name, names in with_ids:
        before = snapshot(world)
        for kwargs in kwargs_choices(world, names):
            url = reverse(f"dashboard:{name}", kwargs=kwargs)
            for method in ("get", "post"):
                response = getattr(client, method)(
                    url, data if method == "post" else None
                )
                answers[f"{method.upper()} {response.status_code}"] += 1
                refused = (403, 404, 405) if method == "post" else (403, 404)
                if response.status_code not in refused:
                    failures.append(
                        f"{method.upper()} {url} ({name}): {response.status_code}"
                    )
        if snapshot(world) != before:
            failures.append(f"{name} changed Vạn Phúc's data")
    assert not failures, "\n".join(failures)
    report_figure(
        f"Isolation walk: {len(patterns)} dashboard URL patterns "
        f"({len(with_ids)} taking ids) walked as Bát Tràng staff, "
        f"{sum(answers.values())} requests with Vạn Phúc's ids, answered "
        + ", ".join(f"{key}: {count}" for key, count in sorted(answers.items()))
        + "; nothing of Vạn Phúc's changed"
    )


def test_lists_searches_and_exports_show_nothing_of_van_phuc(world):
    client = world["client"]
    markers = (
        FOREIGN_TITLE,
        FOREIGN_SKU,
        FOREIGN_VARIANT_SKU,
        "Áo dài lụa Vạn Phúc",
        world["foreign_order"].number,
        "staff-van-phuc@",
    )
    data = attack_data(world)
    leaks = []
    for name, names in dashboard_patterns():
        if set(names) - NOT_IDS or name in SESSION_PATTERNS:
            continue
        url = reverse(f"dashboard:{name}", kwargs={n: world[n] for n in names})
        for query in ("", "?q=Vạn+Phúc&response_format=csv&title=Khăn&upc=&sku=VP"):
            response = client.get(url + query)
            body = response.content.decode("utf-8", errors="replace")
            assert response.status_code in (200, 302, 403), (url, response.status_code)
            leaks += [
                f"GET {url}{query}: {marker}" for marker in markers if marker in body
            ]
        before = snapshot(world)
        response = client.post(url, data)
        assert response.status_code < 500, url
        if snapshot(world) != before:
            leaks.append(f"POST {url} changed Vạn Phúc's data")
        client.force_login(world["staff"], backend=SIGN_IN_BACKEND)
    assert not leaks, "\n".join(leaks)


def test_site_managers_see_every_centre(world):
    client = Client()
    client.force_login(site_manager(), backend=SIGN_IN_BACKEND)
    product = reverse(
        "dashboard:catalogue-product", kwargs={"pk": world["foreign"]["product"]}
    )
    order = reverse(
        "dashboard:order-detail", kwargs={"number": world["foreign_order"].number}
    )

    assert client.get(product).status_code == 200
    assert FOREIGN_TITLE in client.get(order).content.decode()
    assert (
        world["foreign_order"].number
        in client.get(reverse("dashboard:order-list")).content.decode()
    )
