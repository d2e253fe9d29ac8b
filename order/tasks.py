"""The expiry of unpaid orders as a Django task (the ``django_tasks`` backport
Wagtail already brings), for a site that schedules tasks rather than cron jobs.

``expire_unpaid_orders.enqueue()`` runs it on the configured ``TASKS`` backend
(immediately, with the default backend). The tasks framework queues work; it
does not repeat it: something must still enqueue it every few minutes.
"""

from django_tasks import task

from order import deadlines


@task()
def expire_unpaid_orders() -> int:
    """How many orders it cancelled (see ``order.deadlines``)."""
    return deadlines.expire_unpaid_orders().cancelled
