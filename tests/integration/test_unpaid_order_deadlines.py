"""Every unpaid order has a deadline, and past it the order lets its stock go.

A card order has its Stripe Checkout Session's expiry, a bank transfer
``VIETQR_PAY_WITHIN_HOURS``, and a cash-on-delivery order waits for the buyer's
confirmation (from the e-mailed link, or to the centre on the phone) for
``COD_CONFIRM_HOURS``. The buyer reads the deadline on the confirmation page
and in the e-mail, in their language and in Vietnam's time.
``manage.py expire_unpaid_orders`` cancels what is past it, once.

Limits on what one buyer may hold are in test_hoarding_limits.py.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from order.deadlines import CONFIRMATION_SALT, confirmation_token
from order.models import Parcel
from order.statuses import LineStatus, OrderStatus
from order.tasks import expire_unpaid_orders
from order.templatetags.order_tags import vietnam_time
from payment.cards import stripe_client
from tests.committing import CommittingClient
from tests.concurrency import all_at_once
from tests.factories import (
    ProductFactory,
    blue_glaze_vase,
    centre_staff,
    net_stock,
    site_manager,
    three_centres,
)
from tests.markup import visible_text
from tests.shopping import Buyer, confirmation_path_in

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db


@pytest.fixture
def vase(centres):
    return blue_glaze_vase(centres["four"], price=Decimal("450000"), num_in_stock=20)


def place(centres, product, method, *, language="vi", number=1, quantity=1):
    """One buyer (their own address, e-mail and phone) orders ``product``."""
    buyer = Buyer(
        language=language, client=CommittingClient(REMOTE_ADDR=f"10.0.1.{number}")
    )
    buyer.add(product, quantity)
    buyer.checkout_as_guest(f"khach{number}@example.com")
    assert buyer.give_address(phone_number=f"0912 345 {600 + number}").status_code
    assert buyer.choose_delivery({centres["four"]: "domestic"}).status_code == 302
    assert buyer.pay_by(method).status_code == 302
    response = buyer.place_order()
    assert response.status_code == 302, visible_text(response.content)[:500]
    return buyer, response, Order.objects.order_by("-pk").first()


def html_of(email) -> str:
    return {mimetype: body for body, mimetype in email.alternatives}["text/html"]


def make_late(*orders) -> None:
    """Their deadline passed a minute ago."""
    Order.objects.filter(pk__in=[order.pk for order in orders]).update(
        payment_deadline=timezone.now() - timedelta(minutes=1)
    )


def expire() -> str:
    out = StringIO()
    call_command("expire_unpaid_orders", stdout=out)
    return out.getvalue()


# Deadlines
# ------------------------------------------------------------------------------


def test_each_way_to_pay_sets_its_deadline_when_the_order_is_placed(
    centres, vase, cards, settings
):
    settings.VIETQR_PAY_WITHIN_HOURS = 48
    settings.COD_CONFIRM_HOURS = 12
    before = timezone.now()

    _, _, cod = place(centres, vase, "cod", number=1)
    _, _, transfer = place(centres, vase, "vietqr", number=2)
    _, _, card = place(centres, vase, "card", number=3)

    after = timezone.now()
    assert cod.status == OrderStatus.AWAITING_CONFIRMATION
    assert cod.confirmed_at is None
    assert before + timedelta(hours=12) <= cod.payment_deadline
    assert cod.payment_deadline <= after + timedelta(hours=12)
    assert before + timedelta(hours=48) <= transfer.payment_deadline
    assert transfer.payment_deadline <= after + timedelta(hours=48)
    session = card.stripe_sessions.get()
    stripe_session = stripe_client().v1.checkout.sessions.retrieve(session.session_id)
    assert card.payment_deadline.timestamp() == stripe_session.expires_at
    assert {cod.placed_from, transfer.placed_from} == {"10.0.1.1", "10.0.1.2"}
    assert cod.session_key and cod.session_key != transfer.session_key


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_buyer_reads_the_deadline_on_the_page_and_in_the_email(
    centres, vase, language
):
    buyer, response, order = place(centres, vase, "cod", language=language)
    with translation.override(language):
        deadline = vietnam_time(order.payment_deadline)
    local = timezone.localtime(order.payment_deadline)
    clock = local.strftime("%H:%M") if language == "vi" else ""

    page = visible_text(buyer.client.get(response["Location"]).content)
    [email] = mail.outbox

    if language == "vi":
        assert deadline == f"{clock} ngày {local:%d/%m/%Y} (giờ Việt Nam)"
        said = f"Hãy xác nhận trước {deadline}"
        assert "Đơn hàng" in email.subject and "xác nhận" in email.subject
    else:
        assert deadline.endswith("(Vietnam time)")
        said = f"Confirm by {deadline}"
        assert email.subject == f"Order {order.number}: please confirm it"
    assert said in page
    assert said in email.body
    assert said in visible_text(html_of(email))
    assert confirmation_path_in(email).startswith(f"/{language}/shop/checkout/")


def test_a_transfer_shows_until_when_it_is_held(centres, vase):
    buyer, response, order = place(centres, vase, "vietqr")
    deadline = vietnam_time(order.payment_deadline)

    page = visible_text(buyer.client.get(response["Location"]).content)
    said = f"Hãy chuyển khoản trước {deadline}"
    assert said in page
    assert said in mail.outbox[-1].body
    assert said in visible_text(html_of(mail.outbox[-1]))


def test_a_card_buyer_waiting_for_stripe_reads_the_sessions_deadline(
    centres, vase, cards
):
    buyer, _, order = place(centres, vase, "card", language="en")
    session = next(iter(cards.sessions.values()))

    page = visible_text(buyer.client.get(session["success_url"]).content)

    assert "Payment being confirmed" in page
    with translation.override("en"):
        assert (
            f"If the payment is not confirmed by {vietnam_time(order.payment_deadline)}"
            in page
        )


# Confirming cash on delivery
# ------------------------------------------------------------------------------


def test_the_buyer_confirms_from_the_emailed_link_and_only_the_button_confirms(
    centres, vase
):
    buyer, _, order = place(centres, vase, "cod")
    path = confirmation_path_in(mail.outbox[-1])
    stranger = Client()

    shown = stranger.get(path)

    assert shown.status_code == 200
    text = visible_text(shown.content)
    assert "Đây có phải đơn hàng của bạn không?" in text
    assert "Bình gốm men lam" in text and "Nguyễn Thị Lan" not in text
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_CONFIRMATION
    assert order.confirmed_at is None

    assert stranger.post(path).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CASH_ON_DELIVERY
    confirmed_at = order.confirmed_at
    assert confirmed_at is not None

    again = stranger.post(path, follow=True)
    order.refresh_from_db()
    assert order.confirmed_at == confirmed_at
    [note] = order.notes.all()
    assert note.message.startswith("Cash on delivery confirmed by the buyer")
    assert "Cảm ơn bạn: đơn hàng đã được xác nhận" in visible_text(again.content)


def old_token(order, *, hours: int) -> str:
    """The order's token as ``signing.dumps`` made it ``hours`` ago."""

    class SignedThen(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(timezone.now().timestamp()) - hours * 3600)

    return SignedThen(salt=CONFIRMATION_SALT).sign_object({"order": order.number})


