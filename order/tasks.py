"""The expiry of unpaid orders as a Django task (the ``django_tasks`` backport
Wagtail already brings).

The workers enqueue it every ``UNPAID_ORDER_CHECK_MINUTES`` themselves
(``TASK_SCHEDULE``, ``background.schedule``), once per turn however many
workers run; ``manage.py expire_unpaid_orders`` from cron does the same work
where no worker runs. Two runs at once are safe (``order.deadlines``).
"""

from django_tasks import task

from order import deadlines


@task()
def expire_unpaid_orders() -> int:
    """How many orders it cancelled (see ``order.deadlines``)."""
    return deadlines.expire_unpaid_orders().cancelled
