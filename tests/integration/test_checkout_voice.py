"""The checkout in one voice: the first step's words, one step bar that agrees with
the steps that follow, the confirmation's status and phone, and none of Oscar's old
wording on the pages and e-mails a buyer reads, in Vietnamese and English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from checkout.views import thank_you_url
from order.statuses import OrderStatus
from tests.factories import TEST_PASSWORD, ProductFactory, UserFactory
from tests.markup import elements, main_of, visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

STEPS = {
    "vi": ["Email", "Địa chỉ", "Giao hàng", "Thanh toán", "Xem lại"],
    "en": ["E-mail", "Address", "Delivery", "Payment", "Review"],
}

OLD_WORDING = {
    "vi": [
        "vãn lai",
        "trước khi thoát",
        "Tổng số giỏ hàng",
        "Bỏ ra",
        "Những vật phẩm để mua bây giờ",
        "Xem trước",
        "Phương thức giao hàng",
        "Bạn là ai?",
        "Tiến hành thanh toán",
        "Nhận một lời nhắc nhở mật khẩu",
    ],
    "en": [
        "My email address is",
        "checkout as a guest",
        "before checking out",
        "Shipping method",
        "Preview",
        "Who are you?",
        "Proceed to checkout",
        "Items to buy now",
        "Get a password reminder",
    ],
}


@pytest.fixture
def vase(centres):
    return ProductFactory(
        centre=centres["four"],
        title="Bình gốm men lam",
        title_en="Blue-glaze vase",
        price=Decimal("450000"),
    )


def step_bar(response) -> list[tuple[str, bool, bool]]:
    """(label, is current, links back) of each step in the page's step bar."""
    html = main_of(response) if b"<main" in response.content else ""
    start = html.find('<ol class="checkout-steps">')
    assert start >= 0, "the page has no step bar"
    bar = html[start : html.find("</ol>", start)]
    items = bar.split("<li")[1:]
    return [
        (
            visible_text("<li" + item).replace(" (đã xong)", "").replace(" (done)", ""),
            'aria-current="step"' in item.split(">")[0],
            "<a " in item,
        )
        for item in items
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_step_shows_the_same_five_steps_with_its_own_marked(
    language, centres, vase
):
    buyer = Buyer(language)
    buyer.add(vase)
    seen = {"email": buyer.client.get(buyer.url("checkout:index"))}
    buyer.checkout_as_guest()
    seen["address"] = buyer.client.get(buyer.url("checkout:shipping-address"))
    assert buyer.give_address().status_code == 302
    seen["delivery"] = buyer.delivery_page()
    assert buyer.choose_delivery({centres["four"]: "domestic"}).status_code == 302
    seen["payment"] = buyer.client.get(buyer.url("checkout:payment-method"))
    assert buyer.pay_by("cod").status_code == 302
    seen["review"] = buyer.preview()

    for position, (step, response) in enumerate(seen.items()):
        bar = step_bar(response)
        assert [label for label, _current, _link in bar] == STEPS[language], step
        assert [current for _label, current, _link in bar].index(True) == position
        assert [link for _label, _current, link in bar] == [
            index < position for index in range(5)
        ], step


def test_a_signed_in_buyer_has_no_e_mail_step_to_go_back_to(vase):
    user = UserFactory(email="lan@example.com")
    buyer = Buyer()
    assert buyer.client.login(username=user.email, password=TEST_PASSWORD)
    buyer.add(vase)

    response = buyer.client.get(buyer.url("checkout:shipping-address"))

    assert step_bar(response)[0] == ("Email", False, False)
    assert step_bar(response)[1] == ("Địa chỉ", True, False)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "vi",
            [
                "Bạn muốn đặt hàng thế nào?",
                "Địa chỉ email của bạn",
                "Bạn đã có tài khoản ở đây chưa?",
                "Mua không cần tài khoản",
                "Tôi đã có tài khoản: đăng nhập bằng mật khẩu",
                "Tạo tài khoản trước",
                "Quên mật khẩu?",
                "Tiếp tục",
            ],
        ),
        (
            "en",
            [
                "How would you like to order?",
                "Your e-mail address",
                "Do you have an account with us?",
                "Buy without an account",
                "I have an account: sign in with my password",
                "Create an account first",
                "Forgot your password?",
                "Continue",
            ],
        ),
    ],
)
def test_the_first_step_asks_in_the_shops_words(language, words, vase):
    buyer = Buyer(language)
    buyer.add(vase)

    response = buyer.client.get(buyer.url("checkout:index"))

    page = visible_text(main_of(response))
    for phrase in words:
        assert phrase in page
    radios = elements(main_of(response), "input", type="radio", name="options")
    assert [radio["value"] for radio in radios] == ["anonymous", "existing", "new"]
    assert "checked" in radios[0]
    assert "oscar.checkout.gateway" not in response.content.decode()


