"""Checkout: guest and account, a parcel per centre, cash on delivery, VietQR, pickup.

Card payments, webhooks and refunds are in test_card_payments.py; buying the
last unit against other buyers in test_concurrent_buyers.py.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from order.models import DeliveryKind, Parcel
from order.statuses import OrderStatus, PaymentMethod
from payment.vietqr import decode_payload
from tests.committing import CommittingClient
from tests.factories import (
    TEST_PASSWORD,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
    net_stock,
)
from tests.markup import visible_text
from tests.shopping import (
    AO_DAI_MEASUREMENTS,
    HUE_ADDRESS,
    PARIS_ADDRESS,
    Buyer,
)

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceramics(centres):
    return ProductFactory(
        centre=centres["four"],
        title="Bình gốm men rạn",
        title_en="Crackle-glaze vase",
        price=Decimal("450000"),
        num_in_stock=5,
        product_class=ProductClassFactory(
            name="Gốm sứ", name_en="Ceramics", default_weight_grams=1500
        ),
    )


@pytest.fixture
def basket_weave(centres):
    return ProductFactory(
        centre=centres["three"],
        title="Giỏ mây đan",
        title_en="Woven rattan basket",
        price=Decimal("180000"),
        num_in_stock=5,
        product_class=ProductClassFactory(
            name="Mây tre đan", name_en="Rattan and bamboo", default_weight_grams=900
        ),
    )


@pytest.fixture
def lacquer_box(centres):
    return ProductFactory(
        centre=centres["unknown"],
        title="Hộp sơn mài",
        title_en="Lacquer box",
        price=Decimal("320000"),
        num_in_stock=5,
        product_class=ProductClassFactory(
            name="Sơn mài", name_en="Lacquer", default_weight_grams=700
        ),
    )


@pytest.fixture
def banh_chung(centres):
    food = ProductClassFactory(
        name="Thực phẩm",
        name_en="Food",
        delivery_area="hanoi",
        ships_abroad=False,
        default_weight_grams=1200,
    )
    return ProductFactory(
        centre=centres["unknown"],
        title="Bánh chưng Tranh Khúc",
        title_en="Tranh Khúc bánh chưng",
        price=Decimal("90000"),
        num_in_stock=20,
        product_class=food,
    )


@pytest.fixture
def ao_dai(centres):
    garments = ProductClassFactory(
        name="Áo dài", name_en="Áo dài", made_to_measure=True, default_weight_grams=600
    )
    return ProductFactory(
        centre=centres["three"],
        title="Áo dài lụa may đo",
        title_en="Made-to-measure silk áo dài",
        price=Decimal("2500000"),
        num_in_stock=3,
        product_class=garments,
    )


def test_guest_buys_from_two_centres_with_cash_on_delivery(
    centres, ceramics, basket_weave
):
    buyer = Buyer()
    buyer.add(ceramics, 2)
    buyer.add(basket_weave)

    response = buyer.checkout(
        {centres["four"]: "domestic", centres["three"]: "domestic"}, "cod"
    )

    assert response.status_code == 302
    order = Order.objects.get()
    assert order.guest_email == "khach@example.com"
    assert order.payment_method == PaymentMethod.CASH_ON_DELIVERY
    assert order.status == OrderStatus.AWAITING_CONFIRMATION
    assert order.language == "vi"
    parcels = {parcel.partner_id: parcel for parcel in order.parcels.all()}
    assert set(parcels) == {centres["four"].partner_id, centres["three"].partner_id}
    # 3 kg of ceramics is in the 5 kg band; 0.9 kg of rattan in the 1 kg band.
    assert parcels[centres["four"].partner_id].charge == Decimal("55000")
    assert parcels[centres["three"].partner_id].charge == Decimal("30000")
    assert order.shipping_incl_tax == Decimal("85000")
    assert order.total_incl_tax == Decimal("900000") + Decimal("180000") + Decimal(
        "85000"
    )
    assert net_stock(ceramics) == 3 and net_stock(basket_weave) == 4
    source = Source.objects.get(order=order)
    assert source.amount_debited == 0

    page = visible_text(buyer.client.get(response["Location"]).content)
    assert "Trung tâm Bát Tràng" in page and "Trung tâm Phú Vinh" in page
    assert "Thành phố Hà Nội Việt Nam" in page
    assert "1.165.000" in page
    assert "US$" in page and "€" in page

    email = mail.outbox[-1]
    assert email.to == ["khach@example.com"]
    assert order.number in email.subject
    assert "Trung tâm Bát Tràng" in email.body and "Trung tâm Phú Vinh" in email.body
    html = {mimetype: body for body, mimetype in email.alternatives}["text/html"]
    assert "Trung tâm Phú Vinh" in html


def test_a_basket_of_three_centres_is_one_order_with_a_parcel_per_centre(
    centres, ceramics, basket_weave, lacquer_box
):
    buyer = Buyer()
    for product in (ceramics, basket_weave, lacquer_box):
        buyer.add(product)
    buyer.checkout_as_guest()
    buyer.give_address()

    page = visible_text(buyer.delivery_page().content)
    for name in ("Trung tâm Bát Tràng", "Trung tâm Phú Vinh", "Trung tâm Hạ Thái"):
        assert name in page

    buyer.choose_delivery(
        {
            centres["four"]: "domestic",
            centres["three"]: "pickup",
            centres["unknown"]: "domestic",
        }
    )
    buyer.pay_by("cod")
    preview = visible_text(buyer.preview().content)
    assert (
        preview.count("Giao hàng trong nước") >= 2
        or preview.count("Delivery in Vietnam") >= 2
    )
    buyer.place_order()

    order = Order.objects.get()
    assert order.lines.count() == 3
    assert order.parcels.count() == 3
    kinds = {parcel.partner_id: parcel.kind for parcel in order.parcels.all()}
    assert kinds[centres["three"].partner_id] == DeliveryKind.PICKUP
    assert order.shipping_incl_tax == Decimal("38000") + Decimal("30000")


def test_pickup_is_free_and_the_order_says_where_and_from_when(centres, ceramics):
    buyer = Buyer(language="en")
    buyer.add(ceramics)
    response = buyer.checkout({centres["four"]: "pickup"}, "cod")

    order = Order.objects.get()
    parcel = order.parcels.get()
    assert parcel.kind == DeliveryKind.PICKUP and parcel.charge == 0
    assert parcel.pickup_place == (
        f"{centres['four'].historical_address} (address at recognition, 2023)"
    )
    assert parcel.ready_from is not None
    assert order.language == "en"
    page = visible_text(buyer.client.get(response["Location"]).content)
    assert "Collect at" in page and "Ready from" in page
    assert "Not yet provided" in page
    assert "Collect at" in mail.outbox[-1].body


def test_account_checkout_with_vietqr_shows_a_code_for_the_order_total(
    centres, ceramics
):
    client = CommittingClient()
    user = UserFactory(email="lan@example.com")
    assert client.login(username=user.email, password=TEST_PASSWORD)
    buyer = Buyer(client=client)
    buyer.add(ceramics)
    buyer.client.get(buyer.url("checkout:index"))
    assert buyer.give_address().status_code == 302
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("vietqr")
    response = buyer.place_order()

    order = Order.objects.get()
    assert order.user == user
    assert order.status == OrderStatus.AWAITING_TRANSFER
    page = buyer.client.get(response["Location"]).content.decode()
    assert "<svg" in page
    assert "0011004455667" in page and order.number in page

    from payment.vietqr import transfer_request_for

    transfer = transfer_request_for(order)
    decoded = decode_payload(transfer.payload)
    assert decoded.amount == int(order.total_incl_tax) == 488000
    assert decoded.note == order.number
    assert decoded.account_number == "0011004455667"

    account_page = visible_text(
        client.get(f"/vi/shop/accounts/orders/{order.number}/").content
    )
    assert "Chờ chuyển khoản" in account_page and "Trung tâm Bát Tràng" in account_page

    email = mail.outbox[-1]
    assert email.to == ["lan@example.com"]
    assert "0011004455667" in email.body
    inline = [part for part in email.attachments if not isinstance(part, tuple)]
    assert inline and inline[0]["Content-ID"] == "<vietqr>"
    html = {mimetype: body for body, mimetype in email.alternatives}["text/html"]
    assert 'src="cid:vietqr"' in html


def test_bank_transfer_page_and_email_follow_the_buyers_language(centres, ceramics):
    buyer = Buyer(language="en")
    buyer.add(ceramics)
    response = buyer.checkout({centres["four"]: "domestic"}, "vietqr")
    page = visible_text(buyer.client.get(response["Location"]).content)
    assert "Pay by bank transfer (VietQR)" in page
    assert "approximate" in page
    assert "Transfer note" in mail.outbox[-1].body


def test_cash_on_delivery_is_not_offered_for_parcels_sent_abroad(centres, ceramics):
    buyer = Buyer(language="en")
    buyer.add(ceramics)
    buyer.checkout_as_guest()
    assert buyer.give_address(PARIS_ADDRESS).status_code == 302
    page = visible_text(buyer.delivery_page().content)
    assert "International delivery" in page
    assert "Delivery in Vietnam" not in page

    buyer.choose_delivery({centres["four"]: "international"})
    response = buyer.pay_by("cod")

    assert response.status_code == 200
    assert "not available" in visible_text(response.content)
    choices = re.findall(r'name="method" value="(\w+)"', response.content.decode())
    assert "cod" not in choices and "vietqr" in choices


def test_international_parcels_are_priced_by_the_zone_of_the_country(centres, ceramics):
    buyer = Buyer(language="en")
    buyer.add(ceramics)
    buyer.checkout({centres["four"]: "international"}, "vietqr", address=PARIS_ADDRESS)
    parcel = Parcel.objects.get()
    assert parcel.kind == DeliveryKind.INTERNATIONAL
    assert parcel.rate_code == "intl-europe"
    assert parcel.charge == Decimal("980000")  # 1.5 kg: the 2 kg band


def test_banh_chung_is_delivered_only_within_hanoi(centres, banh_chung):
    buyer = Buyer()
    buyer.add(banh_chung, 2)
    buyer.checkout_as_guest()
    buyer.give_address(HUE_ADDRESS)

    response = buyer.choose_delivery({centres["unknown"]: "domestic"})

    assert response.status_code == 200
    field = f"parcel-{centres['unknown'].partner_id}"
    assert response.context["delivery_form"].errors[field]
    assert "Hà Nội" in visible_text(response.content)
    assert buyer.choose_delivery({centres["unknown"]: "pickup"}).status_code == 302

    buyer.give_address()
    assert buyer.choose_delivery({centres["unknown"]: "domestic"}).status_code == 302


def test_banh_chung_never_travels_abroad(centres, banh_chung):
    buyer = Buyer(language="en")
    buyer.add(banh_chung)
    buyer.checkout_as_guest()
    buyer.give_address(PARIS_ADDRESS)
    page = buyer.delivery_page()
    kinds = re.findall(
        r'value="(domestic|international|pickup)"', page.content.decode()
    )
    assert kinds == ["pickup"]


def test_made_to_measure_ao_dai_asks_for_measurements_and_keeps_them(centres, ao_dai):
    buyer = Buyer()
    buyer.add(ao_dai)
    buyer.checkout_as_guest()
    buyer.give_address()
    line = buyer.delivery_page().context["groups"][0]["parcel"].lines[0]

    missing = buyer.choose_delivery({centres["three"]: "domestic"})
    assert missing.status_code == 200
    form = missing.context["groups"][0]["measurement_forms"][0]
    assert set(form.errors) >= {"bust", "waist", "length"}
    assert "centimét" in visible_text(missing.content)

    too_small = {**AO_DAI_MEASUREMENTS, "waist": 5}
    response = buyer.choose_delivery(
        {centres["three"]: "domestic"}, {line.pk: too_small}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="84"' in html  # what was typed stays

    response = buyer.choose_delivery(
        {centres["three"]: "domestic"}, {line.pk: AO_DAI_MEASUREMENTS}
    )
    assert response.status_code == 302
    buyer.pay_by("cod")
    buyer.place_order()
    order_line = Order.objects.get().lines.get()
    sizes = order_line.attributes.get(type="measurements").value
    assert sizes["waist"] == 66 and sizes["length"] == 130
    assert mail.outbox, "no e-mail"
    assert "Vòng eo: 66 cm" in mail.outbox[-1].body


def test_a_bad_phone_number_is_shown_next_to_its_field_and_nothing_is_lost(
    centres, ceramics
):
    buyer = Buyer()
    buyer.add(ceramics)
    buyer.checkout_as_guest()

    response = buyer.give_address(phone_number="12345")

    assert response.status_code == 200
    assert "phone_number" in response.context["form"].errors
    html = response.content.decode()
    assert "12 Hàng Bạc" in html and "Phường Hoàn Kiếm" in html
    assert Order.objects.count() == 0


def test_staff_record_cash_received_and_the_buyer_is_told(
    centres, ceramics, admin_client, django_capture_on_commit_callbacks
):
    buyer = Buyer()
    buyer.add(ceramics)
    buyer.checkout({centres["four"]: "domestic"}, "cod")
    order = Order.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/vi/shop/dashboard/orders/{order.number}/",
            {"order_action": "mark_paid", "reference": "GHN-123"},
        )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.is_paid and order.status == OrderStatus.PAID
    assert Source.objects.get(order=order).amount_debited == order.total_incl_tax
    assert mail.outbox[-1].subject == (
        f"Đơn hàng {order.number}: đã nhận thanh toán, cảm ơn bạn"
    )
    admin_client.post(
        f"/vi/shop/dashboard/orders/{order.number}/", {"order_action": "mark_paid"}
    )
    assert Source.objects.get(order=order).transactions.count() == 1


def test_stock_sold_to_another_buyer_meanwhile_sends_the_buyer_back_to_the_basket(
    centres, ceramics
):
    record = ceramics.stockrecords.get()
    first, second = Buyer(), Buyer()
    for buyer in (first, second):
        buyer.add(ceramics, 5)
        buyer.checkout_as_guest()
        buyer.give_address()
        buyer.choose_delivery({centres["four"]: "domestic"})
        buyer.pay_by("cod")

    assert first.place_order().status_code == 302
    refused = second.place_order()

    assert refused.status_code == 302
    assert refused["Location"] == second.url("basket:summary")
    basket_page = visible_text(second.client.get(refused["Location"]).content)
    assert "Bình gốm men rạn" in basket_page
    assert Order.objects.count() == 1
    record.refresh_from_db()
    assert record.num_allocated == 5


def test_the_basket_shows_delivery_estimates_centre_by_centre(
    centres, ceramics, basket_weave
):
    buyer = Buyer()
    buyer.add(ceramics)
    buyer.add(basket_weave)

    page = visible_text(buyer.client.get(buyer.url("basket:summary")).content)

    assert re.search(r"Trung tâm Bát Tràng .* Giao trong nước từ 38\.000 ₫", page)
    assert re.search(r"Trung tâm Phú Vinh .* Giao trong nước từ 30\.000 ₫", page)
    assert page.count("nhận tại trung tâm thì miễn phí") == 2
    assert "US$" in page


def test_the_basket_says_banh_chung_goes_only_within_hanoi(centres, banh_chung):
    buyer = Buyer()
    buyer.add(banh_chung)

    page = visible_text(buyer.client.get(buyer.url("basket:summary")).content)

    assert re.search(r"Trung tâm Hạ Thái .* Chỉ giao trong Hà Nội, từ 38\.000 ₫", page)


def test_a_second_place_order_for_the_same_basket_shows_the_first_order(
    centres, ceramics
):
    buyer = Buyer()
    buyer.add(ceramics)
    first = buyer.checkout({centres["four"]: "domestic"}, "cod")
    order = Order.objects.get()
    # The second click's request loaded the basket before the first one submitted it.
    order.basket.thaw()
    buyer.checkout_as_guest()
    buyer.give_address()
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("cod")

    second = buyer.place_order()

    assert second.status_code == 302
    assert second["Location"].split("?")[0] == first["Location"]
    assert Order.objects.count() == 1
    assert net_stock(ceramics) == 4


def test_only_site_staff_change_status_or_record_payments(centres, ceramics, client):
    buyer = Buyer()
    buyer.add(ceramics)
    buyer.checkout({centres["four"]: "domestic"}, "cod")
    order = Order.objects.get()
    centre_staff = UserFactory()
    centres["four"].partner.users.add(centre_staff)
    centre_staff.user_permissions.add(
        Permission.objects.get(codename="dashboard_access")
    )
    client.force_login(centre_staff)
    page = f"/vi/shop/dashboard/orders/{order.number}/"

    client.post(page, {"order_action": "mark_paid"})
    client.post(page, {"order_action": "change_order_status", "new_status": "Paid"})
    client.post(page, {"order_action": "create_order_payment_event", "amount": "1"})

    order.refresh_from_db()
    assert not order.is_paid and order.status == OrderStatus.AWAITING_CONFIRMATION
    assert order.payment_events.count() == 0


def test_staff_cancelling_an_unpaid_order_puts_its_stock_back(
    centres, ceramics, admin_client
):
    buyer = Buyer()
    buyer.add(ceramics, 2)
    buyer.checkout({centres["four"]: "domestic"}, "vietqr")
    order = Order.objects.get()
    page = f"/vi/shop/dashboard/orders/{order.number}/"

    admin_client.post(
        page, {"order_action": "change_order_status", "new_status": "Paid"}
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_TRANSFER

    admin_client.post(
        page, {"order_action": "change_order_status", "new_status": "Cancelled"}
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert net_stock(ceramics) == 5
    response = admin_client.post(page, {"order_action": "mark_paid"})
    order.refresh_from_db()
    assert response.status_code == 302 and not order.is_paid


def test_unpaid_transfers_are_cancelled_after_some_days(centres, ceramics):
    buyer = Buyer()
    buyer.add(ceramics)
    buyer.checkout({centres["four"]: "domestic"}, "vietqr")
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=4)
    )

    call_command("cancel_unpaid_orders", "--days", "3", stdout=StringIO())

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert net_stock(ceramics) == 5
