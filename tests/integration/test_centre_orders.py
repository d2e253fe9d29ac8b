"""Centre staff handle their own lines of an order, and only those.

An order from Bát Tràng and Vạn Phúc is one order with a parcel per centre.
Bát Tràng's staff see their lines, their share of the money and where to send
their parcel; they move their lines to shipped (with carrier and tracking
number) and record the cash for their share. Vạn Phúc's lines, and the order's
total, are not theirs to see or change.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from oscar.core.loading import get_model

from order.emails import order_status_path
from order.models import Parcel
from order.statuses import LineStatus, OrderStatus
from tests.factories import (
    TEST_PASSWORD,
    DesignCentreFactory,
    ProductFactory,
    centre_staff,
    site_manager,
)
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages(db):
    return {
        slug: DesignCentreFactory(
            slug=slug,
            village=village,
            name=f"Trung tâm {village}",
            name_en=f"{village} Centre",
        )
        for slug, village in (
            ("bat-trang", "Bát Tràng"),
            ("van-phuc", "Vạn Phúc"),
            ("kim-lan", "Kim Lan"),
        )
    }


@pytest.fixture
def goods(villages):
    return {
        "vase": ProductFactory(
            centre=villages["bat-trang"],
            title="Bình gốm men lam",
            title_en="Blue-glaze vase",
            price=Decimal("1250000"),
        ),
        "scarf": ProductFactory(
            centre=villages["van-phuc"],
            title="Khăn lụa Vạn Phúc",
            title_en="Vạn Phúc silk scarf",
            price=Decimal("480000"),
        ),
        "bowl": ProductFactory(
            centre=villages["kim-lan"],
            title="Bát gốm Kim Lan",
            title_en="Kim Lan bowl",
            price=Decimal("150000"),
        ),
    }


def place_order(villages, products, kinds, method="cod", language="vi"):
    buyer = Buyer(language=language)
    for product in products:
        buyer.add(product)
    response = buyer.checkout(
        {villages[slug]: kind for slug, kind in kinds.items()}, method
    )
    assert response.status_code == 302, response.content[:500]
    if method == "cod":
        buyer.confirm_from_email()
    return Order.objects.order_by("-pk").first()


@pytest.fixture
def shared_order(villages, goods):
    """Cash on delivery: Bát Tràng sends a vase, the scarf is collected at Vạn Phúc."""
    order = place_order(
        villages,
        [goods["vase"], goods["scarf"]],
        {"bat-trang": "domestic", "van-phuc": "pickup"},
    )
    mail.outbox.clear()
    return order


def signed_in(client, user):
    assert client.login(username=user.email, password=TEST_PASSWORD)
    return client


@pytest.fixture
def bat_trang(client, villages):
    return signed_in(client, centre_staff(villages["bat-trang"]))


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def line_of(order, centre):
    return order.lines.get(partner=centre.partner)


def post(client, order, data):
    """Post to the order's dashboard page; e-mails queued for the commit go out."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(detail_url(order), data, follow=True)


def move(client, order, lines, status, **fields):
    return post(
        client,
        order,
        {
            "order_action": "move_lines",
            "selected_line": [line.pk for line in lines],
            "line_status": status,
            **fields,
        },
    )


def record_payment(client, order, **fields):
    return post(client, order, {"order_action": "mark_share_paid", **fields})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_bat_trang_staff_see_their_lines_share_and_delivery_details_only(
    bat_trang, shared_order, villages, report_figure
):
    response = bat_trang.get(detail_url(shared_order))

    assert response.status_code == 200
    text = visible_text(response.content)
    vase_share = (
        Decimal("1250000")
        + Parcel.objects.get(
            order=shared_order, partner=villages["bat-trang"].partner
        ).charge
    )
    assert "Bình gốm men lam" in text
    assert "Nguyễn Thị Lan" in text and "12 Hàng Bạc" in text and "0912 345 678" in text
    assert f"{vase_share:,.0f}".replace(",", ".") in text
    assert "Khăn lụa" not in text
    assert "Vạn Phúc" not in text
    assert "khach@example.com" not in text
    total = f"{shared_order.total_incl_tax:,.0f}".replace(",", ".")
    assert total not in text
    report_figure(
        "Bát Tràng staff on order "
        f"{shared_order.number} (Bát Tràng + Vạn Phúc lines): "
        + text[text.index("Ngày mua") : text.index("Chuyển các dòng")][:600]
    )


