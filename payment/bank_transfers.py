"""Bank transfers confirmed by the bank statement: the webhook of a
payment-confirmation service (the model Casso, SePay and PayOS use).

The service watches the site's bank account and POSTs one JSON object per
incoming transfer to ``/payments/bank/webhook/``::

    {
      "reference": "FT26005123456789",     bank's unique reference, 1-128 chars
      "amount": 1288000,                   đồng received, a positive integer
      "description": "MBVCB.32789.100001.CT tu ...",  the transfer note, <= 500
      "account_number": "0011004455667",   the account that received it
      "transferred_at": "2026-01-05T10:15:00+07:00",  ISO 8601
      "type": "in"                         optional; "out" is ignored
    }

signed in the header ``X-Bank-Signature: t=<unix seconds>,v1=<hex>``, where
``<hex>`` is the HMAC-SHA256 of ``"<t>." + raw body`` keyed with
``BANK_WEBHOOK_SECRET`` (several ``v1=`` may be sent while a secret is
rotated). A timestamp more than five minutes from our clock is refused, so a
recorded delivery cannot be replayed later. Bodies over 16 KB, nested JSON,
and anything not of the shape above are refused with 400 before any work.

Each transfer is stored once per bank reference (a repeat answers 200 and
changes nothing) and pays an order only when its note names exactly one order
awaiting a bank transfer and the amount is that order's total in whole đồng,
into the site's own account. Anything else pays nothing and is flagged as a
``PaymentAlert`` for site managers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime

from anyascii import anyascii
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class, get_model

from order.processing import Recorder, may_record_payment
from payment.models import BankTransfer, PaymentAlert
from sitewide.money import whole_dong

logger = logging.getLogger(__name__)
EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")
Outcome = BankTransfer.Outcome

SIGNATURE_HEADER = "X-Bank-Signature"
SIGNATURE_TOLERANCE_SECONDS = 300
MAX_BODY_BYTES = 16 * 1024
MAX_NESTING = 2
MAX_REFERENCE_LENGTH = 128
MAX_DESCRIPTION_LENGTH = 500
MAX_ACCOUNT_LENGTH = 64
MAX_AMOUNT = 10**15
#: An order number is Oscar's 100000 + basket id, then "-2", "-3"… for a basket
#: ordered again (``order.utils``): at least six digits, and a short suffix.
MIN_ORDER_DIGITS = 6
MAX_ATTEMPT_DIGITS = 2

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_DIGIT_RUNS = re.compile(r"\d+")
_LETTERS_OR_DIGITS = re.compile(r"[A-Z0-9]")


class NotificationError(ValueError):
    """A delivery we refuse with 400; the message says why, for the service's logs."""


@dataclass(frozen=True)
class TransferNotice:
    reference: str
    amount: int
    description: str
    account_number: str
    transferred_at: datetime
    incoming: bool = True


def clean_reference(value: str) -> str:
    """Text as it is stored: no control characters, runs of spaces as one."""
    spaced = (" " if char.isspace() else char for char in value)
    return " ".join("".join(char for char in spaced if char.isprintable()).split())


def account_digits(value: str) -> str:
    return "".join(value.split()).upper()


def signature_header(body: bytes, secret: str, timestamp: int) -> str:
    digest = hmac.new(
        secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(body: bytes, header: str, secret: str, now: float) -> None:
    """Raise ``NotificationError`` unless ``header`` signs ``body`` recently."""
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value.strip().lower())
    if timestamp is None or not signatures:
        raise NotificationError("Missing or malformed signature header.")
    if abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS:
        raise NotificationError("Signature timestamp outside the tolerance.")
    expected = signature_header(body, secret, timestamp).rpartition("v1=")[2]
    if not any(hmac.compare_digest(expected, given) for given in signatures):
        raise NotificationError("Invalid signature.")


