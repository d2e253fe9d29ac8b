"""The centre console: Oscar's dashboard as a centre's staff use it every day.

One header with the site's name and one menu of their daily work (today, orders,
products, low stock); orders with lines still to handle first; products listed
with their price in đồng and their stock; a refused product save that says, at
the top, which field is wrong and why; Oscar's wording put right. Site managers
keep Oscar's menu, and their whole-order page loads the script Oscar 4.2's page
still calls. Vietnamese first, English second.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from order.statuses import LineStatus
from tests.factories import (
    TEST_PASSWORD,
    DesignCentreFactory,
    ProductClassFactory,
    ProductFactory,
    centre_staff,
    site_manager,
)
from tests.integration.test_centre_listings import new_product_fields, submit
from tests.markup import elements, html_of, positions, visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Category = get_model("catalogue", "Category")
Parcel = get_model("order", "Parcel")

pytestmark = pytest.mark.django_db

MENU = {
    "vi": ["Hôm nay", "Đơn hàng", "Sản phẩm", "Sắp hết hàng"],
    "en": ["Today", "Orders", "Products", "Low stock"],
}


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def bat_trang():
    return DesignCentreFactory(
        slug="bat-trang",
        village="Bát Tràng",
        name="Trung tâm Bát Tràng",
        name_en="Bát Tràng Centre",
    )


@pytest.fixture
def staff(client, bat_trang):
    assert client.login(username=centre_staff(bat_trang).email, password=TEST_PASSWORD)
    return client


@pytest.fixture
def manager(client):
    assert client.login(username=site_manager().email, password=TEST_PASSWORD)
    return client


def menu_of(html: str) -> list[tuple[str, str]]:
    """(words, link) of each item of the console's menu."""
    start = html.index('<nav class="console-nav"')
    menu = html[start : html.index("</nav>", start)]
    return [
        (visible_text(item.split(">", 1)[1]), link["href"])
        for item, link in zip(
            menu.split('<a class="console-nav__link"')[1:],
            elements(menu, "a"),
            strict=True,
        )
    ]


def place_order(centre, products, language="vi") -> Order:
    buyer = Buyer(language=language)
    for product in products:
        buyer.add(product)
    response = buyer.checkout({centre: "domestic"}, "cod")
    assert response.status_code == 302, response.content[:500]
    buyer.confirm_from_email()
    return Order.objects.order_by("-pk").first()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_centre_staff_get_one_menu_of_their_daily_work_under_the_sites_name(
    staff, bat_trang, language
):
    html = html_of(staff.get(url("dashboard:order-list", language)))

    numbers = url("dashboard:centre-numbers", language)
    assert menu_of(html) == list(
        zip(
            MENU[language],
            [
                numbers,
                url("dashboard:order-list", language),
                url("dashboard:catalogue-product-list", language),
                f"{numbers}#low-stock",
            ],
            strict=True,
        )
    )
    assert 'class="console-brand"' in html and "Làng Nghề Hà Nội" in html
    assert "Trung tâm Bát Tràng" in html
    assert "/static/css/console.css" in html
    assert "navbar-accounts" not in html and "navbar-primary" not in html
    assert 'body id="default" class="default console centre-console' in html


def test_site_managers_keep_oscars_menu_of_the_whole_shop(manager):
    html = html_of(manager.get(url("dashboard:order-list", "vi")))

    assert "navbar-primary" in html
    assert 'class="console-nav"' not in html
    assert 'class="console-brand"' in html and "navbar-accounts" not in html
    assert "Xử lý đơn hàng" in html  # Oscar's "Fulfilment", once "Cam kết thực hiện"
    assert "Cam kết thực hiện" not in html


@pytest.mark.parametrize(
    ("language", "price"), [("vi", "{:,.0f} ₫"), ("en", "₫{:,.0f}")]
)
def test_orders_with_lines_to_handle_come_first_with_their_share_in_dong(
    staff, bat_trang, language, price
):
    vase = ProductFactory(centre=bat_trang, price=Decimal("1250000"))
    to_handle = place_order(bat_trang, [vase])
    sent = place_order(bat_trang, [vase])
    Line.objects.filter(order=sent).update(status=LineStatus.SHIPPED)

    html = html_of(staff.get(url("dashboard:order-list", language)))

    first, second = positions(html, [f">{to_handle.number}</a>", f">{sent.number}</a>"])
    assert first < second, "the order still to handle is listed first"
    rows = html.split('<tr class="centre-order')[1:]
    assert [("--to-handle" in row.split(">", 1)[0]) for row in rows] == [True, False]
    badge = {"vi": "Cần xử lý", "en": "To handle"}[language]
    assert visible_text(rows[0]).count(badge) == 1 and badge not in visible_text(
        rows[1]
    )
    share = Decimal("1250000") + Parcel.objects.get(order=to_handle).charge
    shown = price.format(share)
    assert (shown.replace(",", ".") if language == "vi" else shown) in rows[0]
    assert 'data-label="' in rows[0]


