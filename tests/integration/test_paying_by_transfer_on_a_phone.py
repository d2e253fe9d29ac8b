"""Paying by bank transfer from the phone that shows the code.

The buyer cannot scan their own screen: the order page offers the VietQR code as
a PNG to save (a plain link, a file download), each value to copy (the account
number, the amount in digits only, the transfer note), the bank's name and the
deadline in Vietnam time. The saved code is private like the order: only whoever
may see the order gets it, everyone else a 404. The order e-mail carries the same
details and the code itself, in the buyer's language.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model
from PIL import Image

from checkout.transfer_qr import transfer_qr_url
from checkout.views import thank_you_url
from order.templatetags.order_tags import vietnam_time
from tests.factories import ProductFactory, UserFactory
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db

ACCOUNT = "0011004455667"


@pytest.fixture
def vase(centres):
    return ProductFactory(centre=centres["four"], title="Bình gốm men lam")


def place_transfer_order(centres, vase, language="vi", client=None):
    """A bank-transfer order placed as a guest, or by ``client``'s signed-in buyer."""
    buyer = Buyer(language=language, client=client)
    buyer.add(vase)
    if client is None:
        response = buyer.checkout({centres["four"]: "domestic"}, "vietqr")
    else:
        buyer.client.get(buyer.url("checkout:index"))
        assert buyer.give_address().status_code == 302
        buyer.choose_delivery({centres["four"]: "domestic"})
        buyer.pay_by("vietqr")
        response = buyer.place_order()
    assert response.status_code == 302
    return buyer.client, Order.objects.get()


@pytest.fixture
def placed(centres, vase):
    """A guest's bank-transfer order, and the browser that placed it."""
    return place_transfer_order(centres, vase)


def copy_values(html: str) -> list[str]:
    return re.findall(
        r'<button type="button" class="copy-button" data-copy="([^"]*)"', html
    )


def test_the_order_page_offers_the_code_to_save_and_each_value_to_copy(placed):
    browser, order = placed

    html = browser.get(thank_you_url(order)).content.decode()

    save_link = re.search(r'<a [^>]*id="vietqr-save"[^>]*>', html).group(0)
    assert f'href="{transfer_qr_url(order)}"'.replace("&", "&amp;") in save_link
    assert f'download="vietqr-{order.number}.png"' in save_link
    assert copy_values(html) == [ACCOUNT, str(int(order.total_incl_tax)), order.number]
    page = visible_text(html)
    assert "Lưu ảnh QR" in page
    assert "Ngân hàng Vietcombank" in page
    assert f"Hạn chuyển khoản {vietnam_time(order.payment_deadline)}" in page
    assert "(giờ Việt Nam)" in page


def test_the_placing_browser_downloads_the_code_as_a_png_file(placed):
    browser, order = placed

    response = browser.get(transfer_qr_url(order))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'attachment; filename="vietqr-{order.number}.png"'
    )
    assert "no-store" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.width == image.height >= 200


def test_a_stranger_with_the_link_gets_nothing(placed):
    _browser, order = placed

    assert Client().get(transfer_qr_url(order)).status_code == 404


def test_a_wrong_key_or_no_key_gets_nothing_even_in_the_placing_browser(placed):
    browser, order = placed
    url = transfer_qr_url(order)

    assert browser.get(url[:-3] + "AAA").status_code == 404
    assert browser.get(url.split("&key=")[0]).status_code == 404


def test_after_order_link_hours_the_placing_browser_gets_nothing(placed, settings):
    browser, order = placed
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(hours=settings.ORDER_LINK_HOURS + 1)
    )

    assert browser.get(transfer_qr_url(order)).status_code == 404


def test_a_guest_who_gave_the_orders_email_on_its_status_page_gets_it(placed):
    _browser, order = placed
    status_url = re.search(r"https?://\S+/order-status/\S+/", mail.outbox[-1].body)
    status_path = "/" + status_url.group(0).split("://", 1)[1].split("/", 1)[1]
    guest = Client()
    asked = guest.get(status_path, follow=True)
    guest.post(asked.redirect_chain[-1][0], {"email": order.email}, follow=True)

    assert guest.get(transfer_qr_url(order)).status_code == 200


def test_the_buyers_account_gets_it_and_another_account_does_not(centres, vase):
    owner, other = UserFactory(email="lan@example.com"), UserFactory()
    client = Client()
    client.force_login(owner)
    _browser, order = place_transfer_order(centres, vase, client=client)
    later = Client()
    later.force_login(owner)
    stranger = Client()
    stranger.force_login(other)

    assert later.get(transfer_qr_url(order)).status_code == 200
    assert stranger.get(transfer_qr_url(order)).status_code == 404


def test_once_paid_there_is_no_code_to_save(placed):
    browser, order = placed
    EventHandler().mark_paid(order, reference="FT123")

    assert browser.get(transfer_qr_url(order)).status_code == 404


def test_a_cash_on_delivery_order_has_no_code(centres, vase):
    buyer = Buyer()
    buyer.add(vase)
    assert buyer.checkout({centres["four"]: "domestic"}, "cod").status_code == 302
    order = Order.objects.get()

    assert buyer.client.get(transfer_qr_url(order)).status_code == 404


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "vi",
            [
                "Ngân hàng: Vietcombank",
                f"Số tài khoản: {ACCOUNT}",
                "Chủ tài khoản: LANG NGHE HA NOI TEST",
                "Nội dung chuyển khoản: {number}",
                "Hãy chuyển khoản trước {deadline}",
            ],
        ),
        (
            "en",
            [
                "Bank: Vietcombank",
                f"Account number: {ACCOUNT}",
                "Account holder: LANG NGHE HA NOI TEST",
                "Transfer note: {number}",
                "Pay by {deadline}",
            ],
        ),
    ],
)
def test_the_order_email_carries_the_same_details_and_the_code(
    centres, vase, language, expected
):
    _browser, order = place_transfer_order(centres, vase, language=language)
    with translation.override(language):
        deadline = vietnam_time(order.payment_deadline)
    amount = f"{int(order.total_incl_tax):,}"
    if language == "vi":
        amount = amount.replace(",", ".")

    email = mail.outbox[-1]
    html = {mimetype: body for body, mimetype in email.alternatives}["text/html"]
    for text in (email.body, visible_text(html)):
        for line in expected:
            assert line.format(number=order.number, deadline=deadline) in text
        assert amount in text
    inline = [part for part in email.attachments if not isinstance(part, tuple)]
    assert [part["Content-ID"] for part in inline] == ["<vietqr>"]
    assert inline[0].get_content_type() == "image/png"
    assert 'src="cid:vietqr"' in html
