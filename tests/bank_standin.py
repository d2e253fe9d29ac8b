"""A stand-in for a bank-statement service (Casso, SePay, PayOS and the like).

Such a service watches the shop's bank account and, for every incoming
transfer, POSTs one JSON notification to the shop's webhook, signed with the
secret both sides share. This stand-in builds those notifications as the
service would (the bank's reference, the amount in đồng, the transfer note as
the bank rewrote it, the receiving account, the time) and signs their exact
bytes the same way: ``X-Bank-Signature: t=<unix seconds>,v1=<hex>``, the
HMAC-SHA256 of ``"<t>." + body`` (``payment/bank_transfers.py`` documents the
format). Its signing is written here from that description, not imported from
the code under test, so a test proves the two agree.

It delivers over real HTTP to a running server (:meth:`BankStandIn.post`) or
through Django's test client (:meth:`BankStandIn.deliver`), and lets a test
send what a real service never would: a wrong secret, a stale timestamp, any
raw body.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import Any

SIGNATURE_HEADER = "X-Bank-Signature"
WEBHOOK_PATH = "/payments/bank/webhook/"

#: How banks show a buyer's transfer note on the statement: around it their own
#: codes and names, upper case, and sometimes with every space removed.
NOTE_STYLES = {
    "as typed": "{note}",
    "vietcombank": "MBVCB.{code}.{note}.CT tu 0123456789 NGUYEN THI LAN toi "
    "{account} LANG NGHE HA NOI",
    "upper case": "IBFT {note} CHUYEN KHOAN",
    "no spaces": "{code}.NGUYENTHILAN{note}CHUYENTIEN",
}


class BankStandIn:
    def __init__(self, *, secret: str | None = None, account_number: str):
        self.secret = secret or f"bank_whsec_{secrets.token_hex(16)}"
        self.account_number = account_number
        self._serial = itertools.count(1)

    # -- what the service sends ---------------------------------------------

    def reference(self) -> str:
        """A bank reference, unique per transfer, like ``FT26005000123456``."""
        return f"FT26005{next(self._serial):09d}"

    def notification(
        self,
        *,
        amount: int,
        description: str,
        reference: str | None = None,
        account_number: str | None = None,
        transferred_at: datetime | None = None,
        direction: str = "in",
    ) -> dict[str, Any]:
        return {
            "reference": reference or self.reference(),
            "amount": amount,
            "description": description,
            "account_number": self.account_number
            if account_number is None
            else account_number,
            "transferred_at": (transferred_at or datetime.now(UTC)).isoformat(),
            "type": direction,
        }

    def bank_note(self, note: str, style: str = "vietcombank") -> str:
        """``note`` (what the buyer's QR code carried) as the bank shows it."""
        if style == "no spaces":
            note = note.replace(" ", "")
        text = NOTE_STYLES[style].format(
            note=note, code=f"{next(self._serial):010d}", account=self.account_number
        )
        return text.upper() if style != "as typed" else text

    def paying(
        self, order, *, amount: int | None = None, style: str = "vietcombank", **more
    ) -> dict[str, Any]:
        """The notification for a buyer who scanned ``order``'s VietQR code:
        its total and its note, unless ``amount`` says otherwise."""
        from payment.vietqr import transfer_request_for

        request = transfer_request_for(order)
        return self.notification(
            amount=request.amount if amount is None else amount,
            description=self.bank_note(request.note, style),
            **more,
        )

    # -- signing --------------------------------------------------------------

    def sign(
        self, body: bytes, *, timestamp: int | None = None, secret: str | None = None
    ) -> str:
        timestamp = int(time.time()) if timestamp is None else timestamp
        digest = hmac.new(
            (self.secret if secret is None else secret).encode("utf-8"),
            str(timestamp).encode() + b"." + body,
            hashlib.sha256,
        ).hexdigest()
        return f"t={timestamp},v1={digest}"

    @staticmethod
    def encode(notification: dict[str, Any]) -> bytes:
        return json.dumps(notification, ensure_ascii=False).encode("utf-8")

    def signed(self, notification: dict[str, Any]) -> tuple[bytes, str]:
        body = self.encode(notification)
        return body, self.sign(body)

    def _prepared(self, notification, body, header) -> tuple[bytes, str]:
        if body is None:
            body = self.encode(notification)
        return body, self.sign(body) if header is None else header

    # -- delivery -------------------------------------------------------------

    def post(
        self,
        base_url: str,
        notification: dict[str, Any] | None = None,
        *,
        body: bytes | None = None,
        header: str | None = None,
    ) -> tuple[int, bytes]:
        """POST over HTTP to ``base_url``'s webhook, as the service does.

        ``body`` sends those bytes instead of ``notification``'s (signed unless
        ``header`` is given); ``header`` replaces the signature. Error statuses
        are returned, not raised.
        """
        body, header = self._prepared(notification, body, header)
        request = urllib.request.Request(
            base_url.rstrip("/") + WEBHOOK_PATH,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                SIGNATURE_HEADER: header,
                "User-Agent": "BankStatementStandIn/1.0",
            },
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read()

    def deliver(
        self,
        client,
        notification: dict[str, Any] | None = None,
        *,
        body: bytes | None = None,
        header: str | None = None,
    ):
        """The same request through Django's test client; returns its response."""
        body, header = self._prepared(notification, body, header)
        return client.post(
            WEBHOOK_PATH,
            data=body,
            content_type="application/json; charset=utf-8",
            headers={SIGNATURE_HEADER: header},
        )