@pytest.mark.parametrize(
    ("case", "token_of", "message"),
    [
        (
            "altered",
            lambda order: confirmation_token(order)[:-3] + "abc",
            "Liên kết xác nhận này không hợp lệ.",
        ),
        (
            "signed for something else",
            lambda order: signing.dumps({"order": order.number}),
            "Liên kết xác nhận này không hợp lệ.",
        ),
        (
            "naming another order",
            lambda order: signing.dumps({"order": "999999"}, salt=CONFIRMATION_SALT),
            "Liên kết xác nhận này không hợp lệ.",
        ),
        (
            "older than the time to confirm",
            lambda order: old_token(order, hours=25),
            "Liên kết xác nhận này đã hết hạn",
        ),
    ],
)
def test_a_bad_link_is_refused_with_a_message_and_confirms_nothing(
    centres, vase, client, case, token_of, message
):
    _, _, order = place(centres, vase, "cod")
    path = f"/vi/shop/checkout/confirm/{token_of(order)}/"

    shown = client.get(path)
    pressed = client.post(path)

    for response in (shown, pressed):
        assert response.status_code == 400, case
        assert message in visible_text(response.content), case
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_CONFIRMATION and not order.confirmed_at


def test_a_link_opened_after_the_deadline_no_longer_confirms(centres, vase, client):
    _, _, order = place(centres, vase, "cod")
    path = confirmation_path_in(mail.outbox[-1])
    make_late(order)

    page = visible_text(client.get(path).content)
    client.post(path)

    assert "Đã hết thời hạn xác nhận đơn hàng này" in page
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_CONFIRMATION and not order.confirmed_at


