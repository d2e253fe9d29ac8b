"""Sign-in limits: after too many wrong passwords an account (or an address) is
locked for a while on every sign-in form, even for the right password, with a
message saying how long to wait; other accounts still sign in; the lock ends."""

from __future__ import annotations

import threading
import time

import pytest

from tests.factories import TEST_PASSWORD, UserFactory
from tests.markup import visible_text
from users import sign_in_limits

pytestmark = pytest.mark.django_db

WRONG = "not-the-password"
LOCKED = {
    "vi": "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
    "en": "Too many failed sign-in attempts. Try again in 15 minutes.",
}


def dashboard(client, email, password, language="vi", **extra):
    return client.post(
        f"/{language}/shop/dashboard/login/",
        {"username": email, "password": password},
        **extra,
    )


def customer_account(client, email, password, language="vi", **extra):
    return client.post(
        f"/{language}/shop/accounts/login/",
        {
            "login-username": email,
            "login-password": password,
            "login_submit": "1",
        },
        **extra,
    )


def wagtail_admin(client, email, password, language="vi", **extra):
    return client.post(
        "/cms/login/",
        {"username": email, "password": password},
        HTTP_ACCEPT_LANGUAGE=language,
        **extra,
    )


def django_admin(client, email, password, language="vi", **extra):
    return client.post(
        "/django-admin/login/",
        {"username": email, "password": password, "next": "/django-admin/"},
        HTTP_ACCEPT_LANGUAGE=language,
        **extra,
    )


SIGN_IN_FORMS = [dashboard, customer_account, wagtail_admin, django_admin]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(form, client, email, times, **extra):
    for _ in range(times):
        response = form(client, email, WRONG, **extra)
        assert response.status_code == 200
        assert not signed_in(client)


@pytest.fixture
def staff():
    """A site manager: every one of the four forms lets them in."""
    return UserFactory(email="quan-ly@langnghe.example", is_staff=True)


@pytest.mark.parametrize("form", SIGN_IN_FORMS, ids=lambda form: form.__name__)
def test_each_form_signs_in_with_the_right_password(client, staff, form):
    response = form(client, staff.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("form", SIGN_IN_FORMS, ids=lambda form: form.__name__)
def test_five_wrong_passwords_lock_out_even_the_right_one(
    client, staff, form, language
):
    fail(form, client, staff.email, 4, language=language)
    fourth_then_right = form(client, staff.email, TEST_PASSWORD, language=language)
    client.logout()
    fail(form, client, staff.email, 5, language=language)

    response = form(client, staff.email, TEST_PASSWORD, language=language)

    assert fourth_then_right.status_code == 302, "four failures must not lock"
    assert response.status_code == 200
    assert LOCKED[language] in visible_text(response.content)
    assert not signed_in(client)


def test_the_lock_follows_the_address_whatever_its_capitals(client, staff):
    fail(dashboard, client, "Quan-Ly@LangNghe.example", 5, language="en")

    response = dashboard(client, staff.email, TEST_PASSWORD, language="en")

    assert LOCKED["en"] in visible_text(response.content)


def test_another_account_still_signs_in_from_the_same_address(client, staff):
    other = UserFactory(email="nhan-vien@langnghe.example", is_staff=True)
    fail(dashboard, client, staff.email, 5)

    response = dashboard(client, other.email, TEST_PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_lock_ends_after_the_lockout(client, staff, settings):
    settings.SIGN_IN_LOCKOUT_SECONDS = 2
    fail(dashboard, client, staff.email, 5, language="en")
    locked = dashboard(client, staff.email, TEST_PASSWORD, language="en")

    time.sleep(2.2)
    response = dashboard(client, staff.email, TEST_PASSWORD, language="en")

    assert "Try again in 1 minute." in visible_text(locked.content)
    assert response.status_code == 302
    assert signed_in(client)


def test_signing_in_clears_the_accounts_failures(client, staff):
    fail(dashboard, client, staff.email, 4)
    assert dashboard(client, staff.email, TEST_PASSWORD).status_code == 302
    client.logout()
    fail(dashboard, client, staff.email, 4)

    response = dashboard(client, staff.email, TEST_PASSWORD)

    assert response.status_code == 302


def test_many_failures_from_one_address_lock_that_address_only(client, settings):
    settings.SIGN_IN_MAX_FAILURES_PER_IP = 6
    guessed = [UserFactory(is_staff=True) for _ in range(3)]
    for person in guessed:
        fail(dashboard, client, person.email, 2, REMOTE_ADDR="203.0.113.9")
    untouched = UserFactory(is_staff=True)

    from_there = dashboard(
        client, untouched.email, TEST_PASSWORD, "en", REMOTE_ADDR="203.0.113.9"
    )
    from_elsewhere = dashboard(
        client, untouched.email, TEST_PASSWORD, "en", REMOTE_ADDR="198.51.100.4"
    )

    assert LOCKED["en"] in visible_text(from_there.content)
    assert from_elsewhere.status_code == 302


def test_failures_arriving_at_once_are_all_counted(settings):
    """Twenty workers failing together: the count reaches twenty, so the limit holds."""
    settings.SIGN_IN_MAX_FAILURES = 20
    start = threading.Barrier(19)

    def fail_once():
        start.wait()
        sign_in_limits.record_failure("lan@langnghe.example", "")

    workers = [threading.Thread(target=fail_once) for _ in range(19)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    unlocked_at_nineteen = sign_in_limits.seconds_locked("lan@langnghe.example", "")
    sign_in_limits.record_failure("lan@langnghe.example", "")

    assert unlocked_at_nineteen == 0
    assert sign_in_limits.seconds_locked("lan@langnghe.example", "") > 0


def test_the_checkout_sign_in_is_locked_too(client, staff):
    from tests.factories import ProductFactory
    from tests.shopping import Buyer

    buyer = Buyer(client=client)
    buyer.add(ProductFactory())

    def checkout_sign_in(password):
        return client.post(
            buyer.url("checkout:index"),
            {"username": staff.email, "password": password, "options": "existing"},
        )

    for _ in range(5):
        assert checkout_sign_in(WRONG).status_code == 200
    response = checkout_sign_in(TEST_PASSWORD)

    assert LOCKED["vi"] in visible_text(response.content)
    assert not signed_in(client)