def test_the_order_page_names_the_buyers_language_and_writes_the_weight_in_kilograms(
    staff, bat_trang
):
    order = place_order(bat_trang, [ProductFactory(centre=bat_trang)], language="en")
    Parcel.objects.filter(order=order).update(weight_grams=1500)

    text = visible_text(
        staff.get(url("dashboard:order-detail", "vi", number=order.number)).content
    )

    assert "Ngôn ngữ của người mua Tiếng Anh" in text
    assert "1,5 kg" in text and "1500 g" not in text


@pytest.mark.parametrize(
    ("language", "heading", "label", "message"),
    [
        (
            "vi",
            "Sản phẩm chưa được lưu: hãy sửa 2 mục sau.",
            "Tồn kho và giá: Giá (₫)",
            "số đồng chẵn",
        ),
        (
            "en",
            "The product was not saved: correct these 2 fields.",
            "Stock and pricing: Price (₫)",
            "Enter the price in whole đồng, without decimals",
        ),
    ],
)
def test_a_refused_product_save_names_each_field_and_its_message_at_the_top(
    staff, language, heading, label, message
):
    ceramics = ProductClassFactory(name="Gốm sứ", name_en="Ceramics")
    category = Category.add_root(name="Gốm", slug="gom")
    create = url(
        "dashboard:catalogue-product-create", language, product_class_slug=ceramics.slug
    )
    fields = new_product_fields(
        category,
        **{"stockrecords-0-price": "12,5", "stockrecords-0-num_in_stock": "-3"},
    )

    response = submit(staff, create, fields)

    assert response.status_code == 200
    html = html_of(response)
    summary = html[
        html.index('id="error-summary"') : html.index(
            "</ul>", html.index('id="error-summary"')
        )
    ]
    text = visible_text(summary.split(">", 1)[1])
    assert text.startswith(heading)
    assert label in text and message in text
    links = [link["href"] for link in elements(summary, "a")]
    assert (
        "#id_stockrecords-0-price" in links
        and "#id_stockrecords-0-num_in_stock" in links
    )
    for link in links:
        assert f'id="{link[1:]}"' in html, f"{link} leads to no field"
    assert html.index('id="error-summary"') < html.index(
        'id="create_update_product_form"'
    )


def test_a_page_without_errors_has_no_summary(staff):
    ceramics = ProductClassFactory(name="Gốm sứ", name_en="Ceramics")
    create = url(
        "dashboard:catalogue-product-create", "vi", product_class_slug=ceramics.slug
    )

    assert 'id="error-summary"' not in html_of(staff.get(create))


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        ("vi", ["450.000 ₫", "còn 12", "Đang bán"]),
        ("en", ["₫450,000", "12 in stock", "On sale"]),
    ],
)
def test_centre_staff_see_each_product_with_its_price_and_stock(
    staff, bat_trang, language, facts
):
    ProductFactory(
        centre=bat_trang,
        title="Bình gốm men rạn",
        title_en="Crackle-glaze vase",
        price=Decimal("450000"),
        num_in_stock=12,
    )
    ProductFactory(
        centre=bat_trang, title="Bát thử men", title_en="Trial bowl", is_public=False
    )

    html = html_of(staff.get(url("dashboard:catalogue-product-list", language)))

    items = html.split('<li class="console-product')[1:]
    vase = next(item for item in items if "men rạn" in item or "Crackle" in item)
    for fact in facts:
        assert fact in visible_text(vase)
    draft = next(
        item for item in items if "Bát thử men" in item or "Trial bowl" in item
    )
    assert draft.startswith(" console-product--hidden")
    assert "<table" not in html[html.index('id="centre-products"') :]


