"""Enqueue a task in the transaction of the change that causes it.

With the database backend the task is a row written on the caller's database
connection: it commits with the change, or rolls back with it, and a worker
cannot see it before the change is visible. Any other backend (RQ, or the test
suite's immediate one) is handed the task once the transaction commits, so a
rolled-back change enqueues nothing and a worker never reads rows that are not
there yet. Outside a transaction both happen at once.

On RQ a crash, or Redis refusing, between the commit and the hand-over loses
that task; the e-mails do not depend on it (``outbox.sending`` sweeps what is
still unsent), renditions are made again when an image is next saved, and the
expiry of unpaid orders runs again at its next turn.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)


def is_in_database(task) -> bool:
    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue_with_change(task, *args, **kwargs) -> None:
    """``task.enqueue(*args, **kwargs)``, committed with the caller's change."""
    if is_in_database(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(_hand_over, task, args, kwargs))


def _hand_over(task, args, kwargs) -> None:
    """The change has committed: a queue that is down must not turn it into an
    error (nor stop the other callbacks); it is logged for the operators."""
    try:
        task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Task %s not enqueued", task.module_path)