def nesting_exceeds(text: str, limit: int) -> bool:
    """True when JSON ``text`` opens more than ``limit`` arrays or objects inside
    one another, checked before parsing so no parser recursion is spent on it."""
    depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def parse_notice(body: bytes) -> TransferNotice:
    """The transfer a signed body reports; ``NotificationError`` for any other shape."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotificationError("The body is not UTF-8.") from error
    if nesting_exceeds(text, MAX_NESTING):
        raise NotificationError("The body is nested too deeply.")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise NotificationError("The body is not JSON.") from error
    if not isinstance(data, dict):
        raise NotificationError("The body must be a JSON object.")
    direction = data.get("type", "in")
    if direction not in ("in", "out"):
        raise NotificationError("type must be “in” or “out”.")
    reference = _text_field(data, "reference", MAX_REFERENCE_LENGTH)
    if not reference:
        raise NotificationError("reference is required.")
    amount = data.get("amount")
    if type(amount) is not int or not 0 < amount < MAX_AMOUNT:
        raise NotificationError("amount must be a positive whole number of đồng.")
    when = data.get("transferred_at")
    transferred_at = parse_datetime(when) if isinstance(when, str) else None
    if transferred_at is None:
        raise NotificationError("transferred_at must be an ISO 8601 date and time.")
    if timezone.is_naive(transferred_at):
        transferred_at = timezone.make_aware(transferred_at)
    return TransferNotice(
        reference=reference,
        amount=amount,
        description=_text_field(data, "description", MAX_DESCRIPTION_LENGTH),
        account_number=_text_field(data, "account_number", MAX_ACCOUNT_LENGTH),
        transferred_at=transferred_at,
        incoming=direction == "in",
    )


def _text_field(data: dict, name: str, limit: int) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise NotificationError(f"{name} must be a string.")
    value = clean_reference(value)
    if len(value) > limit:
        raise NotificationError(f"{name} is longer than {limit} characters.")
    return value


def order_numbers_in(description: str) -> set[str]:
    """Every order number the transfer note could be naming, each a whole token.

    The QR code's note is the order number (``vietqr.transfer_note``: a
    repeat order's ``100001-2`` becomes ``100001 2``). Banks put text around
    it, upper-case it and may drop the spaces, so a number is a whole run of
    digits (``1000011`` does not name ``100001``), two runs apart only by
    punctuation or spaces name a repeat order, and a run may be a repeat
    order's two parts run together (``1000012``).
    """
    text = anyascii(description).upper()
    runs = list(_DIGIT_RUNS.finditer(text))
    numbers = set()
    for index, run in enumerate(runs):
        digits = run.group()
        numbers.add(digits)
        for suffix in range(1, MAX_ATTEMPT_DIGITS + 1):
            base, attempt = digits[:-suffix], digits[-suffix:]
            if len(base) >= MIN_ORDER_DIGITS and not attempt.startswith("0"):
                numbers.add(f"{base}-{attempt}")
        following = runs[index + 1] if index + 1 < len(runs) else None
        if (
            following is not None
            and len(following.group()) <= MAX_ATTEMPT_DIGITS
            and not _LETTERS_OR_DIGITS.search(text[run.end() : following.start()])
        ):
            numbers.add(f"{digits}-{following.group()}")
    return numbers


@dataclass
class Decision:
    outcome: str
    order: object = None
    message: str = ""
    alert: bool = True


def decide(notice: TransferNotice, orders: list) -> Decision:
    """What a transfer does, given the orders its note names (locked)."""
    amount = notice.amount
    ours = settings.VIETQR_ACCOUNT_NUMBER
    if not ours or account_digits(notice.account_number) != account_digits(ours):
        return Decision(
            Outcome.WRONG_ACCOUNT,
            orders[0] if len(orders) == 1 else None,
            f"Transfer to account {notice.account_number or '(none)'}, not the "
            "site's VietQR account: nothing paid.",
        )
    awaiting = [o for o in orders if may_record_payment(o, Recorder.BANK_STATEMENT)]
    exact = [o for o in awaiting if whole_dong(o.total_incl_tax) == amount]
    if len(exact) == 1:
        return Decision(Outcome.PAID, exact[0], alert=False)
    if len(awaiting) > 1 or (not awaiting and len(orders) > 1):
        numbers = ", ".join(sorted(order.number for order in orders))
        return Decision(
            Outcome.AMBIGUOUS,
            None,
            f"The note names several orders ({numbers}): nothing paid.",
        )
    if awaiting:
        order = awaiting[0]
        total = whole_dong(order.total_incl_tax)
        return Decision(
            Outcome.SHORT if amount < total else Outcome.EXCESS,
            order,
            f"{amount:,} đồng received for order {order.number}, whose total is "
            f"{total:,} đồng ({amount - total:+,}): nothing paid.",
        )
    if not orders:
        return Decision(
            Outcome.UNMATCHED, None, "The note names no order: nothing paid."
        )
    order = orders[0]
    if order.paid_at is not None:
        recorded = order.payment_events.filter(reference=notice.reference).exists()
        return Decision(
            Outcome.ALREADY_PAID,
            order,
            f"Order {order.number} was already paid: refund this transfer.",
            alert=not recorded,
        )
    return Decision(
        Outcome.NOT_AWAITED,
        order,
        f"Order {order.number} does not await a bank transfer "
        f"({order.payment_method}, {order.status}): nothing paid.",
    )


def record_transfer(notice: TransferNotice) -> str:
    """Store ``notice`` once and apply it; returns the outcome, or "duplicate"."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                transfer = BankTransfer.objects.create(
                    reference=notice.reference,
                    amount=notice.amount,
                    note=notice.description,
                    account_number=notice.account_number,
                    transferred_at=notice.transferred_at,
                    outcome=Outcome.UNMATCHED,
                )
        except IntegrityError:
            return "duplicate"
        orders = list(
            Order.objects.select_for_update()
            .filter(number__in=order_numbers_in(notice.description))
            .order_by("pk")
        )
        decision = decide(notice, orders)
        if decision.outcome == Outcome.PAID:
            _pay(decision.order, notice)
        transfer.order = decision.order
        transfer.outcome = decision.outcome
        transfer.save(update_fields=["order", "outcome"])
        if decision.alert:
            _flag(transfer, decision, notice)
    return decision.outcome