def test_the_product_list_costs_the_same_queries_for_more_products(
    staff, bat_trang, record_query_counts
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                staff.get(url("dashboard:catalogue-product-list", "vi")).status_code
                == 200
            )
        return len(queries)

    for _ in range(2):
        ProductFactory(centre=bat_trang)
    few = count()
    for _ in range(12):
        ProductFactory(centre=bat_trang)
    many = count()

    record_query_counts("centre product list (2 -> 14 products)", few, many)
    assert many == few


@pytest.mark.parametrize(
    ("language", "wanted", "unwanted"),
    [
        (
            "vi",
            [
                "Thêm sản phẩm mới: Gốm sứ",
                "Được giảm giá trong khuyến mãi",
                "Mã vạch (UPC hoặc EAN)",
                "8935001234567",
            ],
            ["Tạo mới Gốm sứ sản phẩm", "Là sản phẩm giảm giá ?", "cuốn sách", "ISBN"],
        ),
        (
            "en",
            [
                "Can be discounted in promotions",
                "Barcode (UPC or EAN)",
                "8935001234567",
            ],
            ["Is discountable?", "ISBN", "for a book"],
        ),
    ],
)
def test_the_product_form_speaks_plainly(staff, language, wanted, unwanted):
    ceramics = ProductClassFactory(name="Gốm sứ", name_en="Ceramics")
    create = url(
        "dashboard:catalogue-product-create", language, product_class_slug=ceramics.slug
    )

    text = visible_text(staff.get(create).content)

    for words in wanted:
        assert words in text
    for words in unwanted:
        assert words not in text


@pytest.mark.parametrize("who", ["staff", "manager"])
def test_the_product_lists_bulk_actions_read_as_vietnamese(request, bat_trang, who):
    ProductFactory(centre=bat_trang)
    client = request.getfixturevalue(who)

    page = visible_text(
        client.get(url("dashboard:catalogue-product-list", "vi")).content
    )

    assert "Chọn việc cần làm với các sản phẩm đã đánh dấu" in page
    assert "Đổi giá sản phẩm" in page and "Thao tác hàng loạt" in page
    for english in ("choose action", "Update product prices", " of ", "selected"):
        assert english not in page


def test_the_order_search_offers_statuses_and_ways_to_pay_in_vietnamese(
    staff, bat_trang
):
    place_order(bat_trang, [ProductFactory(centre=bat_trang)])

    html = html_of(staff.get(url("dashboard:order-list", "vi")))

    assert '<option value="Awaiting confirmation">Chờ xác nhận</option>' in html
    assert ">Thanh toán khi nhận hàng (COD)</option>" in html
    for english in (">Awaiting confirmation<", ">Cash on delivery<"):
        assert english not in html


def test_the_whole_order_page_loads_the_script_its_template_calls(manager, bat_trang):
    order = place_order(bat_trang, [ProductFactory(centre=bat_trang)])

    html = html_of(
        manager.get(url("dashboard:order-detail", "vi", number=order.number))
    )

    assert "oscar.dashboard.orders.initTable();" in html
    dashboard_js, orders_js = positions(
        html, ["/static/oscar/js/oscar/dashboard.js", "/static/js/dashboard-orders.js"]
    )
    assert dashboard_js < orders_js < html.index("oscar.dashboard.orders.initTable();")
    assert 'data-select-all-label="Chọn mọi dòng"' in html


@pytest.mark.parametrize(
    ("change", "price"), [("20.000", Decimal("120000")), ("-30.000", Decimal("70000"))]
)
def test_a_bulk_price_change_by_an_amount_reads_dong_as_written(
    staff, bat_trang, change, price
):
    bowl = ProductFactory(centre=bat_trang, price=Decimal("100000"))
    step = staff.post(
        url("dashboard:catalogue-product-list", "vi"),
        {"action": "set_product_price", "selected_product": [bowl.pk]},
    )
    page = visible_text(staff.get(step.url).content)
    assert "Tăng thêm một số tiền (₫)" in page and "20.000 đưa 100.000 ₫ lên" in page
    for english in ("€", "Increase by amount", "stockrecords", "Action parameters"):
        assert english not in page

    staff.post(
        step.url,
        {
            "selected_products": [bowl.pk],
            "increase_by_amount": change,
            "partners": [bat_trang.partner.pk],
        },
    )

    assert bowl.stockrecords.get().price == price
