"""What the workers keep in the database beside the tasks themselves."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A database-backend worker that is alive, as of ``seen_at``.

    django-tasks-db marks a task RUNNING when a worker claims it and leaves it
    so if that worker dies: a task whose worker has not been seen for a while
    is put back in the queue (``background.recovery``).
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}, pid {self.pid})"


class ScheduledRun(models.Model):
    """When a task of ``TASK_SCHEDULE`` is next due (``background.schedule``)."""

    task_path = models.CharField(max_length=255, primary_key=True)
    next_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.task_path} at {self.next_run_at:%Y-%m-%d %H:%M:%S}"