def _pay(order, notice: TransferNotice) -> None:
    EventHandler().mark_paid(
        order,
        reference=notice.reference,
        note=f"Bank transfer {notice.reference} of {notice.amount:,} đồng "
        "confirmed by the bank statement.",
    )
    from order.emails import send_payment_received

    send_payment_received(order.pk)


def _flag(transfer: BankTransfer, decision: Decision, notice: TransferNotice) -> None:
    order = decision.order
    PaymentAlert.objects.create(
        source=PaymentAlert.Source.BANK,
        order=order,
        reference=transfer.reference,
        reason=decision.outcome,
        message=decision.message,
        amount=notice.amount,
        currency="VND",
        details={
            "description": notice.description,
            "account_number": notice.account_number,
            "transferred_at": notice.transferred_at.isoformat(),
            "order_total": whole_dong(order.total_incl_tax) if order else None,
        },
    )
    logger.warning("Bank transfer %s flagged: %s", transfer.reference, decision.message)


@csrf_exempt
@require_POST
def bank_webhook(request) -> HttpResponse:
    secret = settings.BANK_WEBHOOK_SECRET
    if not secret:
        return HttpResponseBadRequest("Bank transfer confirmation is not configured.")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
        return HttpResponseBadRequest("The body is too large.")
    body = request.body
    try:
        if len(body) > MAX_BODY_BYTES:
            raise NotificationError("The body is too large.")
        verify_signature(
            body, request.headers.get(SIGNATURE_HEADER, ""), secret, time.time()
        )
        notice = parse_notice(body)
    except NotificationError as error:
        return HttpResponseBadRequest(str(error))
    if not notice.incoming:
        return JsonResponse({"received": True, "outcome": "ignored"})
    return JsonResponse({"received": True, "outcome": record_transfer(notice)})