def detail_url(order) -> str:
    return f"/vi/shop/dashboard/orders/{order.number}/"


def test_the_centre_confirms_by_phone_and_only_then_sends_the_parcel(
    centres, vase, client
):
    _, _, order = place(centres, vase, "cod")
    line = order.lines.get()
    client.force_login(centre_staff(centres["four"]))

    page = visible_text(client.get(detail_url(order)).content)
    refused = client.post(
        detail_url(order),
        {
            "order_action": "move_lines",
            "selected_line": [line.pk],
            "line_status": LineStatus.PACKED,
        },
        follow=True,
    )
    assert "Đã xác nhận qua điện thoại" in page and "0912 345 601" in page
    assert "Người mua chưa xác nhận đơn hàng này" in visible_text(refused.content)
    line.refresh_from_db()
    assert line.status == LineStatus.NEW

    confirmed = client.post(
        detail_url(order), {"order_action": "confirm_by_phone"}, follow=True
    )
    client.post(
        detail_url(order),
        {
            "order_action": "move_lines",
            "selected_line": [line.pk],
            "line_status": LineStatus.SHIPPED,
            "carrier": "GHN",
            "tracking_number": "GHN123",
        },
    )

    assert "Đã xác nhận đơn hàng qua điện thoại" in visible_text(confirmed.content)
    order.refresh_from_db()
    line.refresh_from_db()
    assert order.confirmed_at is not None and line.status == LineStatus.SHIPPED
    assert order.status == OrderStatus.SHIPPED
    note = order.notes.get(message__startswith="Cash on delivery confirmed")
    assert "by phone, recorded by staff-" in note.message


