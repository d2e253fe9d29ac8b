"""``manage.py run_worker``: run the background tasks, on whichever engine
``TASKS_BACKEND`` names. Start one or more on any machine that reaches the
database (and Redis, for RQ); they share the work.

- **database** (django-tasks-db): django-tasks-db's worker loop in this
  process, plus a thread that records this worker's heartbeat, puts back the
  tasks of workers that died mid-task (``background.recovery``) and enqueues
  what is due (``background.schedule``).
- **rq** (django-tasks-rq): RQ's worker (``rqworker`` with its scheduler, for
  the tasks deferred to later) as a child process, while this one enqueues what
  is due and puts back jobs whose worker died (``background.rq_recovery``).

SIGTERM or Ctrl-C lets the task under way finish, then stops.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from background import recovery, rq_recovery, schedule

logger = logging.getLogger("background.worker")


class Upkeep(threading.Thread):
    """Beside the worker: the heartbeat every ``beat`` seconds, and every
    ``every`` seconds a look for lost tasks and tasks due."""

    def __init__(self, *, worker_id: str, beat: float, every: float, lost_after):
        super().__init__(name="upkeep", daemon=True)
        self.worker_id = worker_id
        self.beat = beat
        self.every = every
        self.lost_after = lost_after
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def look(self) -> None:
        try:
            recovery.requeue_lost_tasks(self.lost_after)
            schedule.enqueue_due_tasks()
        except Exception:
            logger.exception("Background upkeep failed; tried again shortly")
        finally:
            connections.close_all()

    def beat_now(self) -> None:
        try:
            recovery.beat(self.worker_id, self.started_at)
        except Exception:
            logger.exception("Worker heartbeat not recorded")
        finally:
            connections.close_all()

    def run(self) -> None:
        since_look = 0.0
        while not self.stopped.wait(self.beat):
            self.beat_now()
            since_look += self.beat
            if since_look >= self.every:
                since_look = 0.0
                self.look()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)
        try:
            recovery.sign_off(self.worker_id)
        finally:
            connections.close_all()


class Command(BaseCommand):
    help = "Run background tasks (database backend or RQ, as TASKS_BACKEND says)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run the tasks that are ready, then exit.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks for a task when idle (database; 1).",
        )
        parser.add_argument(
            "--heartbeat",
            type=float,
            default=5.0,
            help="Seconds between this worker's heartbeats (database; 5).",
        )
        parser.add_argument(
            "--lost-after",
            type=float,
            default=60.0,
            help="Seconds without a heartbeat after which a worker's running "
            "task is queued again (database; 60).",
        )
        parser.add_argument(
            "--upkeep",
            type=float,
            default=15.0,
            help="Seconds between looks for lost and scheduled tasks (15).",
        )
        parser.add_argument(
            "--worker-id",
            default="",
            help="This worker's name, unique among all workers (default: made up).",
        )

    def handle(self, *args, **options) -> None:
        logging.getLogger("django_tasks").setLevel(logging.INFO)
        logging.getLogger("django_tasks_db").setLevel(logging.INFO)
        logging.getLogger("background").setLevel(logging.INFO)
        if settings.TASKS_BACKEND == "rq":
            self.run_rq(options)
        else:
            self.run_database(options)

    def run_database(self, options) -> None:
        worker_id = options["worker_id"] or (
            f"{os.uname().nodename[:20]}-{os.getpid()}-{get_random_string(8)}"
        )
        upkeep = Upkeep(
            worker_id=worker_id,
            beat=options["heartbeat"],
            every=options["upkeep"],
            lost_after=timedelta(seconds=options["lost_after"]),
        )
        # A heartbeat before the first claim, and the tasks of workers lost
        # while none ran (a machine restarted) back in the queue.
        upkeep.beat_now()
        upkeep.look()
        upkeep.start()
        worker = Worker(
            queue_names=["*"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write(f"Worker {worker_id}: database tasks ({os.getpid()})")
        try:
            worker.run()
        finally:
            upkeep.stop()

    def run_rq(self, options) -> None:
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "rqworker",
            "--job-class",
            "django_tasks_rq.Job",
            "--with-scheduler",
            *(["--burst"] if options["batch"] else []),
            *(["--name", options["worker_id"]] if options["worker_id"] else []),
            *settings.TASKS["default"].get("QUEUES", ["default"]),
        ]
        self.rq_upkeep()
        child = subprocess.Popen(command)
        passed_on = lambda signum, frame: child.send_signal(signum)  # noqa: E731
        signal.signal(signal.SIGTERM, passed_on)
        signal.signal(signal.SIGINT, passed_on)
        self.stdout.write(f"Worker: RQ tasks (rqworker pid {child.pid})")
        while True:
            try:
                code = child.wait(timeout=options["upkeep"])
            except subprocess.TimeoutExpired:
                self.rq_upkeep()
                continue
            if code:
                raise SystemExit(code)
            return

    @staticmethod
    def rq_upkeep() -> None:
        try:
            schedule.enqueue_due_tasks()
            rq_recovery.requeue_abandoned_jobs()
        except Exception:
            logger.exception("Background upkeep failed; tried again shortly")
        finally:
            connections.close_all()
