"""The two-server test: two app servers, one shop.

Two gunicorn processes in production settings (A and B, one worker each, as two
machines behind a load balancer would run them) on this test's database and,
when ``REDIS_URL`` is set, on its Redis; each step below is a real HTTP request
to one of them, and what one server did, the other knows:

- **sessions**: a customer signs in on A and is signed in on B; signed out on
  B, A no longer knows them (sessions are rows of the database);
- **baskets**: a guest's basket filled on A and on B is one basket (the basket
  cookie is signed with the shared ``SECRET_KEY``, the basket is in the
  database);
- **caches**: a page A rendered for a visitor without a session is served by B
  from the shared ``pages`` cache, and a price changed in the dashboard on B is
  on A's next page (the content token lives in that cache: Redis, or without
  Redis the files under ``var/cache`` that servers of one machine share);
- **sign-in limits**: wrong passwords tried on A and B add up, and lock the
  account on both (counted in Redis, or the database;
  ``test_sign_in_two_workers.py`` covers the dashboard, /cms/ and the
  per-account ceiling);
- **task queues**: the order e-mail of a checkout whose steps alternate between
  A and B, and password resets asked of either, are each run exactly once by
  one of two ``run_worker`` processes (one per machine): on RQ in Redis when
  ``REDIS_URL`` is set (``TASKS_BACKEND=rq``), else on the database backend.

The servers start once for the module; each test's rows are its own.
"""

from __future__ import annotations

import email
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from oscar.core.loading import get_model

from tests.factories import (
    TEST_PASSWORD,
    ProductFactory,
    UserFactory,
    centre_staff,
)
from tests.servers import (
    BASE_DIR,
    Server,
    free_port,
    start_server,
    stop,
    test_database_url,
    wait_until_serving,
)
from tests.shopping import HANOI_ADDRESS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

REDIS_URL = settings.REDIS_URL
TASKS_BACKEND = "rq" if REDIS_URL else "database"
SHARED_STORE = "Redis" if REDIS_URL else "the database"
PAGES_STORE = "Redis" if REDIS_URL else "files in var/cache/pages"
DELIVER = "outbox.tasks.deliver_mail"
# The site's host name, as the load balancer in front of both servers passes it.
PUBLIC_HOST = "langnghe.example"
WRONG = "not-the-password"
LOCKED = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."
BASKET_COUNT = re.compile(r'data-basket-count="(\d+)"')

LOGIN = "/vi/shop/accounts/login/"
PROFILE = "/vi/shop/accounts/profile/"
LOGOUT = "/vi/shop/accounts/logout/"
BASKET = "/vi/shop/basket/"
CHECKOUT = "/vi/shop/checkout/"
PASSWORD_RESET = "/vi/shop/password-reset/"
DASHBOARD_LOGIN = "/vi/shop/dashboard/login/"
DASHBOARD_PRODUCTS = "/vi/shop/dashboard/catalogue/"


# Two machines ----------------------------------------------------------------------


@dataclass
class Machines:
    """Servers A and B, and what a worker on either machine is started with."""

    a: Server
    b: Server
    env: dict[str, str]
    logs: Path

    def __iter__(self):
        return iter((self.a, self.b))


