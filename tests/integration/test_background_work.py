"""Background work on a real engine: tasks are rows of the database, written in
the transaction of the change that causes them, run by ``manage.py run_worker``
processes; or, with TASKS_BACKEND=rq, jobs in Redis run by RQ's worker.

The e-mails go through a real SMTP server (aiosmtpd, in this process, on a free
loopback port). While it is down, an order's confirmation is tried again with
growing delays and reaches the buyer once it is back, exactly once; a worker
killed mid-send loses nothing, and another worker sends the e-mail, once.
The workers run with short delays (MAIL_RETRY_SECONDS and the like) so this
takes seconds; production's are minutes."""

from __future__ import annotations

import asyncio
import email
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from oscar.core.loading import get_model

from background import enqueue, recovery, schedule
from background.models import WorkerHeartbeat
from checkout.emails import send_order_placed
from order.statuses import OrderStatus
from outbox.models import MailState, OutgoingMail
from outbox.sending import MailNotDelivered, deliver
from outbox.tasks import deliver_mail
from tests.concurrency import all_at_once
from tests.factories import ProductFactory
from tests.servers import free_port, test_database_url
from tests.shopping import Buyer

BASE_DIR = Path(__file__).resolve().parents[2]
Order = get_model("order", "Order")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DELIVER = "outbox.tasks.deliver_mail"
RETRY_SECONDS = 0.5
ATTEMPTS = 6
LEASE_SECONDS = 3
# Redis database for the RQ test: this module's own, emptied before and after.
RQ_REDIS_URL = os.environ.get("RQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

across_processes = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings):
    """The engine production uses by default: django-tasks-db."""
    settings.TASKS = DATABASE_TASKS


def until(condition: Callable[[], object], seconds: float = 30, what: str = ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"waited {seconds} s for {what or condition}")


# A real SMTP server ----------------------------------------------------------------


@dataclass
class MailServer:
    """aiosmtpd on a loopback port, up only between ``start()`` and ``stop()``.

    ``hold_first_recipient``: the first delivery stalls at RCPT TO (the message
    is not taken) until ``release`` is set, so a test can kill the worker then.
    """

    port: int = field(default_factory=free_port)
    hold_first_recipient: bool = False
    received: list = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.hold_first_recipient and not self.holding.is_set():
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(
                None, self.release.wait, 60
            )
            return "421 closing: this delivery was held"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.content))
        )
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.release.set()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def subjects(self) -> list[str]:
        return [str(make_header(decode_header(m["Subject"]))) for _, m in self.received]


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    server = MailServer()
    yield server
    server.stop()


# Workers -----------------------------------------------------------------------


@dataclass
class Workers:
    """``manage.py run_worker`` processes on this test's database, in production
    settings, sending through ``mail_server``."""

    mail_server: MailServer
    logs: Path
    started: list = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "SITE_DOMAIN", "SITE_HTTPS", "TASKS_BACKEND"}
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "craftsite.settings.production",
                "SECRET_KEY": "background-work-test-not-secret-5d1c9e7a2b4f",
                "SITE_HTTPS": "false",
                "DATABASE_URL": test_database_url(),
                "EMAIL_URL": f"smtp://127.0.0.1:{self.mail_server.port}",
                "MAIL_RETRY_SECONDS": str(RETRY_SECONDS),
                "MAIL_SEND_ATTEMPTS": str(ATTEMPTS),
                "MAIL_SEND_LEASE_SECONDS": str(LEASE_SECONDS),
                "CACHE_KEY_PREFIX": f"langnghe-workers-{os.getpid()}",
                "PYTHONUNBUFFERED": "1",
                **extra,
            }
        )
        return env

    def start(self, *arguments: str, **extra_env: str) -> subprocess.Popen:
        log = self.logs / f"worker-{len(self.started)}.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--interval",
                    "0.1",
                    "--heartbeat",
                    "0.5",
                    "--upkeep",
                    "0.5",
                    *arguments,
                ],
                cwd=BASE_DIR,
                env=self.env(**extra_env),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.started.append((process, log))
        return process

    def log_of(self, process: subprocess.Popen) -> str:
        return next(log for p, log in self.started if p is process).read_text()

    def stop_all(self) -> None:
        for process, _ in self.started:
            if process.poll() is None:
                process.terminate()
        for process, _ in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(mail_server, tmp_path) -> Iterator[Workers]:
    running = Workers(mail_server, tmp_path)
    yield running
    running.stop_all()


