"""The outbox's tasks: send one e-mail (one attempt), and sweep what is overdue."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_mail(mail_id: int, attempt: int) -> str:
    """Attempt ``attempt`` at sending outbox row ``mail_id``; what came of it."""
    from outbox.sending import deliver

    return deliver(mail_id, attempt)


@task()
def send_overdue_mail() -> int:
    """How many overdue e-mails were enqueued again (``outbox.sending.sweep``)."""
    from outbox.sending import sweep

    return sweep()