def machine_env(static_root: Path, media_root: Path) -> dict[str, str]:
    """Production settings, as every machine has them: one SECRET_KEY, one
    database, one Redis (if any), media and static files in one place."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SITE_HTTPS",
            "TASKS_BACKEND",
            "PAGE_CACHE_SECONDS",
            "EMAIL_URL",
            "CLIENT_IP_HEADER",
        }
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "craftsite.settings.production",
            "SECRET_KEY": f"two-servers-test-{secrets.token_hex(16)}",
            "SITE_HTTPS": "false",
            "SITE_DOMAIN": PUBLIC_HOST,
            "ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1",
            "DATABASE_URL": test_database_url(),
            "TASKS_BACKEND": TASKS_BACKEND,
            "PAGE_CACHE_SECONDS": "600",
            # This run's keys only, should a Redis hold an earlier run's.
            "CACHE_KEY_PREFIX": f"langnghe-two-servers-{os.getpid()}",
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@pytest.fixture(scope="module")
def machines(django_db_setup, tmp_path_factory, report_figure) -> Iterator[Machines]:
    began = time.monotonic()
    workdir = tmp_path_factory.mktemp("two-servers")
    env = machine_env(workdir / "static", workdir / "media")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    collected = time.monotonic() - began
    started = []
    try:
        for name in ("a", "b"):
            directory = workdir / name
            directory.mkdir()
            started.append(start_server(directory, env))
        for process, server in started:
            wait_until_serving(process, server, LOGIN)
        report_figure(
            f"two servers (gunicorn, production settings, {TASKS_BACKEND} tasks, "
            f"shared store: {SHARED_STORE}) serving in "
            f"{time.monotonic() - began:.1f} s ({collected:.1f} s of it collectstatic)"
        )
        yield Machines(started[0][1], started[1][1], env, workdir)
    finally:
        stop([process for process, _ in started])


@pytest.fixture
def outcomes(report_figure):
    """Rows of the outcome table (check, server A, server B), printed at the end."""
    rows: list[tuple[str, str, str]] = []
    yield lambda check, on_a, on_b: rows.append((check, on_a, on_b))
    for check, on_a, on_b in rows:
        report_figure(f"  {check:<34} | A: {on_a:<44} | B: {on_b}")


def servers_can_check_password(user):
    """``user`` with TEST_PASSWORD hashed as production settings check it
    (PBKDF2; the suite's own hasher is MD5), in few rounds: the servers raise
    them at the first sign-in."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(TEST_PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


def customer_account(email: str):
    return servers_can_check_password(UserFactory(email=email))


# One browser -----------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def cache(self) -> str:
        return self.headers.get("X-Page-Cache", "not cached")

    @property
    def basket_count(self) -> int:
        return int(BASKET_COUNT.search(self.text).group(1))

    def path_redirected_to(self) -> str:
        assert self.status == 302, (self.status, self.text[:500])
        return urllib.parse.urlsplit(self.headers["Location"]).path


@dataclass
class Browser:
    """One visitor's browser, as the load balancer hands its requests on: to
    either server, with the site's host name and the browser's cookies.
    Redirects are not followed."""

    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def get(self, server: Server, path: str) -> Page:
        return self._open(server, path)

    def post(self, server: Server, path: str, data: dict) -> Page:
        """With the CSRF token of the cookie an earlier page set."""
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        return self._open(server, path, {"csrfmiddlewaretoken": token, **data})

    def submit(self, form_from: Server, post_to: Server, path: str, data: dict) -> Page:
        """The form at ``path`` fetched from one server, posted to the other."""
        form = self.get(form_from, path)
        assert form.status == 200, (form.status, form.text[:500])
        return self.post(post_to, path, data)

    def _open(self, server: Server, path: str, data: dict | None = None) -> Page:
        request = urllib.request.Request(
            server.url + path,
            data=urllib.parse.urlencode(data, doseq=True).encode() if data else None,
            headers={"Host": PUBLIC_HOST, "Connection": "close"},
        )
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )
        try:
            with opener.open(request, timeout=30) as response:
                body = response.read().decode()
                return Page(response.status, dict(response.headers), body)
        except urllib.error.HTTPError as error:
            return Page(error.code, dict(error.headers), error.read().decode())


def sign_in(browser: Browser, server: Server, email: str, password: str) -> Page:
    """The shop's sign-in form posted to ``server`` (the browser has opened a
    page with a form before, on either server: it holds a CSRF cookie)."""
    return browser.post(
        server,
        LOGIN,
        {"login-username": email, "login-password": password, "login_submit": "1"},
    )