def placed_cash_order(centres) -> Order:
    """A guest's cash-on-delivery order, placed through the checkout."""
    buyer = Buyer()
    buyer.add(ProductFactory(centre=centres["four"], title="Bình gốm men lam"))
    response = buyer.checkout({centres["four"]: "domestic"}, "cod")
    assert response.status_code == 302
    return Order.objects.get()


def attempt_runs() -> list:
    """Each attempt's task, first to last (a task that came back early for a
    lease is not an attempt)."""
    return list(
        DBTaskResult.objects.filter(task_path=DELIVER)
        .exclude(started_at=None)
        .order_by("started_at")
    )


# The mail server is down, then back ---------------------------------------------


@across_processes
def test_with_the_mail_server_down_the_order_email_is_retried_then_sent_once(
    database_tasks, centres, mail_server, workers, report_figure
):
    order = placed_cash_order(centres)
    confirmation = OutgoingMail.objects.get()
    assert confirmation.key == f"order {order.pk} ORDER_PLACED"
    assert DBTaskResult.objects.filter(task_path=DELIVER).count() == 1

    worker = workers.start()
    failed = until(
        lambda: (
            OutgoingMail.objects.filter(pk=confirmation.pk, attempts__gte=3)
            .exclude(state=MailState.SENDING)
            .first()
        ),
        what="three refused attempts",
    )
    assert failed.state == MailState.WAITING
    assert "ConnectionRefusedError" in failed.last_error
    assert mail_server.received == []
    mail_server.start()
    back_at = time.monotonic()

    sent = until(
        lambda: OutgoingMail.objects.filter(
            pk=confirmation.pk, state=MailState.SENT
        ).first(),
        what="the e-mail to be sent",
    )
    sent_after = time.monotonic() - back_at
    [(recipients, message)] = mail_server.received
    assert recipients == [order.guest_email] == [sent.sent_to]
    assert mail_server.subjects() == [f"Đơn hàng {order.number}: xin hãy xác nhận"]
    runs = attempt_runs()
    assert len(runs) == sent.attempts >= 4
    gaps = [
        (later.started_at - earlier.started_at).total_seconds()
        for earlier, later in zip(runs, runs[1:], strict=False)
    ]
    for number, gap in enumerate(gaps, start=1):
        assert gap >= RETRY_SECONDS * 2 ** (number - 1) - 0.05, gaps

    # A duplicated task, and one for an attempt long past, send nothing more.
    duplicates = [
        deliver_mail.enqueue(confirmation.pk, sent.attempts),
        deliver_mail.enqueue(confirmation.pk, 1),
    ]
    until(
        lambda: all(
            DBTaskResult.objects.get(pk=d.id).status == "SUCCESSFUL" for d in duplicates
        ),
        what="the duplicates to run",
    )
    assert len(mail_server.received) == 1
    worker.terminate()
    assert worker.wait(timeout=20) == 0, workers.log_of(worker)
    report_figure(
        f"mail outage: {sent.attempts} attempts, "
        f"{sent.attempts - 1} refused while the server was down; delays "
        + ", ".join(f"{gap:.2f}" for gap in gaps)
        + f" s; delivered {sent_after:.2f} s after the server came back; "
        f"{len(mail_server.received)} message delivered, "
        f"{len(duplicates)} duplicate tasks sent nothing"
    )


# A worker killed mid-task ---------------------------------------------------------