def test_another_centres_line_and_an_order_without_their_lines_are_not_found(
    bat_trang, shared_order, villages, goods
):
    scarf_line = line_of(shared_order, villages["van-phuc"])
    kim_lan_order = place_order(villages, [goods["bowl"]], {"kim-lan": "domestic"})

    foreign_line = reverse(
        "dashboard:order-line-detail",
        kwargs={"number": shared_order.number, "line_id": scarf_line.pk},
    )
    assert bat_trang.get(foreign_line).status_code == 404
    assert bat_trang.get(detail_url(kim_lan_order)).status_code == 404
    assert bat_trang.post(detail_url(kim_lan_order), {}).status_code == 404
    own_line = reverse(
        "dashboard:order-line-detail",
        kwargs={
            "number": shared_order.number,
            "line_id": line_of(shared_order, villages["bat-trang"]).pk,
        },
    )
    assert bat_trang.get(own_line).status_code == 200


def test_the_order_list_and_its_export_hold_only_their_share(
    bat_trang, shared_order, villages, goods
):
    kim_lan_order = place_order(villages, [goods["bowl"]], {"kim-lan": "domestic"})

    page = bat_trang.get(reverse("dashboard:order-list"))
    text = visible_text(page.content)
    assert shared_order.number in text
    assert kim_lan_order.number not in text
    assert "Bình gốm men lam" in text and "Khăn lụa" not in text
    assert f"{shared_order.total_incl_tax:,.0f}".replace(",", ".") not in text

    export = bat_trang.post(
        reverse("dashboard:order-list"),
        {
            "action": "download_selected_orders",
            "selected_order": [shared_order.pk, kim_lan_order.pk],
        },
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    share = (
        Decimal("1250000")
        + Parcel.objects.get(
            order=shared_order, partner=villages["bat-trang"].partner
        ).charge
    )
    assert rows[1][0] == shared_order.number
    assert Decimal(rows[1][3]) == share
    assert "khach@example.com" not in export.content.decode()


def test_lines_go_confirmed_packed_shipped_and_the_buyer_hears_of_the_parcel(
    bat_trang, shared_order, villages
):
    vase = line_of(shared_order, villages["bat-trang"])

    move(bat_trang, shared_order, [vase], LineStatus.CONFIRMED)
    move(bat_trang, shared_order, [vase], LineStatus.PACKED)
    refused = move(bat_trang, shared_order, [vase], LineStatus.SHIPPED)
    assert "Hãy ghi hãng vận chuyển và mã vận đơn." in messages_of(refused)
    assert not mail.outbox

    shipped = move(
        bat_trang,
        shared_order,
        [vase],
        LineStatus.SHIPPED,
        carrier="Viettel Post",
        tracking_number="VTP123456789",
    )

    vase.refresh_from_db()
    parcel = Parcel.objects.get(
        order=shared_order, partner=villages["bat-trang"].partner
    )
    assert vase.status == LineStatus.SHIPPED
    assert (parcel.carrier, parcel.tracking_number) == ("Viettel Post", "VTP123456789")
    assert parcel.shipped_at is not None
    assert ShippingEvent.objects.filter(order=shared_order).count() == 3
    assert any("người mua" in message for message in messages_of(shipped))
    [email] = mail.outbox
    assert email.to == ["khach@example.com"]
    assert shared_order.number in email.subject
    assert "Viettel Post" in email.body and "VTP123456789" in email.body
    assert "Bình gốm men lam" in email.body and "Khăn lụa" not in email.body
    assert line_of(shared_order, villages["van-phuc"]).status == LineStatus.NEW
    buyer = Client()
    confirm_email = buyer.get(order_status_path(shared_order), follow=True)
    buyer_page = visible_text(
        buyer.post(
            confirm_email.redirect_chain[-1][0],
            {"email": "khach@example.com"},
            follow=True,
        ).content
    )
    assert "Mã vận đơn: VTP123456789" in buyer_page
    assert "Đã gửi hàng" in buyer_page


def test_a_parcel_to_collect_is_made_ready_then_collected_never_shipped(
    client, shared_order, villages
):
    van_phuc = signed_in(client, centre_staff(villages["van-phuc"]))
    scarf = line_of(shared_order, villages["van-phuc"])

    refused = move(
        van_phuc,
        shared_order,
        [scarf],
        LineStatus.SHIPPED,
        carrier="VNPost",
        tracking_number="1",
    )
    assert "Các dòng này được nhận tại trung tâm." in messages_of(refused)

    move(van_phuc, shared_order, [scarf], LineStatus.READY_FOR_PICKUP)
    [email] = mail.outbox
    assert "Khăn lụa Vạn Phúc" in email.body
    assert "Bình gốm" not in email.body

    move(van_phuc, shared_order, [scarf], LineStatus.COLLECTED)
    scarf.refresh_from_db()
    assert scarf.status == LineStatus.COLLECTED
    assert len(mail.outbox) == 1


def test_an_english_buyer_gets_the_shipping_email_in_english(
    bat_trang, villages, goods
):
    order = place_order(
        villages, [goods["vase"]], {"bat-trang": "domestic"}, language="en"
    )
    mail.outbox.clear()

    move(
        bat_trang,
        order,
        [line_of(order, villages["bat-trang"])],
        LineStatus.SHIPPED,
        carrier="GHN",
        tracking_number="GHN42",
    )

    [email] = mail.outbox
    assert "has sent your parcel" in email.subject
    assert "Tracking number: GHN42" in email.body


def test_they_cannot_move_another_centres_line_in_the_same_order(
    bat_trang, shared_order, villages
):
    scarf = line_of(shared_order, villages["van-phuc"])
    vase = line_of(shared_order, villages["bat-trang"])

    response = move(bat_trang, shared_order, [vase, scarf], LineStatus.CONFIRMED)

    assert "Hãy chọn các dòng cần chuyển." in messages_of(response)
    scarf.refresh_from_db()
    vase.refresh_from_db()
    assert scarf.status == vase.status == LineStatus.NEW
    assert not ShippingEvent.objects.exists()


def test_each_centre_records_cash_for_its_share_and_the_last_one_pays_the_order(
    client, shared_order, villages
):
    bat_trang = signed_in(client, centre_staff(villages["bat-trang"]))
    bat_trang_parcel = Parcel.objects.get(
        order=shared_order, partner=villages["bat-trang"].partner
    )

    post = {
        "order_action": "mark_share_paid",
        "partner": villages["van-phuc"].partner.pk,
    }
    bat_trang.post(detail_url(shared_order), post)
    assert not Parcel.objects.filter(paid_at__isnull=False).exists()

    bat_trang.post(detail_url(shared_order), {"order_action": "mark_share_paid"})
    again = bat_trang.post(
        detail_url(shared_order), {"order_action": "mark_share_paid"}, follow=True
    )
    assert "Khoản thanh toán này đã được ghi trước đó." in messages_of(again)
    bat_trang_parcel.refresh_from_db()
    shared_order.refresh_from_db()
    assert bat_trang_parcel.paid_at is not None
    assert shared_order.paid_at is None
    [payment] = PaymentEvent.objects.filter(order=shared_order)
    assert payment.amount == Decimal("1250000") + bat_trang_parcel.charge
    assert not mail.outbox

    client.logout()
    van_phuc = signed_in(client, centre_staff(villages["van-phuc"]))
    record_payment(van_phuc, shared_order)

    shared_order.refresh_from_db()
    assert shared_order.paid_at is not None
    assert shared_order.status == OrderStatus.PAID
    assert sum(p.amount for p in PaymentEvent.objects.filter(order=shared_order)) == (
        shared_order.total_incl_tax
    )
    [email] = mail.outbox
    assert "payment" in email.subject.lower() or "thanh toán" in email.subject.lower()


def test_a_bank_transfer_is_not_sent_before_it_is_received(client, villages, goods):
    order = place_order(villages, [goods["vase"]], {"bat-trang": "domestic"}, "vietqr")
    bat_trang = signed_in(client, centre_staff(villages["bat-trang"]))
    vase = line_of(order, villages["bat-trang"])

    refused = move(
        bat_trang, order, [vase], LineStatus.SHIPPED, carrier="GHN", tracking_number="1"
    )
    assert "Hãy đợi đơn được thanh toán rồi mới gửi hàng." in messages_of(refused)

    # The transfer reaches the site's account, which only site managers see.
    not_theirs = record_payment(bat_trang, order)
    assert (
        "Tiền chuyển khoản về tài khoản riêng của trang web: chỉ quản lý của trang "
        "mới xác nhận được." in messages_of(not_theirs)
    )
    post(
        signed_in(Client(), site_manager()),
        order,
        {"order_action": "mark_paid", "reference": "FT26005000000001"},
    )
    move(
        bat_trang, order, [vase], LineStatus.SHIPPED, carrier="GHN", tracking_number="1"
    )

    order.refresh_from_db()
    vase.refresh_from_db()
    assert vase.status == LineStatus.SHIPPED
    assert order.status == OrderStatus.COMPLETED


def test_whole_order_actions_stay_with_the_site_staff(bat_trang, shared_order):
    before = shared_order.status
    response = bat_trang.post(
        detail_url(shared_order),
        {"order_action": "change_order_status", "new_status": OrderStatus.CANCELLED},
        follow=True,
    )
    assert (
        "Chỉ nhân viên của trang được đổi trạng thái hoặc thanh toán của đơn hàng."
        in (messages_of(response))
    )
    bat_trang.post(
        detail_url(shared_order), {"order_action": "save_note", "message": "Xin chào"}
    )
    shared_order.refresh_from_db()
    assert shared_order.status == before
    assert not shared_order.notes.filter(message="Xin chào").exists()
    for name, kwargs in (
        ("dashboard:order-stats", {}),
        ("dashboard:order-shipping-address", {"number": shared_order.number}),
    ):
        assert bat_trang.get(reverse(name, kwargs=kwargs)).status_code == 403


def test_a_site_manager_sees_every_centre_and_moves_any_line(
    client, shared_order, villages
):
    manager = signed_in(client, site_manager())

    page = manager.get(detail_url(shared_order))
    text = visible_text(page.content)
    assert "Bình gốm men lam" in text and "Khăn lụa Vạn Phúc" in text

    move(
        manager,
        shared_order,
        [line_of(shared_order, villages["van-phuc"])],
        LineStatus.READY_FOR_PICKUP,
    )
    assert line_of(shared_order, villages["van-phuc"]).status == (
        LineStatus.READY_FOR_PICKUP
    )


def test_a_centre_cannot_cancel_its_lines_the_site_staff_cancel_the_order(
    client, shared_order, villages, goods
):
    bat_trang = signed_in(client, centre_staff(villages["bat-trang"]))
    vase = line_of(shared_order, villages["bat-trang"])
    held = goods["vase"].stockrecords.get().num_allocated

    refused = move(bat_trang, shared_order, [vase], LineStatus.CANCELLED)

    assert any("hủy cùng đơn hàng" in message for message in messages_of(refused))
    vase.refresh_from_db()
    assert vase.status == LineStatus.NEW
    assert goods["vase"].stockrecords.get().num_allocated == held

    client.logout()
    manager = signed_in(client, site_manager())
    post(
        manager,
        shared_order,
        {"order_action": "change_order_status", "new_status": OrderStatus.CANCELLED},
    )
    shared_order.refresh_from_db()
    assert shared_order.status == OrderStatus.CANCELLED
    assert set(shared_order.lines.values_list("status", flat=True)) == {
        LineStatus.CANCELLED
    }
    assert goods["vase"].stockrecords.get().num_allocated == held - 1


def test_a_product_search_finds_orders_by_their_own_lines_only(bat_trang, shared_order):
    def found(title):
        page = bat_trang.get(reverse("dashboard:order-list"), {"product_title": title})
        return shared_order.number in visible_text(page.content)

    assert found("Bình gốm")
    assert not found("Khăn lụa")
