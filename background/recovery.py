"""Tasks claimed by a database-backend worker that died are queued again.

django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL or
FAILED when the worker is done; a worker killed in between (SIGKILL, the
machine lost, out of memory) leaves it RUNNING for ever. Each ``run_worker``
process records a heartbeat every few seconds (``WorkerHeartbeat``); a RUNNING
task whose worker has not been seen for ``lost_after`` is put back to READY,
and the next free worker, on any machine, runs it again from the start.

So a task may run twice when its first run was cut short: every task here is
safe to repeat (renditions and search text are recomputed, the expiry re-reads
each order under its lock, and an e-mail is sent at most once per outbox row,
``outbox.sending``).
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id: str, started_at) -> None:
    """Record that this worker is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


def sign_off(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def requeue_lost_tasks(lost_after: timedelta) -> int:
    """How many RUNNING tasks of workers unseen for ``lost_after`` went back to
    READY. A task claimed less than ``lost_after`` ago is left alone, whoever
    holds it: its worker may not have beaten yet."""
    now = timezone.now()
    cutoff = now - lost_after
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    for task in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue
        with transaction.atomic():
            # Only if it is still the same run: not finished, not claimed anew.
            requeued += DBTaskResult.objects.filter(
                pk=task.pk,
                status=TaskResultStatus.RUNNING,
                started_at=task.started_at,
            ).update(status=TaskResultStatus.READY)
        logger.warning(
            "Task %s (%s) was running on lost worker %s: queued again",
            task.pk,
            task.task_path,
            task.worker_ids[-1] if task.worker_ids else "?",
        )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - 10 * lost_after).delete()
    return requeued