@across_processes
def test_a_worker_killed_mid_send_loses_nothing_and_another_sends_it_once(
    database_tasks, centres, mail_server, workers, report_figure
):
    mail_server.hold_first_recipient = True
    mail_server.start()
    order = placed_cash_order(centres)

    first = workers.start()
    assert mail_server.holding.wait(timeout=30), workers.log_of(first)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    killed_at = time.monotonic()
    task = DBTaskResult.objects.get(task_path=DELIVER)
    assert task.status == "RUNNING"
    assert OutgoingMail.objects.get().state == MailState.SENDING
    mail_server.release.set()

    second = workers.start("--lost-after", "2")
    sent = until(
        lambda: OutgoingMail.objects.filter(state=MailState.SENT).first(),
        what="the other worker to send it",
    )
    recovered_in = time.monotonic() - killed_at

    [(recipients, _)] = mail_server.received
    assert recipients == [order.guest_email]
    task.refresh_from_db()
    first_worker, *later_workers = task.worker_ids
    assert later_workers and first_worker not in later_workers
    assert sent.attempts == 1, "the cut-short attempt was taken over, not retried"
    assert "queued again" in workers.log_of(second)
    report_figure(
        f"worker killed mid-send: the e-mail sent once by another worker "
        f"{recovered_in:.1f} s later (lost after 2 s, lease {LEASE_SECONDS} s)"
    )


@across_processes
def test_a_worker_with_no_cron_expires_unpaid_orders_on_its_own(
    database_tasks, centres, workers
):
    order = placed_cash_order(centres)
    Order.objects.filter(pk=order.pk).update(
        payment_deadline=timezone.now() - timedelta(minutes=1)
    )

    worker = workers.start("--batch")

    assert worker.wait(timeout=60) == 0, workers.log_of(worker)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert DBTaskResult.objects.filter(
        task_path="order.tasks.expire_unpaid_orders", status="SUCCESSFUL"
    ).exists()


# Enqueued in the transaction of the change ---------------------------------------


@pytest.mark.django_db
def test_a_rolled_back_change_enqueues_nothing(database_tasks, centres):
    centre = centres["four"]

    with pytest.raises(RuntimeError), transaction.atomic():
        centre.village = "Làng Mới"
        centre.save()
        send_order_placed(12345)
        assert DBTaskResult.objects.count() == 3
        assert OutgoingMail.objects.count() == 1
        raise RuntimeError("the change fails after enqueueing")

    assert DBTaskResult.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


@pytest.mark.django_db
def test_the_queue_is_handed_a_task_only_once_the_change_commits(
    centres, django_capture_on_commit_callbacks
):
    """The suite's immediate backend, like RQ, gets tasks after the commit."""
    centre = centres["four"]
    with django_capture_on_commit_callbacks() as waiting:
        with pytest.raises(RuntimeError), transaction.atomic():
            centre.village = "Làng Mới"
            centre.save()
            raise RuntimeError("rolled back")
    assert handed_over(waiting) == []

    with django_capture_on_commit_callbacks() as waiting:
        centre.save()
    assert handed_over(waiting) == [
        "catalogue.tasks.refold_products_of_centre",
        "stories.tasks.refold_stories_of_centre",
    ]


def handed_over(callbacks) -> list[str]:
    """The tasks among on-commit callbacks (``background.enqueue``)."""
    return sorted(
        callback.args[0].module_path
        for callback in callbacks
        if getattr(callback, "func", None) is enqueue._hand_over
    )


# Sent once, whoever runs the task -----------------------------------------------


@pytest.mark.django_db
def test_a_duplicated_attempt_sends_nothing_more(database_tasks, centres, mailoutbox):
    order = placed_cash_order(centres)
    confirmation = OutgoingMail.objects.get()
    assert mailoutbox == []

    outcomes = [deliver(confirmation.pk, 1) for _ in range(3)]

    assert outcomes == ["sent", "sent", "sent"]
    assert [m.to for m in mailoutbox] == [[order.guest_email]]


@pytest.mark.django_db
def test_an_attempt_under_way_elsewhere_is_left_to_it(database_tasks, centres):
    placed_cash_order(centres)
    confirmation = OutgoingMail.objects.get()
    OutgoingMail.objects.filter(pk=confirmation.pk).update(
        state=MailState.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(seconds=60),
    )

    outcome = deliver(confirmation.pk, 1)

    assert outcome.startswith("back at")
    [comeback] = DBTaskResult.objects.filter(task_path=DELIVER).exclude(
        run_after=get_date_max()
    )
    assert comeback.args_kwargs["args"] == [confirmation.pk, 1]
    assert comeback.run_after >= timezone.now() + timedelta(seconds=50)


