"""The order confirmation link shows the buyer's details only to whoever may see them.

``/checkout/thank-you/?order=<n>&key=<k>`` shows the buyer's name, address and
phone: in full to the browser that placed the order for ``ORDER_LINK_HOURS``, to
the buyer's account and to site staff. Anyone else with the link, or the same
browser later, is asked for the order's e-mail address (any case, any spaces
around it); a wrong one gets a message and no details, and after five wrong
tries for an order the page stops checking for a quarter of an hour.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.views import thank_you_url
from tests.factories import ProductFactory, UserFactory
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

NAME, STREET, PHONE = "Nguyễn Thị Lan", "12 Hàng Bạc", "0912 345 678"
ASKS = "Để xem, hãy nhập địa chỉ e-mail đã dùng khi đặt đơn hàng này."
WRONG = "Đây không phải địa chỉ e-mail đã dùng cho đơn hàng này."


@pytest.fixture
def placed(centres):
    """A guest's cash-on-delivery order, and the browser that placed it."""
    buyer = Buyer()
    buyer.add(ProductFactory(centre=centres["four"], title="Bình gốm men lam"))
    response = buyer.checkout({centres["four"]: "domestic"}, "cod")
    assert response.status_code == 302
    order = Order.objects.get()
    return buyer.client, order, thank_you_url(order)


def shows_details(response) -> bool:
    page = visible_text(response.content)
    return NAME in page or STREET in page or PHONE in page


def test_the_browser_that_placed_the_order_sees_it_in_full(placed):
    browser, order, link = placed

    response = browser.get(link)

    assert response.status_code == 200
    page = visible_text(response.content)
    assert NAME in page and STREET in page and PHONE in page


def test_the_placing_browser_still_sees_its_first_order_after_a_second_one(
    placed, centres
):
    browser, first, link = placed
    buyer = Buyer(client=browser)
    buyer.add(ProductFactory(centre=centres["four"], title="Bát gốm"))
    assert buyer.checkout({centres["four"]: "domestic"}, "cod").status_code == 302
    assert browser.session["checkout_order_id"] != first.pk

    assert shows_details(browser.get(link))


def test_another_browser_with_the_link_is_asked_for_the_email_and_sees_nothing(
    placed,
):
    _browser, order, link = placed

    response = Client().get(link)

    assert response.status_code == 200
    assert ASKS in visible_text(response.content)
    assert f"Đơn hàng {order.number}" in visible_text(response.content)
    assert not shows_details(response)
    order.refresh_from_db()
    assert not order.analytics_tracked


def test_after_order_link_hours_the_placing_browser_is_asked_too(placed, settings):
    browser, order, link = placed
    settings.ORDER_LINK_HOURS = 2
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(hours=2, minutes=1)
    )

    asked = browser.get(link)
    settings.ORDER_LINK_HOURS = 3
    shown = browser.get(link)

    assert ASKS in visible_text(asked.content) and not shows_details(asked)
    assert shows_details(shown)


def test_without_the_link_the_placing_browser_is_asked_once_the_time_is_up(placed):
    browser, order, _link = placed
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=2)
    )

    response = browser.get("/vi/shop/checkout/thank-you/")

    assert ASKS in visible_text(response.content) and not shows_details(response)


def test_the_right_email_in_any_case_shows_the_page_and_is_remembered(placed):
    _browser, order, link = placed
    stranger = Client()

    answered = stranger.post(link, {"email": "  KHACH@Example.COM "})

    assert answered.status_code == 302 and answered["Location"] == link
    assert shows_details(stranger.get(link))
    assert shows_details(stranger.get(link))


def test_a_wrong_email_gets_a_message_and_no_details(placed):
    _browser, order, link = placed
    stranger = Client()

    answered = stranger.post(link, {"email": "ai-do@example.com"})

    assert answered.status_code == 200
    assert WRONG in visible_text(answered.content)
    assert not shows_details(answered)
    assert not shows_details(stranger.get(link))


def test_a_malformed_email_is_said_to_be_one_and_is_not_counted(placed):
    _browser, order, link = placed
    stranger = Client()

    for _ in range(8):
        answered = stranger.post(link, {"email": "khong-phai-email"})
    assert answered.status_code == 200 and not shows_details(answered)

    assert stranger.post(link, {"email": "khach@example.com"}).status_code == 302


def test_wrong_guesses_are_limited_per_order_from_any_address(placed):
    _browser, order, link = placed
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for attempt in range(5):
        guesser.post(link, {"email": f"doan-{attempt}@example.com"})

    from_elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    refused = from_elsewhere.post(link, {"email": "khach@example.com"})

    assert refused.status_code == 429
    page = visible_text(refused.content)
    assert "Bạn đã nhập sai quá nhiều lần: hãy thử lại sau 15 phút." in page
    assert not shows_details(refused)
    assert not shows_details(from_elsewhere.get(link))


def test_the_buyers_account_and_site_staff_see_it_in_full(placed):
    _browser, order, link = placed
    owner, staff = UserFactory(), UserFactory(is_staff=True)
    order.user = owner
    order.save()

    for user in (owner, staff):
        browser = Client()
        browser.force_login(user)
        assert shows_details(browser.get(link))


def test_a_link_with_a_wrong_key_shows_nothing(placed):
    _browser, order, link = placed

    response = Client().get(link.replace("key=", "key=x"))

    assert response.status_code == 302 and not shows_details(response)


def test_the_order_emails_status_link_still_asks_for_the_email_then_shows_it(
    placed,
):
    _browser, order, _link = placed
    body = mail.outbox[-1].body
    status_url = re.search(r"https?://\S+/order-status/\S+/", body).group(0)
    status_path = status_url.split("://", 1)[1].split("/", 1)[1]
    stranger = Client()

    asked = stranger.get(f"/{status_path}", follow=True)
    form_path = asked.redirect_chain[-1][0]
    shown = stranger.post(form_path, {"email": "khach@example.com"}, follow=True)

    assert not shows_details(asked)
    assert STREET in visible_text(shown.content)