def test_another_centres_staff_cannot_confirm_it_a_site_manager_can(
    centres, vase, client
):
    _, _, order = place(centres, vase, "cod")
    client.force_login(centre_staff(centres["three"]))

    refused = client.post(detail_url(order), {"order_action": "confirm_by_phone"})

    assert refused.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_CONFIRMATION

    client.force_login(site_manager())
    client.post(detail_url(order), {"order_action": "confirm_by_phone"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CASH_ON_DELIVERY and order.confirmed_at


# Expiry
# ------------------------------------------------------------------------------


def test_expiry_cancels_exactly_the_stale_orders_once(
    centres, vase, cards, report_figure
):
    orders = {}
    for number, (case, method) in enumerate(
        [
            ("COD unconfirmed, late", "cod"),
            ("COD unconfirmed, in time", "cod"),
            ("COD confirmed, late", "cod"),
            ("transfer unpaid, late", "vietqr"),
            ("transfer unpaid, in time", "vietqr"),
            ("transfer paid, late", "vietqr"),
            ("card unpaid, late", "card"),
            ("card paid at Stripe, webhook not yet in, late", "card"),
            ("card unpaid, in time", "card"),
        ],
        start=1,
    ):
        orders[case] = place(centres, vase, method, number=number, quantity=2)[2]
    EventHandler().confirm_cash_on_delivery(orders["COD confirmed, late"], by="test")
    EventHandler().mark_paid(orders["transfer paid, late"], reference="FT1")
    completed = orders["card paid at Stripe, webhook not yet in, late"]
    cards.pay(completed.stripe_sessions.get().session_id)
    make_late(*(order for case, order in orders.items() if case.endswith("late")))
    held = net_stock(vase)

    first, second = expire(), expire()

    outcomes = {}
    for case, order in orders.items():
        order.refresh_from_db()
        outcomes[case] = order.status
    stale = {
        "COD unconfirmed, late",
        "transfer unpaid, late",
        "card unpaid, late",
    }
    assert {case for case, s in outcomes.items() if s == "Cancelled"} == stale
    assert first.startswith("3 unpaid order(s) cancelled")
    assert second.startswith("0 unpaid order(s) cancelled")
    assert net_stock(vase) == held + 3 * 2
    late_card = orders["card unpaid, late"]
    assert cards.sessions[late_card.stripe_sessions.get().session_id]["status"] == (
        "expired"
    )
    assert cards.sessions[completed.stripe_sessions.get().session_id]["status"] == (
        "complete"
    )
    for case in stale:
        parcel = Parcel.objects.get(order=orders[case])
        assert parcel.items_total == parcel.share_total == 0
        assert orders[case].lines.get().status == LineStatus.CANCELLED
    for case, status in outcomes.items():
        report_figure(f"expire_unpaid_orders: {case} -> {status}")
    report_figure(
        "expire_unpaid_orders run twice: "
        f"{first.splitlines()[0]} / {second.splitlines()[0]}"
    )


def test_orders_placed_before_deadlines_existed_expire_by_their_age(centres, vase):
    _, _, order = place(centres, vase, "cod")
    Order.objects.filter(pk=order.pk).update(
        payment_deadline=None, date_placed=timezone.now() - timedelta(hours=25)
    )

    assert expire().startswith("1 unpaid")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_the_old_command_name_still_works_and_says_it_was_renamed(centres, vase):
    _, _, order = place(centres, vase, "vietqr")
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=4)
    )
    out, err = StringIO(), StringIO()

    call_command("cancel_unpaid_orders", "--days", "3", stdout=out, stderr=err)

    assert "renamed expire_unpaid_orders" in err.getvalue()
    assert out.getvalue().startswith("1 unpaid order(s) cancelled")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_the_expiry_runs_as_a_django_task(centres, vase):
    _, _, order = place(centres, vase, "cod")
    make_late(order)

    result = expire_unpaid_orders.enqueue()

    assert result.return_value == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def expire_now() -> int:
    """How many orders one machine's run of the expiry cancels."""
    from order.deadlines import expire_unpaid_orders

    return expire_unpaid_orders().cancelled


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_machines_expiring_at_once_cancel_each_order_once(report_figure):
    centres = three_centres()
    vase = ProductFactory(
        centre=centres["four"],
        title="Bình gốm",
        title_en="Vase",
        price=Decimal("300000"),
        num_in_stock=20,
    )
    stale = [place(centres, vase, "cod", number=n)[2] for n in range(1, 6)]
    make_late(*stale)
    runs = 4
    cancelled = all_at_once([expire_now] * runs)

    assert all(isinstance(count, int) for count in cancelled), cancelled
    assert sum(cancelled) == len(stale)
    record = vase.stockrecords.get()
    assert record.num_allocated == 0 and record.num_in_stock == 20
    assert Order.objects.filter(status=OrderStatus.CANCELLED).count() == len(stale)
    report_figure(
        f"{runs} expiry runs at once on {connection.vendor}, {len(stale)} stale "
        f"orders: cancelled per run {cancelled}, stock allocated after "
        f"{record.num_allocated}"
    )