def add_to_basket(browser: Browser, server: Server, product) -> None:
    added = browser.post(server, f"/vi/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert added.status == 302, added.text[:800]


def visitor_without_cookies(server: Server, path: str) -> Page:
    page = Browser().get(server, path)
    assert page.status == 200, page.text[:500]
    return page


# Sessions, baskets, caches, sign-in limits -----------------------------------------


def test_a_customer_signed_in_on_one_server_is_signed_in_on_the_other(
    machines, outcomes
):
    customer = customer_account("lan@langnghe.example")
    browser = Browser()

    browser.get(machines.a, LOGIN)
    signed_in = sign_in(browser, machines.a, customer.email, TEST_PASSWORD)
    assert signed_in.status == 302
    account_on_b = browser.get(machines.b, PROFILE)
    assert browser.get(machines.b, LOGOUT).status == 302
    account_on_a = browser.get(machines.a, PROFILE)

    assert account_on_b.status == 200
    assert customer.email in account_on_b.text
    assert account_on_a.path_redirected_to() == LOGIN
    outcomes(
        "sessions (database)",
        "signs in; after sign-out on B: to sign-in",
        f"account page shows {customer.email}; signs out",
    )


def test_a_basket_filled_on_both_servers_is_one_basket(
    machines, centres, page_tree, outcomes
):
    vase = ProductFactory(centre=centres["four"], title="Bình gốm men lam")
    tray = ProductFactory(centre=centres["three"], title="Khay sơn mài")
    guest = Browser()

    product_page = guest.get(machines.a, vase.get_absolute_url())
    assert product_page.status == 200
    add_to_basket(guest, machines.a, vase)
    basket_on_b = guest.get(machines.b, BASKET)
    add_to_basket(guest, machines.b, tray)
    basket_on_a = guest.get(machines.a, BASKET)

    assert basket_on_b.basket_count == 1 and vase.title in basket_on_b.text
    assert basket_on_a.basket_count == 2
    assert vase.title in basket_on_a.text and tray.title in basket_on_a.text
    outcomes(
        "baskets (database, signed cookie)",
        f"adds the vase; basket: {basket_on_a.basket_count} items",
        f"basket: {basket_on_b.basket_count} item (the vase); adds the tray",
    )


def test_a_page_cached_by_one_server_is_served_by_the_other_until_a_price_changes(
    machines, centres, page_tree, outcomes
):
    centre = centres["four"]
    vase = ProductFactory(
        centre=centre,
        title="Bình gốm men rạn",
        # A new address in every run: var/cache/pages outlives the test database.
        slug=f"binh-gom-men-ran-{secrets.token_hex(4)}",
        price=Decimal("480000"),
    )
    path = vase.get_absolute_url()
    staff = Browser()
    assert sign_in_to_dashboard(
        staff, machines.b, servers_can_check_password(centre_staff(centre)).email
    )

    first = visitor_without_cookies(machines.a, path)
    second = visitor_without_cookies(machines.b, path)
    set_price_in_dashboard(staff, machines.b, vase, "520.000")
    after_change = visitor_without_cookies(machines.a, path)
    after_change_again = visitor_without_cookies(machines.b, path)

    assert (first.cache, second.cache) == ("miss", "hit")
    assert "480.000" in second.text
    assert StockRecord.objects.get(product=vase).price == Decimal("520000")
    assert (after_change.cache, after_change_again.cache) == ("miss", "hit")
    for page in (after_change, after_change_again):
        assert "520.000" in page.text and "480.000" not in page.text
    outcomes(
        f"page cache ({PAGES_STORE})",
        f"{first.cache} 480.000 ₫; after B's change: {after_change.cache} 520.000 ₫",
        f"{second.cache} 480.000 ₫; price set to 520.000 ₫ in the dashboard; "
        f"then {after_change_again.cache} 520.000 ₫",
    )


def sign_in_to_dashboard(browser: Browser, server: Server, email: str) -> bool:
    page = browser.submit(
        server,
        server,
        DASHBOARD_LOGIN,
        {"username": email, "password": TEST_PASSWORD},
    )
    return page.status == 302


def set_price_in_dashboard(browser: Browser, server: Server, product, price: str):
    """The product list's bulk action "set the price", for one product."""
    chosen = browser.post(
        server,
        DASHBOARD_PRODUCTS,
        {"action": "set_product_price", "selected_product": [product.pk]},
    )
    step = chosen.headers["Location"]
    done = browser.post(
        server,
        urllib.parse.urlsplit(step).path + "?" + urllib.parse.urlsplit(step).query,
        {
            "selected_products": [product.pk],
            "new_price": price,
            "partners": [product.stockrecords.get().partner_id],
        },
    )
    assert done.status == 302, done.text[:800]


def test_wrong_passwords_on_both_servers_add_up_to_one_lock(machines, outcomes):
    customer = customer_account("hoa@langnghe.example")
    a, b = machines
    browser = Browser()

    browser.get(b, LOGIN)
    wrong = [sign_in(browser, s, customer.email, WRONG) for s in (a, b, a, b, a)]
    right_on_b = sign_in(browser, b, customer.email, TEST_PASSWORD)
    right_on_a = sign_in(browser, a, customer.email, TEST_PASSWORD)

    assert [page.status for page in wrong] == [200] * 5
    assert not any(LOCKED in page.text for page in wrong)
    assert right_on_a.status == right_on_b.status == 200
    assert LOCKED in right_on_a.text and LOCKED in right_on_b.text
    outcomes(
        f"sign-in limits ({SHARED_STORE})",
        "wrong passwords 1, 3, 5 of 5; then the right one: locked",
        "wrong passwords 2, 4 of 5; then the right one: locked",
    )


# Task queues -----------------------------------------------------------------------


@dataclass
class Mailbox:
    """A real SMTP server on a loopback port, in this process."""

    port: int = field(default_factory=free_port)
    received: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        subject = str(make_header(decode_header(message["Subject"])))
        self.received.append((tuple(envelope.rcpt_tos), subject))
        return "250 Message accepted for delivery"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


def start_worker(machines: Machines, name: str, mailbox: Mailbox) -> subprocess.Popen:
    log = machines.logs / f"worker-{name}.log"
    with log.open("w") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--interval",
                "0.1",
                "--worker-id",
                name,
            ],
            cwd=BASE_DIR,
            env={**machines.env, "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def runs_of_each_delivery() -> dict[str, list[str]]:
    """For each e-mail task that was queued, the worker of each of its runs."""
    if TASKS_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        return {
            str(task.pk): list(task.worker_ids)
            for task in DBTaskResult.objects.filter(task_path=DELIVER)
        }
    import django_rq
    from django_tasks_rq import Job
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    queue = django_rq.get_queue("default", job_class=Job)
    job_ids = {
        *queue.job_ids,
        *FinishedJobRegistry(queue=queue).get_job_ids(),
        *FailedJobRegistry(queue=queue).get_job_ids(),
    }
    runs = {}
    for job_id in job_ids:
        job = queue.fetch_job(job_id)
        if job is not None and job.func_name == DELIVER:
            runs[job_id] = [job.worker_name] * len(job.results())
    return runs


def worker_is_ready(name: str) -> bool:
    """It has announced itself: a heartbeat row, or RQ's worker registry."""
    if TASKS_BACKEND == "database":
        from background.models import WorkerHeartbeat

        return WorkerHeartbeat.objects.filter(worker_id=name).exists()
    import django_rq
    from rq import Worker

    connection = django_rq.get_connection("default")
    return name in {worker.name for worker in Worker.all(connection=connection)}


def until(condition: Callable[[], object], seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"waited {seconds} s for {what}")


def place_order_alternating(machines: Machines, customer, product) -> None:
    """A signed-in customer's cash-on-delivery checkout, each step on the other
    server: the basket and the checkout's choices are in the shared session."""
    a, b = machines
    browser = Browser()
    browser.get(b, LOGIN)
    assert sign_in(browser, a, customer.email, TEST_PASSWORD).status == 302
    add_to_basket(browser, b, product)
    assert (
        browser.get(a, CHECKOUT).path_redirected_to() == CHECKOUT + "shipping-address/"
    )
    steps = [
        (b, "shipping-address/", HANOI_ADDRESS),
        (
            a,
            "shipping-method/",
            {f"parcel-{product.stockrecords.get().partner_id}": "domestic"},
        ),
        (b, "payment-method/", {"method": "cod"}),
        (a, "preview/", {"action": "place_order"}),
    ]
    for server, step, data in steps:
        page = browser.post(server, CHECKOUT + step, data)
        assert page.status == 302, (step, page.text[:800])
    assert page.path_redirected_to() == CHECKOUT + "thank-you/"


def test_tasks_queued_by_either_server_each_run_once_on_one_of_two_workers(
    machines, centres, mailbox, outcomes, report_figure
):
    a, b = machines
    customer = customer_account("mai@langnghe.example")
    vase = ProductFactory(centre=centres["four"], title="Bình gốm men lam")
    forgetful = [customer_account(f"quen-{n}@langnghe.example") for n in range(4)]
    names = [f"machine-{name}-{os.getpid()}" for name in "ab"]
    workers = [start_worker(machines, name, mailbox) for name in names]
    try:
        place_order_alternating(machines, customer, vase)
        until(lambda: all(map(worker_is_ready, names)), 60, "both workers")
        for n, person in enumerate(forgetful):
            reset = Browser().submit(
                (b, a)[n % 2], (a, b)[n % 2], PASSWORD_RESET, {"email": person.email}
            )
            assert reset.status == 302, reset.text[:800]
        asked = time.monotonic()
        expected = 1 + len(forgetful)
        until(lambda: len(mailbox.received) >= expected, 60, "the e-mails")
        took = time.monotonic() - asked
        until(
            lambda: all(len(runs) == 1 for runs in runs_of_each_delivery().values()),
            10,
            "every task recorded as run",
        )
    finally:
        stop(workers)
    for worker, name in zip(workers, names, strict=True):
        log = machines.logs / f"worker-{name}.log"
        assert worker.returncode == 0, log.read_text()
    order = Order.objects.get()

    runs = runs_of_each_delivery()
    assert len(runs) == expected
    assert all(len(each) == 1 and each[0] in names for each in runs.values()), runs
    recipients = sorted(rcpt for rcpt, _ in mailbox.received)
    assert recipients == sorted([(customer.email,)] + [(p.email,) for p in forgetful])
    assert (
        (customer.email,),
        f"Đơn hàng {order.number}: xin hãy xác nhận",
    ) in mailbox.received
    by_worker = {name: sum(each == [name] for each in runs.values()) for name in names}
    outcomes(
        f"task queue ({TASKS_BACKEND}), order placed",
        "sign-in, checkout, delivery, place order",
        "basket add, address, payment method",
    )
    outcomes(
        f"task queue ({TASKS_BACKEND}), 4 password resets",
        "2 asked",
        "2 asked",
    )
    outcomes(
        f"task queue ({TASKS_BACKEND}), two workers",
        f"worker a ran {by_worker[names[0]]} of {len(runs)}",
        f"worker b ran {by_worker[names[1]]} of {len(runs)}; each task once",
    )
    report_figure(
        f"two workers ({TASKS_BACKEND}): {len(runs)} e-mail tasks, each run once, "
        f"all sent {took:.1f} s after the last request"
    )
