"""Bank transfers are confirmed by whoever can see the money.

A VietQR transfer goes into the site's one bank account. A bank-statement
service (the stand-in of tests/bank_standin.py, signing as the real one does)
reports every incoming transfer to the webhook; a transfer of exactly an
awaited order's total into our account, whose note names that order, pays it.
Anything else pays nothing and is flagged for site managers, who can also
confirm a transfer by hand with its bank reference. Centre staff never see the
account, so they cannot mark a transfer received: only the cash they take on
delivery.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from functools import partial

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from dashboard.payments.templatetags.payment_alerts import alert_reason
from order.models import Parcel
from order.statuses import OrderStatus
from payment.bank_transfers import order_numbers_in
from payment.models import BankTransfer, PaymentAlert
from sitewide.money import whole_dong
from tests.bank_standin import BankStandIn
from tests.concurrency import all_at_once
from tests.factories import (
    TEST_PASSWORD,
    ProductFactory,
    blue_glaze_vase,
    centre_staff,
    net_stock,
    site_manager,
    three_centres,
)
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db

PAID_SUBJECT = "Đơn hàng {number}: đã nhận thanh toán, cảm ơn bạn"


@pytest.fixture
def bank(settings) -> BankStandIn:
    """The service, sharing its secret with the site, watching the site's account."""
    standin = BankStandIn(account_number=settings.VIETQR_ACCOUNT_NUMBER)
    settings.BANK_WEBHOOK_SECRET = standin.secret
    return standin