@pytest.mark.django_db
def test_after_the_last_attempt_the_email_stays_failed_with_its_error(
    database_tasks, centres, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.MAIL_SEND_ATTEMPTS = 3
    placed_cash_order(centres)
    confirmation = OutgoingMail.objects.get()
    delays = []

    for attempt in (1, 2):
        OutgoingMail.objects.filter(pk=confirmation.pk).update(
            next_attempt_at=timezone.now()
        )
        before = timezone.now()
        assert deliver(confirmation.pk, attempt).startswith("retry at")
        waiting = OutgoingMail.objects.get(pk=confirmation.pk)
        delays.append(round((waiting.next_attempt_at - before).total_seconds()))
    OutgoingMail.objects.filter(pk=confirmation.pk).update(
        next_attempt_at=timezone.now()
    )
    with pytest.raises(MailNotDelivered, match=confirmation.key):
        deliver(confirmation.pk, 3)

    failed = OutgoingMail.objects.get(pk=confirmation.pk)
    assert delays == [settings.MAIL_RETRY_SECONDS, 2 * settings.MAIL_RETRY_SECONDS]
    assert (failed.state, failed.attempts) == (MailState.FAILED, 3)
    assert failed.last_error.startswith("attempt 3: ConnectionRefusedError")


# Lost workers and the schedule ---------------------------------------------------


@pytest.mark.django_db
def test_a_running_task_of_a_worker_unseen_for_a_minute_is_queued_again(
    database_tasks,
):
    from order.tasks import expire_unpaid_orders

    long_ago = timezone.now() - timedelta(minutes=5)
    lost, alive = (expire_unpaid_orders.enqueue().id for _ in range(2))
    for task_id, worker in ((lost, "gone"), (alive, "busy")):
        DBTaskResult.objects.filter(pk=task_id).update(
            status="RUNNING", started_at=long_ago, worker_ids=[worker]
        )
    WorkerHeartbeat.objects.create(
        worker_id="gone", host="a", pid=1, started_at=long_ago, seen_at=long_ago
    )
    recovery.beat("busy", long_ago)

    assert recovery.requeue_lost_tasks(timedelta(seconds=60)) == 1

    assert DBTaskResult.objects.get(pk=lost).status == "READY"
    assert DBTaskResult.objects.get(pk=alive).status == "RUNNING"


@across_processes
def test_workers_looking_at_once_enqueue_each_turn_once(database_tasks, settings):
    settings.TASK_SCHEDULE = {"order.tasks.expire_unpaid_orders": 300}

    looks = all_at_once([schedule.enqueue_due_tasks] * 4)
    again = schedule.enqueue_due_tasks()

    assert sorted(map(len, looks)) == [0, 0, 0, 1], looks
    assert again == []
    assert DBTaskResult.objects.count() == 1


# RQ ---------------------------------------------------------------------------------


@pytest.fixture
def rq_redis():
    from redis import Redis

    redis = Redis.from_url(RQ_REDIS_URL)
    redis.flushdb()
    yield redis
    redis.flushdb()


@across_processes
def test_switched_to_rq_the_task_goes_to_redis_and_an_rq_worker_runs_it(
    settings, rq_redis, centres, mail_server, workers
):
    import django_rq

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
    settings.RQ_QUEUES = {"default": {"URL": RQ_REDIS_URL}}
    mail_server.start()

    order = placed_cash_order(centres)

    queue = django_rq.get_queue("default")
    [job_id] = [
        job_id
        for job_id in queue.job_ids
        if queue.fetch_job(job_id).func_name == DELIVER
    ]
    assert rq_redis.exists(f"rq:job:{job_id}"), "not in the Redis database given"
    assert OutgoingMail.objects.get().state == MailState.WAITING

    worker = workers.start("--batch", TASKS_BACKEND="rq", REDIS_URL=RQ_REDIS_URL)

    assert worker.wait(timeout=60) == 0, workers.log_of(worker)
    assert OutgoingMail.objects.get().state == MailState.SENT
    assert [recipients for recipients, _ in mail_server.received] == [
        [order.guest_email]
    ]
    assert queue.count == 0
