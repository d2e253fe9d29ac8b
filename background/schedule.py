"""Tasks that run every so often (``TASK_SCHEDULE``), without cron.

Every worker looks now and then (``run_worker``); the one whose conditional
update moves a task's ``next_run_at`` forward enqueues it, in the same
transaction, so however many workers on however many machines look at the same
moment, each turn is enqueued once. With no worker running nothing is due:
``manage.py expire_unpaid_orders`` from cron still works.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from background.enqueue import enqueue_with_change
from background.models import ScheduledRun


def enqueue_due_tasks() -> list[str]:
    """The task paths enqueued on this look."""
    enqueued = []
    for task_path, seconds in settings.TASK_SCHEDULE.items():
        if _take_turn(task_path, timedelta(seconds=seconds)):
            enqueued.append(task_path)
    return enqueued


def _take_turn(task_path: str, every: timedelta) -> bool:
    now = timezone.now()
    with transaction.atomic():
        due = ScheduledRun.objects.filter(task_path=task_path).first()
        if due is None:
            try:
                with transaction.atomic():
                    ScheduledRun.objects.create(
                        task_path=task_path, next_run_at=now + every
                    )
            except IntegrityError:
                return False  # another worker took this first turn
        elif due.next_run_at > now:
            return False
        elif not ScheduledRun.objects.filter(
            task_path=task_path, next_run_at=due.next_run_at
        ).update(next_run_at=now + every):
            return False
        enqueue_with_change(import_string(task_path))
    return True
