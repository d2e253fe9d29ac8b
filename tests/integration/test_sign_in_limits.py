"""Sign-in limits: after too many wrong passwords an account (or an address) is
locked for a while on every sign-in form, even for the right password, with a
message saying how long to wait; other accounts still sign in; the lock ends."""

from __future__ import annotations

import time

import pytest

from tests.concurrency import all_at_once
from tests.factories import TEST_PASSWORD, UserFactory
from tests.markup import visible_text
from users import limit_store, sign_in_limits

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


class Clock:
    """Stands in for the ``time`` module where the limits read the time: it tells
    the time it was set to and moves on only when a test says so."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The limits' clock: a lock or a count runs out when the test moves it on."""
    stand_in = Clock()
    for module in (sign_in_limits, limit_store):
        monkeypatch.setattr(module, "time", stand_in)
    return stand_in


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


def test_the_lock_ends_after_the_lockout(client, staff, settings, clock):
    settings.SIGN_IN_LOCKOUT_SECONDS = 2
    fail(dashboard, client, staff.email, 5, language="en")
    locked = dashboard(client, staff.email, TEST_PASSWORD, language="en")
    clock.advance(1.9)
    still_locked = dashboard(client, staff.email, TEST_PASSWORD, language="en")

    clock.advance(0.3)
    response = dashboard(client, staff.email, TEST_PASSWORD, language="en")

    assert "Try again in 1 minute." in visible_text(locked.content)
    assert "Try again in 1 minute." in visible_text(still_locked.content)
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failures_arriving_at_once_are_all_counted(settings):
    """Twenty workers failing together: the count reaches twenty, so the limit holds."""
    settings.SIGN_IN_MAX_FAILURES = 20

    def fail_once():
        sign_in_limits.record_failure("lan@langnghe.example", "")

    failed = all_at_once([fail_once] * 19)
    unlocked_at_nineteen = sign_in_limits.seconds_locked("lan@langnghe.example", "")
    sign_in_limits.record_failure("lan@langnghe.example", "")

    assert failed == [None] * 19, failed
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


SLOWED = (
    "Wrong passwords for this account have been tried from many places. "
    "Wait 60 seconds and try again."
)


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(client, staff):
    """The lock is of the account *from that address*: its owner elsewhere signs in."""
    fail(dashboard, client, staff.email, 8, language="en", REMOTE_ADDR="203.0.113.9")
    stranger = dashboard(
        client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR="203.0.113.9"
    )

    owner = dashboard(
        client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR="198.51.100.4"
    )

    assert LOCKED["en"] in visible_text(stranger.content)
    assert owner.status_code == 302
    assert signed_in(client)


def test_behind_a_proxy_each_forwarded_address_counts_on_its_own(
    client, staff, settings
):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        dashboard(
            client,
            staff.email,
            WRONG,
            "en",
            HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9",
        )

    spoofing = dashboard(
        client,
        staff.email,
        TEST_PASSWORD,
        "en",
        HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9",
    )
    owner = dashboard(
        client, staff.email, TEST_PASSWORD, "en", HTTP_X_FORWARDED_FOR="198.51.100.4"
    )

    assert LOCKED["en"] in visible_text(spoofing.content), (
        "the entry the client wrote itself is not read"
    )
    assert owner.status_code == 302


def test_guessing_from_many_addresses_is_slowed_but_not_for_its_owner(
    client, staff, settings
):
    """Past the account's ceiling, one attempt per SIGN_IN_SLOW_SECONDS from new
    addresses, a message for the rest; the owner's usual address is not slowed."""
    settings.SIGN_IN_ACCOUNT_CEILING = 6
    settings.SIGN_IN_SLOW_SECONDS = 60
    usual = "198.51.100.4"
    assert dashboard(client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR=usual)
    client.logout()
    for number in range(6):
        fail(dashboard, client, staff.email, 1, REMOTE_ADDR=f"203.0.113.{number}")

    turn_taken = dashboard(client, staff.email, WRONG, "en", REMOTE_ADDR="203.0.113.50")
    next_guess = dashboard(client, staff.email, WRONG, "en", REMOTE_ADDR="203.0.113.51")
    right_but_elsewhere = dashboard(
        client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR="203.0.113.52"
    )
    owner = dashboard(client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR=usual)

    assert SLOWED not in visible_text(turn_taken.content)
    assert SLOWED in visible_text(next_guess.content)
    assert SLOWED in visible_text(right_but_elsewhere.content)
    assert owner.status_code == 302
    assert signed_in(client)


def test_a_slowed_account_signs_in_anywhere_once_its_turn_comes(
    client, staff, settings, clock
):
    settings.SIGN_IN_ACCOUNT_CEILING = 3
    settings.SIGN_IN_SLOW_SECONDS = 1
    for number in range(4):
        fail(dashboard, client, staff.email, 1, REMOTE_ADDR=f"203.0.113.{number}")
    waiting = dashboard(
        client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR="192.0.2.8"
    )

    clock.advance(1.2)
    response = dashboard(
        client, staff.email, TEST_PASSWORD, "en", REMOTE_ADDR="192.0.2.8"
    )

    assert "Wait 1 second and try again." in visible_text(waiting.content)
    assert response.status_code == 302


def test_the_slowed_message_is_vietnamese_first(client, staff, settings):
    settings.SIGN_IN_ACCOUNT_CEILING = 2
    for number in range(4):
        dashboard(client, staff.email, WRONG, REMOTE_ADDR=f"203.0.113.{number}")

    response = dashboard(client, staff.email, WRONG, REMOTE_ADDR="203.0.113.99")

    assert (
        "Tài khoản này vừa bị thử sai mật khẩu nhiều lần từ nhiều nơi. "
        "Vui lòng đợi 60 giây rồi thử lại."
    ) in visible_text(response.content)


def test_without_redis_the_counts_are_in_the_database(staff, settings):
    from users.limit_store import DatabaseStore, store
    from users.models import LimitCounter

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    sign_in_limits.record_failure(staff.email, "203.0.113.9")

    assert isinstance(store(), DatabaseStore)
    assert LimitCounter.objects.count() == 3, "pair, address and account"


def test_database_counts_run_out_and_are_purged(settings, clock):
    from users.limit_store import DatabaseStore
    from users.models import LimitCounter

    counters = DatabaseStore()
    counters.count("sign-in:test:short", 1)
    counters.count("sign-in:test:long", 60)
    clock.advance(1.1)

    restarted = counters.count("sign-in:test:short", 1)
    clock.advance(1.1)
    purged = counters.purge()

    assert restarted == 1, "a count that ran out starts again"
    assert purged == 1
    assert list(LimitCounter.objects.values_list("key", flat=True)) == [
        "sign-in:test:long"
    ]
