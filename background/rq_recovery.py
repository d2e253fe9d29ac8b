"""RQ jobs whose worker died mid-job are queued again.

RQ keeps a job it is running in the queue's StartedJobRegistry, under a lease
its worker keeps renewing. When the worker is killed the lease runs out and
RQ's next registry clean-up (any worker does one every few minutes) moves the
job to the FailedJobRegistry as an ``AbandonedJobError``; a work-horse killed
under a living worker fails its job as "terminated unexpectedly". RQ would
retry them only for a job enqueued with ``Retry``, which django-tasks-rq does not
set, so ``run_worker`` puts such jobs back in the queue itself. Jobs that
failed by raising stay failed, for the operators (django-rq's pages in the
Django admin, or ``rq info``).
"""

from __future__ import annotations

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

DIED = ("AbandonedJobError", "Work-horse terminated unexpectedly")


def requeue_abandoned_jobs() -> int:
    import django_rq
    from django_tasks_rq import Job
    from rq.registry import FailedJobRegistry

    requeued = 0
    for name in settings.TASKS["default"].get("QUEUES", ["default"]):
        queue = django_rq.get_queue(name, job_class=Job)
        registry = FailedJobRegistry(queue=queue)
        for job_id in registry.get_job_ids():
            job = queue.fetch_job(job_id)
            result = job.latest_result() if job is not None else None
            reason = (result.exc_string or "") if result is not None else ""
            if any(mark in reason for mark in DIED):
                registry.requeue(job_id)
                requeued += 1
                logger.warning("RQ job %s lost with its worker: queued again", job_id)
    return requeued
