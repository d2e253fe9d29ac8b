"""The basket page, centre by centre, as the order's parcels will be: each centre's
name, star badge, lines and subtotal; quantities changed and lines removed with
plain form posts (no script), in Vietnamese and English."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.factories import ProductFactory
from tests.markup import badges, breadcrumbs, elements, main_of, visible_text
from tests.shopping import Buyer

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres_basket(centres):
    """A buyer with a vase and a cup of Bát Tràng (4 stars) and a tray of Phú Vinh."""
    vase = ProductFactory(
        centre=centres["four"],
        title="Bình gốm men lam",
        title_en="Blue-glaze vase",
        price=Decimal("450000"),
    )
    cup = ProductFactory(
        centre=centres["four"],
        title="Chén trà men rạn",
        title_en="Crackle-glaze tea cup",
        price=Decimal("120000"),
    )
    tray = ProductFactory(
        centre=centres["three"],
        title="Khay mây đan",
        title_en="Woven rattan tray",
        price=Decimal("180000"),
    )
    buyer = Buyer()
    buyer.add(vase, quantity=2)
    buyer.add(cup)
    buyer.add(tray)
    return buyer


def sections(html: str) -> dict[str, str]:
    """The visible text of each centre's section of the basket, by partner id."""
    found = re.findall(
        r'<section class="parcel basket-centre" data-partner="(\d+)".*?</section>',
        html,
        flags=re.DOTALL,
    )
    bodies = re.findall(
        r'<section class="parcel basket-centre"[^>]*>(.*?)</section>',
        html,
        flags=re.DOTALL,
    )
    return {int(pk): body for pk, body in zip(found, bodies, strict=True)}


def basket_page(buyer: Buyer, language: str = "vi"):
    buyer.language = language
    response = buyer.client.get(buyer.url("basket:summary"))
    assert response.status_code == 200
    return response


def test_each_centre_has_its_section_with_badge_lines_and_subtotal(
    centres, two_centres_basket
):
    html = main_of(basket_page(two_centres_basket))
    by_partner = sections(html)

    bat_trang = by_partner[centres["four"].partner.pk]
    phu_vinh = by_partner[centres["three"].partner.pk]
    assert list(by_partner) == [centres["four"].partner.pk, centres["three"].partner.pk]
    assert "Trung tâm Bát Tràng" in visible_text(bat_trang)
    assert badges(bat_trang) == [("4", "Trung tâm 4 sao")]
    assert "Bình gốm men lam" in bat_trang and "Chén trà men rạn" in bat_trang
    assert "Khay mây đan" not in bat_trang
    assert "Tạm tính: 1.020.000 ₫" in visible_text(bat_trang)
    assert "Trung tâm Phú Vinh" in visible_text(phu_vinh)
    assert badges(phu_vinh) == [("3", "Trung tâm 3 sao")]
    assert "Tạm tính: 180.000 ₫" in visible_text(phu_vinh)
    assert "Giao trong nước từ" in visible_text(phu_vinh)
    assert "nhận tại trung tâm thì miễn phí" in visible_text(phu_vinh)


def test_the_basket_reads_in_english_too(centres, two_centres_basket):
    page = visible_text(main_of(basket_page(two_centres_basket, "en")))

    assert "Your basket" in page
    assert "Bát Tràng Centre" in page and "Phú Vinh Centre" in page
    assert "Blue-glaze vase" in page and "Woven rattan tray" in page
    assert "Subtotal: ₫1,020,000" in page
    assert "Total so far ₫1,200,000" in page
    assert "Go to checkout" in page


def test_the_totals_and_the_way_on_are_the_sites_own(two_centres_basket):
    response = basket_page(two_centres_basket)
    page = visible_text(main_of(response))

    assert "Tóm tắt đơn hàng" in page
    assert "Tiền hàng 1.200.000 ₫" in page
    assert "Giao hàng chọn khi đặt hàng" in page
    assert "Tạm tính 1.200.000 ₫" in page
    checkout = elements(
        main_of(response), "a", href=two_centres_basket.url("checkout:index")
    )
    assert any("button" in link.get("class", "").split() for link in checkout)
    assert "oscar.basket.init" not in response.content.decode()


def test_the_breadcrumbs_lead_home_then_to_the_shop(two_centres_basket):
    trail = breadcrumbs(basket_page(two_centres_basket).content.decode())

    assert trail == [
        ("Trang chủ", "/vi/"),
        ("Cửa hàng", "/vi/shop/catalogue/"),
        ("Giỏ hàng", None),
    ]


def form_data(response, **changes) -> dict[str, str]:
    """What the basket form sends as it stands, plus the pressed button's name."""
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for form in formset:
        data[form.add_prefix("id")] = str(form.instance.pk)
        data[form.add_prefix("quantity")] = str(form.instance.quantity)
    data.update(changes)
    return data


def quantities(buyer: Buyer) -> dict[str, int]:
    basket = basket_page(buyer).context["basket"]
    return {line.product.title: line.quantity for line in basket.all_lines()}


def line_form(response, title: str):
    return next(
        form
        for form in response.context["formset"]
        if form.instance.product.title == title
    )


def test_a_quantity_is_changed_with_the_lines_update_button(two_centres_basket):
    buyer = two_centres_basket
    page = basket_page(buyer)
    cup = line_form(page, "Chén trà men rạn")

    buttons = elements(
        main_of(page), "button", name="update", value=str(cup.instance.pk)
    )
    assert buttons, "the cup's line has no update button"
    response = buyer.client.post(
        buyer.url("basket:summary"),
        form_data(
            page, **{cup.add_prefix("quantity"): "3", "update": str(cup.instance.pk)}
        ),
    )

    assert response.status_code == 302
    assert quantities(buyer) == {
        "Bình gốm men lam": 2,
        "Chén trà men rạn": 3,
        "Khay mây đan": 1,
    }


def test_a_line_is_removed_with_its_own_button_and_nothing_else_goes(
    two_centres_basket,
):
    buyer = two_centres_basket
    page = basket_page(buyer)
    tray = line_form(page, "Khay mây đan")

    [remove] = elements(main_of(page), "button", name=tray["DELETE"].html_name)
    assert remove["value"] == "on" and remove["type"] == "submit"
    assert "Xóa" in visible_text(main_of(page))
    response = buyer.client.post(
        buyer.url("basket:summary"), form_data(page, **{remove["name"]: "on"})
    )

    assert response.status_code == 302
    assert quantities(buyer) == {"Bình gốm men lam": 2, "Chén trà men rạn": 1}


def test_enter_in_a_quantity_box_updates_rather_than_removes(two_centres_basket):
    """A browser sends the form's first submit button on Enter: it must be an update."""
    html = main_of(basket_page(two_centres_basket))
    form = re.search(r'<form[^>]*id="basket_formset".*?</form>', html, re.DOTALL)

    first_button = elements(form.group(0), "button")[0]
    assert first_button["name"] == "update"


def test_an_empty_basket_says_so_and_leads_to_the_products(client):
    response = client.get("/vi/shop/basket/")
    page = visible_text(main_of(response))

    assert "Giỏ hàng của bạn đang trống." in page
    assert elements(main_of(response), "a", href="/vi/shop/catalogue/")
