"""E-mails sent by tasks: enqueued with the change that causes them, tried
again with growing delays while the mail server is down, sent once.

``send_later(key, sender, **params)`` writes an ``OutgoingMail`` row and
enqueues its first attempt, both in the caller's transaction
(``background.enqueue``): a rolled-back change leaves neither. Each attempt is
a ``deliver_mail(mail_id, attempt)`` task that claims the row, calls
``sender(**params)`` (which renders the e-mail from ids, in its reader's
language, and sends it), and records the outcome:

- **sent**: the row says so, and to whom; no later attempt sends it again.
- **refused or unreachable** (the server is down, times out, says no, or the
  rendering raised): attempt *n* is followed by attempt *n+1* after
  ``MAIL_RETRY_SECONDS`` × 2^(n−1), at most ``MAIL_RETRY_MAX_SECONDS``, enqueued
  in the same transaction that records the failure; after
  ``MAIL_SEND_ATTEMPTS`` attempts the row stays **failed**, with the last error,
  in the Django admin's outbox, whose "send again" action starts over.
- **nothing to send** (``sender`` returned ""; the order is gone): dropped.

Never lost: the row is the record, not the task. ``send_overdue_mail`` (every
few minutes, ``TASK_SCHEDULE``) enqueues again any row whose attempt is overdue
by more than a lease, which matters on RQ, where a task can be lost between the
commit and Redis, or with Redis.

Never sent twice, with one window left open. An attempt claims the row with a
conditional update (state *waiting*, the expected attempt number) and holds
it for ``MAIL_SEND_LEASE_SECONDS``; a copy of the same task, or the attempt put
back after its worker died, finds the claim and comes back when the lease ends.
The window: if the worker dies after the mail server accepted the message and
before the row says *sent* (a few milliseconds), the lease runs out and the
e-mail is sent again. An SMTP server gives no way to ask "did you already take
this one?", so that one case is at-least-once by necessity; every other case
(duplicate tasks, retries, recovered tasks, several workers) sends once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from background.enqueue import enqueue_with_change
from outbox.models import MailState, OutgoingMail
from outbox.tasks import deliver_mail

logger = logging.getLogger(__name__)
FINAL = (MailState.SENT, MailState.FAILED, MailState.DROPPED)


class MailNotDelivered(Exception):
    """Every attempt failed; the row stays failed for staff to send again."""


def send_later(key: str, sender: str, **params) -> OutgoingMail:
    """The e-mail ``key``, to be sent by ``sender(**params)``; a key already in
    the outbox is not sent again. Call it inside the change's transaction."""
    mail, created = OutgoingMail.objects.get_or_create(
        key=key,
        defaults={
            "sender": sender,
            "params": params,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        enqueue_with_change(deliver_mail, mail.pk, 1)
    return mail


def retry_delay(attempt: int) -> timedelta:
    """How long after failed attempt ``attempt`` (1, 2, …) the next one waits."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** (attempt - 1)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def lease() -> timedelta:
    return timedelta(seconds=settings.MAIL_SEND_LEASE_SECONDS)


def deliver(mail_id: int, attempt: int) -> str:
    """Make attempt ``attempt`` at ``mail_id`` if it is this attempt's turn."""
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None or mail.state in FINAL:
        return mail.state if mail else "gone"
    now = timezone.now()
    if mail.attempts == attempt - 1 and mail.state == MailState.WAITING:
        if mail.next_attempt_at > now:
            return _come_back(mail, attempt, mail.next_attempt_at)
        claimed = OutgoingMail.objects.filter(
            pk=mail.pk, state=MailState.WAITING, attempts=attempt - 1
        ).update(
            state=MailState.SENDING, attempts=attempt, next_attempt_at=now + lease()
        )
    elif mail.attempts == attempt and mail.state == MailState.SENDING:
        if mail.next_attempt_at > now:
            # Under way elsewhere, or cut short with its worker: look again
            # once the lease ends.
            return _come_back(mail, attempt, mail.next_attempt_at)
        logger.warning("%s: attempt %s was cut short; trying again", mail.key, attempt)
        claimed = OutgoingMail.objects.filter(
            pk=mail.pk,
            state=MailState.SENDING,
            attempts=attempt,
            next_attempt_at=mail.next_attempt_at,
        ).update(next_attempt_at=now + lease())
    else:
        return "not this attempt's turn"
    if not claimed:
        return "taken by another worker"
    return _send(mail, attempt)


def _send(mail: OutgoingMail, attempt: int) -> str:
    # E-mails name the Site in their links (Oscar's dispatcher asks for
    # ``Site.objects.get_current()`` itself). A worker runs for days while every
    # ``migrate`` may rewrite the Site's domain (``craftsite.apps``): the copy this
    # process cached when it first asked must not outlive that.
    Site.objects.clear_cache()
    try:
        sent_to = import_string(mail.sender)(**mail.params)
    except Exception as error:  # noqa: BLE001 (on the row, and tried again)
        return _failed(mail, attempt, error)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        state=MailState.SENT if sent_to else MailState.DROPPED,
        sent_to=(sent_to or "")[:500],
        sent_at=timezone.now() if sent_to else None,
        last_error="",
    )
    return "sent" if sent_to else "dropped"


def _failed(mail: OutgoingMail, attempt: int, error: Exception) -> str:
    text = f"attempt {attempt}: {type(error).__name__}: {error}"[:2000]
    if attempt >= settings.MAIL_SEND_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            state=MailState.FAILED, last_error=text
        )
        logger.error("%s not sent after %s attempts: %s", mail.key, attempt, error)
        raise MailNotDelivered(mail.key) from error
    due = timezone.now() + retry_delay(attempt)
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk).update(
            state=MailState.WAITING, next_attempt_at=due, last_error=text
        )
        _enqueue_at(mail.pk, attempt + 1, due)
    logger.warning(
        "%s not sent (%s); attempt %s at %s", mail.key, text, attempt + 1, due
    )
    return f"retry at {due.isoformat()}"


def _come_back(mail: OutgoingMail, attempt: int, when) -> str:
    _enqueue_at(mail.pk, attempt, when)
    return f"back at {when.isoformat()}"


def _enqueue_at(mail_id: int, attempt: int, when) -> None:
    """Attempt ``attempt`` no earlier than ``when``. A backend that cannot defer
    (the test suite's immediate one) leaves the row to ``sweep``."""
    if deliver_mail.get_backend().supports_defer:
        enqueue_with_change(deliver_mail.using(run_after=when), mail_id, attempt)


def sweep() -> int:
    """Enqueue again every attempt overdue by more than a lease: its task was
    lost (RQ), or the rows were put back by hand."""
    late = timezone.now() - lease()
    swept = 0
    for mail in OutgoingMail.objects.filter(
        state__in=(MailState.WAITING, MailState.SENDING), next_attempt_at__lt=late
    ):
        attempt = mail.attempts + (1 if mail.state == MailState.WAITING else 0)
        enqueue_with_change(deliver_mail, mail.pk, attempt)
        swept += 1
    return swept


def send_again(mails) -> int:
    """Failed e-mails (the admin's action) start over from attempt 1."""
    count = 0
    for mail in mails.filter(state=MailState.FAILED):
        with transaction.atomic():
            if OutgoingMail.objects.filter(pk=mail.pk, state=MailState.FAILED).update(
                state=MailState.WAITING, attempts=0, next_attempt_at=timezone.now()
            ):
                enqueue_with_change(deliver_mail, mail.pk, 1)
                count += 1
    return count
