"""How much mail a stranger can make the site send: a few per recipient and client.

Password resets, registration welcomes, stock-alert confirmations and staff
invitations go to an address someone typed. Each such mail is counted, in the
store every app server shares, per recipient (the normalised address, hashed)
and per client address, for an hour: past ``MAIL_PER_RECIPIENT_PER_HOUR`` or
``MAIL_PER_CLIENT_PER_HOUR`` nothing is sent and a warning is logged. Pages
answer as if it had been sent wherever saying otherwise would tell whether an
account exists; a client past its own limit may be told, since that says
nothing about anyone else.
"""

from __future__ import annotations

import enum
import hashlib
import logging

from django.conf import settings

from users.limit_store import store
from users.sign_in_limits import client_address, normalise

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600
PREFIX = "mail"


class Verdict(enum.Enum):
    SEND = "send"
    CLIENT_OVER_LIMIT = "client over limit"
    RECIPIENT_OVER_LIMIT = "recipient over limit"

    def __bool__(self) -> bool:
        return self is Verdict.SEND


def _key(scope: str, value: str) -> str:
    return f"{PREFIX}:{scope}:{hashlib.sha256(value.encode()).hexdigest()}"


def _masked(recipient: str) -> str:
    name, _, domain = recipient.partition("@")
    return f"{name[:1]}…@{domain}"


def take(kind: str, recipient: str | None, request) -> Verdict:
    """Count one mail of ``kind`` to ``recipient`` asked by ``request``'s client.

    Counted whether or not an account has that address, so the limits behave
    alike for both. A client over its limit counts nothing for the recipient:
    one noisy client cannot use up a stranger's budget beyond its own.
    """
    address = client_address(request)
    counters = store()
    verdict = Verdict.SEND
    if address and (
        counters.count(_key("client", address), WINDOW_SECONDS)
        > settings.MAIL_PER_CLIENT_PER_HOUR
    ):
        verdict = Verdict.CLIENT_OVER_LIMIT
    recipient = normalise(recipient)
    if (
        verdict is Verdict.SEND
        and recipient
        and counters.count(_key("recipient", recipient), WINDOW_SECONDS)
        > settings.MAIL_PER_RECIPIENT_PER_HOUR
    ):
        verdict = Verdict.RECIPIENT_OVER_LIMIT
    if not verdict:
        logger.warning(
            "%s mail to %s not sent: %s (client %s)",
            kind,
            _masked(recipient),
            verdict.value,
            address or "unknown",
        )
    return verdict