def test_an_e_mail_with_an_account_is_asked_to_sign_in_in_vietnamese(vase):
    UserFactory(email="lan@example.com")
    buyer = Buyer()
    buyer.add(vase)

    response = buyer.client.post(
        buyer.url("checkout:index"),
        {"username": "lan@example.com", "options": "anonymous"},
    )

    assert response.status_code == 200
    assert "Địa chỉ email này đã có tài khoản: hãy đăng nhập bằng mật khẩu." in (
        visible_text(main_of(response))
    )


def test_a_wrong_password_is_refused_next_to_the_form_and_the_e_mail_is_kept(vase):
    UserFactory(email="lan@example.com")
    buyer = Buyer()
    buyer.add(vase)

    response = buyer.client.post(
        buyer.url("checkout:index"),
        {"username": "lan@example.com", "options": "existing", "password": "sai"},
    )

    assert response.status_code == 200
    assert elements(
        main_of(response), "ul", **{"class": "form-errors", "role": "alert"}
    )
    assert elements(
        main_of(response), "input", name="username", value="lan@example.com"
    )


def placed_cod_order(centres, vase, language="vi"):
    buyer = Buyer(language)
    buyer.add(vase)
    assert buyer.checkout({centres["four"]: "domestic"}, "cod").status_code == 302
    return buyer, Order.objects.get()


def test_the_confirmation_shows_the_orders_status_not_the_way_to_pay(centres, vase):
    buyer, order = placed_cod_order(centres, vase)
    buyer.confirm_from_email()
    order.refresh_from_db()
    assert order.status == OrderStatus.CASH_ON_DELIVERY

    page = visible_text(main_of(buyer.client.get(thank_you_url(order))))

    assert "Trạng thái: Đã xác nhận" in page
    assert "Trạng thái: Thanh toán khi nhận hàng" not in page
    assert "Thanh toán Thanh toán khi nhận hàng (COD)" in page


def test_the_confirmation_shows_the_phone_as_a_vietnamese_writes_it(centres, vase):
    buyer, order = placed_cod_order(centres, vase)

    html = main_of(buyer.client.get(thank_you_url(order)))

    assert "Điện thoại: 0912 345 678" in visible_text(html)
    assert "+84912345678" not in visible_text(html)
    assert elements(html, "a", href="tel:+84912345678")


def test_the_order_e_mail_shows_the_phone_as_a_vietnamese_writes_it(centres, vase):
    placed_cod_order(centres, vase)

    [message] = mail.outbox

    assert "Điện thoại: 0912 345 678" in message.body
    assert "+84912345678" not in message.body


def test_the_review_step_shows_the_phone_as_a_vietnamese_writes_it(centres, vase):
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()
    buyer.give_address()
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("cod")

    assert "Điện thoại: 0912 345 678" in visible_text(main_of(buyer.preview()))


def buyer_pages(centres, vase, language):
    """The pages of a guest's purchase, then of a signed-in buyer's account."""
    buyer = Buyer(language)
    buyer.add(vase)
    pages = {
        "basket": buyer.client.get(buyer.url("basket:summary")),
        "gateway": buyer.client.get(buyer.url("checkout:index")),
    }
    assert buyer.checkout({centres["four"]: "domestic"}, "cod").status_code == 302
    order = Order.objects.get()
    pages["thank-you"] = buyer.client.get(thank_you_url(order))
    pages["sign-in"] = Buyer(language).client.get(buyer.url("customer:login"))
    account = Buyer(language)
    user = UserFactory(email="lan@example.com")
    order.user = user
    order.save()
    assert account.client.login(username=user.email, password=TEST_PASSWORD)
    for name in (
        "customer:profile-view",
        "customer:order-list",
        "customer:address-list",
        "customer:address-create",
        "customer:wishlists-list",
        "customer:alerts-list",
        "customer:change-password",
    ):
        pages[name] = account.client.get(account.url(name))
    pages["order"] = account.client.get(
        account.url("customer:order", order_number=order.number)
    )
    return pages


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_old_wording_remains_on_a_buyers_pages_or_e_mails(language, centres, vase):
    pages = buyer_pages(centres, vase, language)

    for name, response in pages.items():
        assert response.status_code == 200, name
        page = visible_text(main_of(response))
        for phrase in OLD_WORDING[language]:
            assert phrase not in page, (name, phrase)
    for message in mail.outbox:
        for phrase in OLD_WORDING[language]:
            assert phrase not in message.body, (message.subject, phrase)


def test_the_account_pages_read_in_the_shops_words(centres, vase):
    pages = buyer_pages(centres, vase, "vi")

    nav = visible_text(main_of(pages["customer:order-list"]))
    for section in (
        "Đơn hàng của bạn",
        "Hồ sơ của bạn",
        "Sổ địa chỉ",
        "Báo khi có hàng",
    ):
        assert section in nav
    order = Order.objects.get()
    orders = visible_text(main_of(pages["customer:order-list"]))
    assert f"Đơn hàng {order.number}" in orders
    assert "Trạng thái Chờ xác nhận" in orders
    assert "Đăng nhập hoặc tạo tài khoản" in visible_text(main_of(pages["sign-in"]))