@pytest.fixture
def deliver(client, bank, django_capture_on_commit_callbacks):
    """``deliver(notification, body=..., header=...)`` through the test client;
    what the webhook leaves for after its transaction (the e-mail) runs too."""

    def send(notification=None, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return bank.deliver(client, notification, **options)

    return send


@pytest.fixture
def vase(centres):
    return blue_glaze_vase(centres["four"], num_in_stock=5)


def place(centres, product, method="vietqr", email="lan@example.com"):
    buyer = Buyer()
    buyer.add(product)
    buyer.checkout_as_guest(email)
    for step in (
        buyer.give_address(),
        buyer.choose_delivery({centres["four"]: "domestic"}),
        buyer.pay_by(method),
        buyer.place_order(),
    ):
        assert step.status_code == 302, step.content[:500]
    mail.outbox.clear()
    return Order.objects.order_by("-pk").first()


@pytest.fixture
def order(centres, vase):
    """A VietQR order awaiting its transfer."""
    return place(centres, vase)


def answer(response) -> str:
    return json.loads(response.content)["outcome"]


# -- a transfer that pays -----------------------------------------------------


@pytest.mark.parametrize(
    "style", ["as typed", "vietcombank", "upper case", "no spaces"]
)
def test_a_transfer_of_the_exact_total_pays_the_order(
    bank, deliver, order, vase, style, report_figure
):
    notice = bank.paying(order, style=style)

    response = deliver(notice)

    assert response.status_code == 200 and answer(response) == "paid"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.paid_at is not None
    [event] = PaymentEvent.objects.filter(order=order)
    assert event.reference == notice["reference"]
    assert event.amount == order.total_incl_tax
    assert Source.objects.get(order=order).amount_debited == order.total_incl_tax
    assert set(Parcel.objects.filter(order=order).values_list("paid_at", flat=True))
    assert [m.subject for m in mail.outbox] == [
        PAID_SUBJECT.format(number=order.number)
    ]
    transfer = BankTransfer.objects.get()
    assert (transfer.order, transfer.outcome) == (order, BankTransfer.Outcome.PAID)
    assert not PaymentAlert.objects.exists()
    assert net_stock(vase) == 4
    report_figure(
        f"Bank webhook: exact total, note {notice['description']!r} "
        f"-> 200 paid, order {order.status}, 1 e-mail, no alert"
    )


def test_a_repeated_notification_pays_once(bank, deliver, order, report_figure):
    notice = bank.paying(order)

    answers = [deliver(notice) for _ in range(5)]

    assert [r.status_code for r in answers] == [200] * 5
    assert [answer(r) for r in answers] == ["paid"] + ["duplicate"] * 4
    assert PaymentEvent.objects.filter(order=order).count() == 1
    assert Source.objects.get(order=order).transactions.count() == 1
    assert BankTransfer.objects.count() == 1
    assert len(mail.outbox) == 1
    report_figure(
        "Bank webhook: same reference delivered 5 times -> 200 each "
        "(paid, then duplicate x4), 1 payment, 1 e-mail"
    )


def test_a_repeat_orders_note_pays_the_repeat_not_the_cancelled_first(
    bank, deliver, centres, vase
):
    first = place(centres, vase, email="a@example.com")
    EventHandler().cancel_unpaid(first, reason="Card given up.")
    again = place(centres, vase, email="a@example.com")
    # A basket ordered again after its order was cancelled is numbered
    # "<number>-2" (order.utils); its QR note reads "<number> 2".
    Order.objects.filter(pk=again.pk).update(number=f"{first.number}-2")
    again.refresh_from_db()

    spaced = deliver(bank.paying(again, style="vietcombank"))

    assert answer(spaced) == "paid"
    first.refresh_from_db()
    again.refresh_from_db()
    assert again.is_paid and not first.is_paid
    assert first.status == OrderStatus.CANCELLED


@pytest.mark.parametrize(
    "description, names, does_not_name",
    [
        ("100001", {"100001"}, set()),
        ("MBVCB.3278907687.100001.CT tu 0123", {"100001"}, {"100001-2"}),
        ("NGUYENTHILAN100001CHUYENTIEN", {"100001"}, set()),
        ("ck don 100001 2 nha", {"100001", "100001-2"}, set()),
        ("100001-2", {"100001-2"}, set()),
        ("NGUYENTHILAN1000012CHUYENTIEN", {"100001-2", "1000012"}, {"100001"}),
        ("THANH TOAN 1000019", {"1000019"}, {"100001"}),
        ("ĐH 100001", {"100001"}, set()),
        ("100001 GD 2", {"100001"}, {"100001-2"}),
    ],
)
def test_order_numbers_are_read_as_whole_tokens(description, names, does_not_name):
    found = order_numbers_in(description)

    assert names <= found and not does_not_name & found


# -- transfers that pay nothing --------------------------------------------------


def _short(bank, order):
    return bank.paying(order, amount=whole_dong(order.total_incl_tax) - 1)


def _excess(bank, order):
    return bank.paying(order, amount=whole_dong(order.total_incl_tax) + 10_000)


def _unmatched(bank, order):
    return bank.notification(
        amount=whole_dong(order.total_incl_tax),
        description="NGUYEN THI LAN CHUYEN TIEN MUA BINH GOM",
    )


def _not_a_whole_token(bank, order):
    return bank.notification(
        amount=whole_dong(order.total_incl_tax),
        description=f"THANH TOAN {order.number}9",
    )


def _wrong_account(bank, order):
    return bank.paying(order, account_number="9999000011")


@pytest.mark.parametrize(
    "case, build, outcome",
    [
        ("short by 1 đồng", _short, "short"),
        ("10.000 đồng too much", _excess, "excess"),
        ("note names no order", _unmatched, "unmatched"),
        ("order number inside a longer number", _not_a_whole_token, "unmatched"),
        ("to another account", _wrong_account, "wrong_account"),
    ],
)
def test_a_transfer_that_does_not_match_pays_nothing_and_is_flagged(
    bank, deliver, order, vase, case, build, outcome, report_figure
):
    notice = build(bank, order)

    response = deliver(notice)

    assert response.status_code == 200 and answer(response) == outcome
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_TRANSFER and not order.is_paid
    assert not PaymentEvent.objects.exists() and not mail.outbox
    transfer = BankTransfer.objects.get()
    assert transfer.outcome == outcome and transfer.amount == notice["amount"]
    alert = PaymentAlert.objects.get()
    assert (alert.source, alert.reason, alert.reference, alert.amount) == (
        "bank",
        outcome,
        notice["reference"],
        notice["amount"],
    )
    assert alert.resolved_at is None and alert.message
    assert net_stock(vase) == 4
    report_figure(
        f"Bank webhook: {case} -> 200 {outcome}, nothing paid, alert "
        f"{alert.reason} ({alert.message})"
    )


def _cancelled(centres, vase, bank, deliver):
    order = place(centres, vase)
    EventHandler().cancel_unpaid(order, reason="Not paid in time.")
    order.refresh_from_db()
    return order, "not_awaited"


def _cash_on_delivery(centres, vase, bank, deliver):
    return place(centres, vase, method="cod"), "not_awaited"


def _already_paid(centres, vase, bank, deliver):
    order = place(centres, vase)
    assert answer(deliver(bank.paying(order))) == "paid"
    mail.outbox.clear()
    order.refresh_from_db()
    return order, "already_paid"


@pytest.mark.parametrize(
    "case, make",
    [
        ("order cancelled", _cancelled),
        ("cash-on-delivery order", _cash_on_delivery),
        ("order already paid (second transfer)", _already_paid),
    ],
)
def test_a_transfer_for_an_order_not_awaiting_one_pays_nothing(
    bank, deliver, centres, vase, case, make, report_figure
):
    order, outcome = make(centres, vase, bank, deliver)
    before = (order.status, order.paid_at, PaymentEvent.objects.count())

    response = deliver(bank.paying(order))

    assert response.status_code == 200 and answer(response) == outcome
    order.refresh_from_db()
    assert (order.status, order.paid_at, PaymentEvent.objects.count()) == before
    assert not mail.outbox
    alert = PaymentAlert.objects.get()
    assert (alert.order, alert.reason) == (order, outcome)
    report_figure(
        f"Bank webhook: {case} -> 200 {outcome}, nothing paid, alert {alert.reason}"
    )


def test_a_transfer_for_a_card_order_pays_nothing(
    bank, deliver, cards, centres, vase, report_figure
):
    buyer = Buyer()
    buyer.add(vase)
    assert buyer.checkout({centres["four"]: "domestic"}, "card").status_code == 302
    order = Order.objects.get()

    response = deliver(bank.paying(order))

    assert answer(response) == "not_awaited"
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_CARD and not order.is_paid
    assert PaymentAlert.objects.get().reason == "not_awaited"
    report_figure("Bank webhook: card order -> 200 not_awaited, alert not_awaited")


def test_a_note_naming_two_awaited_orders_pays_neither(
    bank, deliver, centres, vase, report_figure
):
    first = place(centres, vase, email="a@example.com")
    second = place(centres, vase, email="b@example.com")
    notice = bank.notification(
        amount=whole_dong(first.total_incl_tax),
        description=f"CK DON {first.number} VA {second.number}",
    )

    response = deliver(notice)

    assert answer(response) == "ambiguous"
    assert not Order.objects.filter(paid_at__isnull=False).exists()
    alert = PaymentAlert.objects.get()
    assert alert.reason == "ambiguous" and alert.order is None
    report_figure("Bank webhook: note names two awaited orders -> 200 ambiguous, alert")


def test_an_outgoing_transfer_is_ignored(bank, deliver, order):
    response = deliver(bank.paying(order, direction="out"))

    assert response.status_code == 200 and answer(response) == "ignored"
    assert not BankTransfer.objects.exists() and not order.payment_events.exists()


# -- deliveries refused ------------------------------------------------------


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


REFUSED = {
    "signed with another secret": lambda bank, body: {
        "header": bank.sign(body, secret="bank_whsec_wrong")
    },
    "no signature": lambda bank, body: {"header": ""},
    "signature of other bytes": lambda bank, body: {"header": bank.sign(body + b" ")},
    "timestamp 10 minutes old": lambda bank, body: {
        "header": bank.sign(body, timestamp=int(time.time()) - 600)
    },
    "timestamp 10 minutes ahead": lambda bank, body: {
        "header": bank.sign(body, timestamp=int(time.time()) + 600)
    },
    "not JSON": lambda bank, body: {"body": b"reference=FT1&amount=1"},
    "not UTF-8": lambda bank, body: {"body": '{"reference": "ĐƠN"}'.encode("cp1258")},
    "a JSON list": lambda bank, body: {"body": b"[]"},
    "amount as a string": lambda bank, body: {
        "body": body.replace(b'"amount": ', b'"amount": "').replace(
            b', "description"', b'", "description"'
        )
    },
    "amount with decimals": lambda bank, body: {
        "body": body.replace(b', "description"', b'.5, "description"')
    },
    "no reference": lambda bank, body: {
        "body": json.dumps({**json.loads(body), "reference": ""}).encode()
    },
    "no time": lambda bank, body: {
        "body": json.dumps({**json.loads(body), "transferred_at": "hôm qua"}).encode()
    },
    "oversized (17 KB)": lambda bank, body: {
        "body": json.dumps({**json.loads(body), "description": "x" * 17_000}).encode()
    },
    "100,000-deep JSON": lambda bank, body: {"body": _nested(100_000)},
    "50-deep JSON (under the size limit)": lambda bank, body: {"body": _nested(50)},
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_delivery_that_is_not_a_signed_notification_is_refused(
    bank, deliver, order, case, report_figure
):
    body = bank.encode(bank.paying(order))
    options = REFUSED[case](bank, body)
    if "body" in options and "header" not in options:
        options["header"] = bank.sign(options["body"])

    response = deliver(body=options.get("body", body), header=options["header"])

    assert response.status_code == 400
    assert not BankTransfer.objects.exists() and not PaymentAlert.objects.exists()
    order.refresh_from_db()
    assert not order.is_paid
    report_figure(
        f"Bank webhook: {case} -> 400 {response.content.decode()!r}, nothing stored"
    )


def test_without_a_secret_the_webhook_is_not_configured(
    bank, deliver, order, settings, client, report_figure
):
    settings.BANK_WEBHOOK_SECRET = ""

    response = deliver(bank.paying(order))

    assert response.status_code == 400 and b"not configured" in response.content
    assert not BankTransfer.objects.exists()
    assert client.get("/payments/bank/webhook/").status_code == 405
    report_figure("Bank webhook: BANK_WEBHOOK_SECRET unset -> 400 not configured")


# -- who confirms a transfer by hand -----------------------------------------


def detail_url(order) -> str:
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.email, password=TEST_PASSWORD)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_centre_staff_cannot_mark_a_transfer_received(centres, order):
    staff = signed_in(centre_staff(centres["four"]))
    page = staff.get(detail_url(order))
    assert 'id="mark-share-paid-form"' not in page.content.decode()
    assert "quản lý của trang xác nhận" in visible_text(page.content)

    refused = staff.post(
        detail_url(order),
        {"order_action": "mark_share_paid", "reference": "FT1"},
        follow=True,
    )
    whole = staff.post(detail_url(order), {"order_action": "mark_paid"}, follow=True)

    assert (
        "Tiền chuyển khoản về tài khoản riêng của trang web: chỉ quản lý của trang "
        "mới xác nhận được." in messages_of(refused)
    )
    assert whole.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_TRANSFER and not order.is_paid
    assert not Parcel.objects.filter(order=order, paid_at__isnull=False).exists()
    assert not PaymentEvent.objects.exists() and not mail.outbox


def test_centre_staff_still_record_cash_on_delivery(centres, vase):
    order = place(centres, vase, method="cod")
    EventHandler().confirm_cash_on_delivery(order, by="by phone")
    staff = signed_in(centre_staff(centres["four"]))
    assert 'id="mark-share-paid-form"' in staff.get(detail_url(order)).content.decode()

    response = staff.post(
        detail_url(order), {"order_action": "mark_share_paid"}, follow=True
    )

    assert messages_of(response) == [
        "Đã ghi nhận thanh toán. Cả đơn hàng đã được thanh toán; người mua được báo "
        "qua e-mail."
    ]
    assert Parcel.objects.get(order=order).paid_at is not None


def test_a_manager_confirms_a_transfer_only_with_its_bank_reference(
    order, django_capture_on_commit_callbacks
):
    manager = signed_in(site_manager())
    page = manager.get(detail_url(order)).content.decode()
    assert 'name="reference" maxlength="128" required' in page
    assert 'value="mark_share_paid"' not in page

    missing = manager.post(
        detail_url(order),
        {"order_action": "mark_paid", "reference": " \x00 "},
        follow=True,
    )
    too_long = manager.post(
        detail_url(order),
        {"order_action": "mark_paid", "reference": "F" * 129},
        follow=True,
    )
    order.refresh_from_db()
    assert not order.is_paid
    assert messages_of(missing) == [
        "Hãy nhập mã tham chiếu của giao dịch trên sao kê ngân hàng: mã này được "
        "lưu cùng khoản thanh toán."
    ]
    assert messages_of(too_long) == ["Mã tham chiếu ngân hàng dài tối đa 128 ký tự."]

    with django_capture_on_commit_callbacks(execute=True):
        manager.post(
            detail_url(order),
            {"order_action": "mark_paid", "reference": "  FT26005\x00123  "},
        )

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    [event] = PaymentEvent.objects.filter(order=order)
    assert event.reference == "FT26005123"
    assert [m.subject for m in mail.outbox] == [
        PAID_SUBJECT.format(number=order.number)
    ]
    assert "FT26005123" in visible_text(manager.get(detail_url(order)).content)


def test_the_statement_of_a_transfer_a_manager_confirmed_raises_no_alert(
    bank, deliver, order
):
    manager = signed_in(site_manager())
    manager.post(detail_url(order), {"order_action": "mark_paid", "reference": "FT7"})

    response = deliver(bank.paying(order, reference="FT7"))

    assert answer(response) == "already_paid"
    assert not PaymentAlert.objects.exists()
    assert PaymentEvent.objects.filter(order=order).count() == 1


def test_a_reference_that_paid_another_order_is_refused(bank, deliver, centres, vase):
    paid = place(centres, vase, email="a@example.com")
    deliver(bank.paying(paid, reference="FT42"))
    other = place(centres, vase, email="b@example.com")
    manager = signed_in(site_manager())

    response = manager.post(
        detail_url(other),
        {"order_action": "mark_paid", "reference": "FT42"},
        follow=True,
    )

    assert messages_of(response) == [
        f"Giao dịch FT42 đã thanh toán cho đơn hàng {paid.number}."
    ]
    other.refresh_from_db()
    assert not other.is_paid


# -- the alerts page ----------------------------------------------------------


ALERTS_URL = "/vi/shop/dashboard/payments/alerts/"


def test_managers_list_alerts_unresolved_first_and_resolve_them(
    bank, deliver, order, report_figure
):
    deliver(_short(bank, order))
    deliver(_unmatched(bank, order))
    short, unmatched = PaymentAlert.objects.order_by("pk")
    manager_user = site_manager()
    manager = signed_in(manager_user)

    resolved = manager.post(
        reverse("dashboard:payment-alert-resolve", kwargs={"pk": short.pk}),
        {"next": "https://evil.example/"},
        follow=True,
    )

    assert resolved.redirect_chain[-1][0] == ALERTS_URL
    assert "Đã đánh dấu cảnh báo là đã xử lý." in messages_of(resolved)
    short.refresh_from_db()
    assert short.resolved_by == manager_user and short.resolved_at is not None
    again = manager.post(
        reverse("dashboard:payment-alert-resolve", kwargs={"pk": short.pk}),
        follow=True,
    )
    assert "Cảnh báo này đã được xử lý trước đó." in messages_of(again)
    page = manager.get(ALERTS_URL)
    text = visible_text(page.content)
    assert page.status_code == 200
    assert "1 cảnh báo cần xử lý." in text
    rows = [alert.pk for alert in page.context["alerts"]]
    assert rows == [unmatched.pk, short.pk]
    assert "Không ghi mã đơn hàng nào" in text and "Ít hơn tổng tiền đơn hàng" in text
    assert f'href="{detail_url(order)}"' in page.content.decode()
    assert currency(short.amount, "VND").replace("\xa0", " ") in text
    assert "quan-ly@langnghe.example" in text
    report_figure(
        "Alerts page (manager): "
        + "; ".join(
            f"{alert_reason(alert)}: "
            + (f"resolved by {alert.resolved_by}" if alert.resolved_at else "open")
            for alert in page.context["alerts"]
        )
    )


def test_an_orders_alerts_are_on_its_page_for_managers_only(
    bank, deliver, order, centres
):
    deliver(_short(bank, order))
    manager = signed_in(site_manager())
    staff = signed_in(centre_staff(centres["four"]))

    manager_page = manager.get(detail_url(order)).content.decode()
    staff_page = staff.get(detail_url(order)).content.decode()

    assert 'id="order-payment-alerts"' in manager_page
    assert "Ít hơn tổng tiền đơn hàng" in visible_text(manager_page)
    assert 'id="order-payment-alerts"' not in staff_page
    alert = PaymentAlert.objects.get()
    manager.post(
        reverse("dashboard:payment-alert-resolve", kwargs={"pk": alert.pk}),
        {"next": detail_url(order)},
    )
    alert.refresh_from_db()
    assert alert.resolved_at is not None


def test_centre_staff_and_visitors_cannot_reach_the_alerts(
    bank, deliver, order, centres, client
):
    deliver(_short(bank, order))
    alert = PaymentAlert.objects.get()
    staff = signed_in(centre_staff(centres["four"]))
    resolve = reverse("dashboard:payment-alert-resolve", kwargs={"pk": alert.pk})

    assert staff.get(ALERTS_URL).status_code == 403
    assert staff.post(resolve).status_code == 403
    assert client.get(ALERTS_URL).status_code == 302
    assert client.post(resolve).status_code == 302
    assert "payments/alerts" not in staff.get("/vi/shop/dashboard/").content.decode()
    alert.refresh_from_db()
    assert alert.resolved_at is None


def test_the_alerts_page_costs_the_same_queries_for_3_or_30_alerts(
    order, record_query_counts
):
    manager = signed_in(site_manager())
    counts = []
    for total in (3, 30):
        while PaymentAlert.objects.count() < total:
            PaymentAlert.objects.create(
                source="bank", order=order, reason="short", amount=1, currency="VND"
            )
        with CaptureQueriesContext(connection) as queries:
            assert manager.get(ALERTS_URL).status_code == 200
        counts.append(len(queries))

    record_query_counts("payment alerts page (3 -> 30 alerts)", *counts)
    assert counts[0] == counts[1]


# -- over real HTTP, at once --------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_over_http_ten_simultaneous_deliveries_pay_once(
    live_server, settings, report_figure
):
    centres = three_centres()
    vase = ProductFactory(
        centre=centres["four"],
        title="Bình gốm men lam",
        price=Decimal("1250000"),
        num_in_stock=5,
    )
    order = place(centres, vase)
    bank = BankStandIn(account_number=settings.VIETQR_ACCOUNT_NUMBER)
    settings.BANK_WEBHOOK_SECRET = bank.secret
    same = bank.paying(order)
    second_transfer = bank.paying(order)
    deliveries = [same] * 9 + [second_transfer]

    def post(notification) -> tuple[int, str]:
        status, body = bank.post(live_server.url, notification)
        return status, json.loads(body)["outcome"]

    answers = all_at_once([partial(post, notification) for notification in deliveries])

    assert {status for status, _ in answers} == {200}
    outcomes = sorted(outcome for _, outcome in answers)
    assert outcomes.count("paid") == 1
    assert outcomes.count("duplicate") == 8
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert PaymentEvent.objects.filter(order=order).count() == 1
    assert BankTransfer.objects.count() == 2
    assert PaymentAlert.objects.get().reason == "already_paid"
    stale = bank.post(live_server.url, same, header=bank.sign(b"{}", timestamp=1))
    assert stale[0] == 400
    report_figure(
        "Bank webhook over HTTP: 9 copies of one transfer and a second transfer "
        f"for the same order at once -> {outcomes}; 1 payment"
    )
