"""Mail sent on a stranger's word: password resets (shop, dashboard, /cms/),
stock-alert confirmations, registration welcomes and staff invitations go to one
address at most MAIL_PER_RECIPIENT_PER_HOUR (3) times an hour and from one client
address at most MAIL_PER_CLIENT_PER_HOUR (10) times. Past a limit nothing is
sent, the page is the one of success wherever saying more would tell whether an
account exists, and the refusal is logged."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import resolve
from oscar.core.loading import get_model

from tests.committing import CommittingClient
from tests.factories import ProductFactory, UserFactory
from tests.markup import visible_text
from users import roles
from users.stranger_mail import LimitedProductAlertCreateView, shop_password_reset

pytestmark = pytest.mark.django_db

ProductAlert = get_model("customer", "ProductAlert")

SHOP_RESET = "/en/shop/password-reset/"
SHOP_RESET_DONE = "/en/shop/password-reset/done/"
CMS_RESET = "/cms/password_reset/"
CLIENT_OVER_LIMIT = (
    "Too many e-mails have been requested from your internet connection in the "
    "last hour. Please try again later."
)
PASSWORD = "men-lam-bat-trang-1450"


def sent_to(address: str) -> int:
    return sum(address in message.to for message in mail.outbox)


def client_from(number: int) -> Client:
    return CommittingClient(
        REMOTE_ADDR=f"203.0.113.{number}", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_password_resets_reach_one_address_three_times_an_hour(caplog):
    lan = UserFactory(email="lan@example.com")

    with caplog.at_level(logging.WARNING, logger="users.mail_limits"):
        responses = [
            client_from(number).post(SHOP_RESET, {"email": lan.email})
            for number in range(5)
        ]

    assert [response.status_code for response in responses] == [302] * 5
    assert {response["Location"] for response in responses} == {SHOP_RESET_DONE}
    assert sent_to(lan.email) == 3
    assert (
        caplog.messages.count(
            "password reset mail to l…@example.com not sent: recipient over limit "
            "(client 203.0.113.3)"
        )
        == 1
    )


def test_an_address_without_an_account_gets_the_same_pages():
    UserFactory(email="lan@example.com")
    answers = {}
    for email in ("lan@example.com", "no-one@example.com"):
        answers[email] = [
            client_from(number).post(SHOP_RESET, {"email": email}, follow=True)
            for number in range(5)
        ]

    def page(response):
        return (
            response.status_code,
            response.redirect_chain,
            response.templates[0].name,
        )

    assert [page(r) for r in answers["lan@example.com"]] == [
        page(r) for r in answers["no-one@example.com"]
    ]
    assert sent_to("no-one@example.com") == 0


def test_one_client_sends_at_most_ten_and_is_told_why(settings):
    people = [UserFactory(email=f"nguoi-{number}@example.com") for number in range(12)]
    client = client_from(7)

    responses = [
        client.post(SHOP_RESET, {"email": person.email}, follow=True)
        for person in people
    ]

    assert len(mail.outbox) == 10
    assert CLIENT_OVER_LIMIT not in visible_text(responses[9].content)
    assert CLIENT_OVER_LIMIT in visible_text(responses[10].content)
    assert sent_to(people[11].email) == 0
    assert client_from(8).post(SHOP_RESET, {"email": people[11].email})
    assert sent_to(people[11].email) == 1, "another client is not held back"


def test_the_client_message_is_vietnamese_first():
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(11):
        response = client.post(
            "/vi/shop/password-reset/", {"email": f"n{number}@example.com"}, follow=True
        )

    assert (
        "Kết nối internet của bạn đã yêu cầu gửi quá nhiều e-mail trong một giờ qua."
    ) in visible_text(response.content)


def test_the_dashboards_forgot_password_link_is_the_limited_page(client):
    page = client.get("/vi/shop/dashboard/login/").content.decode()

    assert 'href="/vi/shop/password-reset/"' in page
    assert resolve("/vi/shop/password-reset/").func is shop_password_reset
    reset = UserFactory(email="quan-ly@langnghe.example", is_staff=True)
    for number in range(4):
        client_from(number).post("/vi/shop/password-reset/", {"email": reset.email})
    assert sent_to(reset.email) == 3


def test_cms_password_resets_are_limited_too():
    editor = UserFactory(email="bien-tap@langnghe.example", is_superuser=True)

    responses = [
        client_from(number).post(CMS_RESET, {"email": editor.email})
        for number in range(5)
    ]

    assert {response["Location"] for response in responses} == {
        "/cms/password_reset/done/"
    }
    assert sent_to(editor.email) == 3


def alert(client, product, email):
    return client.post(
        f"/en/shop/accounts/alerts/create/{product.pk}/", {"email": email}, follow=True
    )


def test_stock_alerts_from_one_client_stop_at_ten_with_a_message():
    product = ProductFactory()
    client = client_from(9)
    view = resolve(f"/vi/shop/accounts/alerts/create/{product.pk}/").func
    assert view.view_class is LimitedProductAlertCreateView

    responses = [
        alert(client, product, f"nguoi-{number}@example.com") for number in range(11)
    ]

    assert len(mail.outbox) == 10
    assert CLIENT_OVER_LIMIT in visible_text(responses[10].content)
    assert ProductAlert.objects.filter(product=product).count() == 10


def test_a_stock_alert_past_the_recipients_limit_looks_sent_but_is_not():
    """The recipient's budget is shared by every kind of mail."""
    product = ProductFactory()
    for number in range(3):
        client_from(number).post(SHOP_RESET, {"email": "lan@example.com"})

    response = alert(client_from(50), product, "lan@example.com")

    assert "A confirmation email has been sent to lan@example.com" in visible_text(
        response.content
    )
    assert sent_to("lan@example.com") == 0, "no account, so no reset was sent either"
    assert not ProductAlert.objects.filter(product=product).exists()


def register(client, email):
    return client.post(
        "/en/shop/accounts/register/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_registration_welcomes_stop_at_ten_per_client_but_accounts_are_made():
    from users.models import User

    responses = [
        register(client_from(11), f"moi-{number}@example.com") for number in range(12)
    ]

    assert [response.status_code for response in responses] == [302] * 12
    assert User.objects.filter(email__startswith="moi-").count() == 12
    assert len(mail.outbox) == 10
    assert sent_to("moi-11@example.com") == 0


def test_a_registration_welcome_is_sent():
    register(CommittingClient(), "moi@example.com")

    assert sent_to("moi@example.com") == 1
    assert mail.outbox[0].subject == "Welcome to Làng Nghề Hà Nội"


def test_staff_invitations_resent_too_often_are_refused_with_a_message(centres):
    client = CommittingClient()
    manager = UserFactory(is_staff=True)
    client.force_login(manager)
    invited = UserFactory(email="moi-vao@langnghe.example")
    invited.set_unusable_password()
    invited.save()
    roles.add_centre_staff(invited, centres["four"])

    responses = [
        client.post(
            "/en/shop/dashboard/staff/",
            {"user": invited.pk, "language": "vi"},
            follow=True,
        )
        for _ in range(4)
    ]

    assert sent_to(invited.email) == 3
    assert (
        "moi-vao@langnghe.example has been sent too many e-mails in the last hour; "
        "the invitation was not sent. Try Resend later."
    ) in visible_text(responses[3].content)
