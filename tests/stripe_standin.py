"""A local stand-in for the slice of Stripe's HTTP API that the checkout uses.

Tests point the real ``stripe`` library at it (``base_addresses={"api": url}``)
so every call crosses real HTTP on loopback: the library's own form encoding,
headers, idempotency keys, error mapping and retries are exercised, and nothing
reaches the internet. Mocking the library would test our assumptions about
Stripe instead of the code that talks to it.

What it serves, in Stripe's shapes:

* ``POST /v1/checkout/sessions``, ``GET /v1/checkout/sessions/<id>``,
  ``POST /v1/checkout/sessions/<id>/expire``;
* ``POST /v1/refunds``, ``GET /v1/refunds/<id>``;
* ``GET /pay/<id>``, a plain page for a browser sent to a session's ``url``.

Idempotency follows Stripe's rules: a repeated ``Idempotency-Key`` with the
same parameters replays the saved response (``Idempotent-Replayed: true``),
with other parameters it is refused with an ``idempotency_error``. As at
Stripe, a request refused while its parameters are validated saves nothing,
so it can be retried under the same key once corrected.

Stripe's side of a payment (the customer paying, a bank debit settling, a
session running out) is driven by the test controls :meth:`StripeStandIn.pay`,
:meth:`~StripeStandIn.settle` and :meth:`~StripeStandIn.expire`. Each returns
the event Stripe would send; the stand-in does not deliver it, so a test decides
when, how often and with which signature it reaches the webhook
(:meth:`~StripeStandIn.post_event`).

Amounts are integers in the currency's smallest unit, as at Stripe; for a
zero-decimal currency such as VND that is the amount itself (no x100).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import html
import json
import re
import secrets
import string
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ID_ALPHABET = string.ascii_letters + string.digits

CHECKOUT_LOCALES = frozenset(
    "auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko "
    "lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW".split()
)
REFUND_REASONS = frozenset({"duplicate", "fraudulent", "requested_by_customer"})
MIN_SESSION_LIFETIME = 30 * 60
MAX_SESSION_LIFETIME = 24 * 60 * 60
CLOCK_LEEWAY = 60
"""Seconds of slack on ``expires_at`` bounds: the client computes the timestamp
a moment before the session is created."""

_INJECTED_FAILURES = {
    400: ("invalid_request_error", None, "Injected failure from the test."),
    402: ("card_error", "card_declined", "Your card was declined."),
    429: ("invalid_request_error", "rate_limit", "Too many requests hit the API."),
}


def _random_id(prefix: str, length: int = 24) -> str:
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


class ApiError(Exception):
    """An error answered in Stripe's ``{"error": {...}}`` shape.

    ``saved`` says whether the idempotency layer keeps the answer for replay:
    Stripe saves results once an endpoint starts executing, not refusals of
    malformed parameters.
    """

    def __init__(
        self,
        status: int,
        error_type: str,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        decline_code: str | None = None,
        saved: bool = True,
    ):
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message
        self.code = code
        self.param = param
        self.decline_code = decline_code
        self.saved = saved

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"type": self.error_type, "message": self.message}
        if self.code:
            error["code"] = self.code
        if self.param:
            error["param"] = self.param
        if self.decline_code:
            error["decline_code"] = self.decline_code
        return {"error": error}


def _invalid_param(message: str, param: str, code: str | None = None) -> ApiError:
    return ApiError(
        400, "invalid_request_error", message, code=code, param=param, saved=False
    )


def _missing_param(param: str) -> ApiError:
    return _invalid_param(
        f"Missing required param: {param}.", param, code="parameter_missing"
    )


def _key_path(key: str) -> list[str]:
    """``"line_items[0][price_data][currency]"`` -> ``["line_items", "0", ...]``."""
    match = re.fullmatch(r"([^\[\]]+)((?:\[[^\[\]]*\])*)", key)
    if not match:
        raise _invalid_param(f"Invalid parameter name: {key}", key)
    return [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]


def _as_lists(node: Any) -> Any:
    """Turn dicts keyed ``"0", "1", ...`` (Stripe's indexed arrays) into lists."""
    if not isinstance(node, dict):
        return node
    converted = {key: _as_lists(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


def parse_form(encoded: str) -> dict[str, Any]:
    """Decode Stripe's bracketed form encoding into nested dicts and lists.

    Values stay strings, as they travel; ``a[]=x`` appends like ``a[<n>]=x``.
    """
    params: dict[str, Any] = {}
    for key, value in urllib.parse.parse_qsl(encoded, keep_blank_values=True):
        *parents, leaf = _key_path(key)
        node = params
        for depth, name in enumerate(parents):
            name = name or str(len(node))
            child = node.setdefault(name, {})
            if not isinstance(child, dict):
                raise _invalid_param(
                    f"Invalid parameter: {key}", "".join(parents[: depth + 1])
                )
            node = child
        leaf = leaf or str(len(node))
        if isinstance(node.get(leaf), dict):
            raise _invalid_param(f"Invalid parameter: {key}", key)
        node[leaf] = value
    return _as_lists(params)


def _integer(params: dict[str, Any], name: str, param: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _invalid_param(
            f"Invalid integer: {value}", param, code="parameter_invalid_integer"
        ) from None


def _is_absolute_url(value: str) -> bool:
    parts = urllib.parse.urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


@dataclass
class _Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"

    @classmethod
    def json(cls, status: int, payload: dict[str, Any]) -> _Reply:
        return cls(status, json.dumps(payload, indent=2).encode())


@dataclass
class _SavedResponse:
    method: str
    path: str
    params: dict[str, Any]
    reply: _Reply


class StripeStandIn:
    """Stripe's checkout-session and refund endpoints on ``127.0.0.1``.

    Start once per test module and :meth:`reset` between tests::

        standin = StripeStandIn().start()
        client = stripe.StripeClient(standin.api_key,
                                     base_addresses={"api": standin.url})
    """

    event_api_version = "2026-10-28.endive"

    def __init__(
        self, *, api_key: str = "sk_test_standin", webhook_secret: str = "whsec_standin"
    ):
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []
        self._idempotent_responses: dict[str, _SavedResponse] = {}
        self._pending_failures: deque[ApiError] = deque()
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> StripeStandIn:
        if self._server is not None:
            raise RuntimeError("The Stripe stand-in is already running.")
        server = ThreadingHTTPServer(("127.0.0.1", 0), _StandInHandler)
        server.daemon_threads = True
        server.standin = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="stripe-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> StripeStandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("Start the Stripe stand-in before asking for its URL.")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def reset(self) -> None:
        """Forget sessions, refunds, recorded requests, idempotency keys, failures."""
        with self._lock:
            self.sessions.clear()
            self.refunds.clear()
            self.requests.clear()
            self._idempotent_responses.clear()
            self._pending_failures.clear()

    def fail_next_request(
        self,
        status: int = 500,
        *,
        error_type: str | None = None,
        code: str | None = None,
        message: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` authenticated API requests with an error.

        The default error follows the status as Stripe would send it: 402 a
        ``card_error``/``card_declined``, 429 a rate limit, 5xx an
        ``api_error``. The failing requests are recorded but change nothing and
        save nothing under their idempotency key, like a gateway failing before
        Stripe ran the request, so a retry under the same key goes through.
        A client with ``max_network_retries`` retries 5xx and 429 on its own;
        use ``times`` to outlast it.
        """
        default_type, default_code, default_message = _INJECTED_FAILURES.get(
            status, ("api_error", None, "An unknown error occurred")
        )
        failure = ApiError(
            status,
            error_type or default_type,
            message or default_message,
            code=code or default_code,
            decline_code="generic_decline" if status == 402 else None,
            saved=False,
        )
        with self._lock:
            self._pending_failures.extend([failure] * times)

    # -- test controls: Stripe's side of a payment -------------------------

    def pay(self, session_id: str, *, asynchronous: bool = False) -> dict[str, Any]:
        """The customer completes the payment page.

        ``asynchronous`` is a payment that settles later (a bank debit): the
        session completes but stays ``unpaid`` until :meth:`settle`.
        """
        with self._lock:
            session = self._session(session_id, wanted_status="open")
            session["status"] = "complete"
            session["payment_status"] = "unpaid" if asynchronous else "paid"
            session["payment_intent"] = _random_id("pi_")
            session["customer_details"] = {
                "email": session["customer_email"],
                "name": None,
            }
            return self.event("checkout.session.completed", session)

    def settle(self, session_id: str, *, succeeded: bool = True) -> dict[str, Any]:
        """An asynchronous payment (see :meth:`pay`) succeeds or fails."""
        with self._lock:
            session = self._session(session_id, wanted_status="complete")
            if session["payment_status"] != "unpaid":
                raise ValueError(f"{session_id} is already paid; nothing to settle.")
            if succeeded:
                session["payment_status"] = "paid"
                return self.event("checkout.session.async_payment_succeeded", session)
            return self.event("checkout.session.async_payment_failed", session)

    def expire(self, session_id: str) -> dict[str, Any]:
        """The session runs out before the customer pays."""
        with self._lock:
            session = self._session(session_id, wanted_status="open")
            session["status"] = "expired"
            return self.event("checkout.session.expired", session)

    def _session(self, session_id: str, *, wanted_status: str) -> dict[str, Any]:
        session = self.sessions.get(session_id)
        if session is None:
            raise KeyError(f"No checkout session {session_id!r} in the stand-in.")
        if session["status"] != wanted_status:
            raise ValueError(
                f"{session_id} is {session['status']!r}, not {wanted_status!r}."
            )
        return session

    # -- events and signatures ---------------------------------------------

    def event(self, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        """A Stripe event carrying a snapshot of ``obj`` as it is now."""
        return {
            "id": _random_id("evt_"),
            "object": "event",
            "api_version": self.event_api_version,
            "created": int(time.time()),
            "livemode": False,
            "type": event_type,
            "data": {"object": copy.deepcopy(obj)},
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
        }

    def sign(
        self,
        payload: str | bytes,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> str:
        """A ``Stripe-Signature`` header, ``t=<ts>,v1=<hex>``, as Stripe signs.

        ``<hex>`` is the HMAC-SHA256, keyed with the webhook secret, of
        ``"<ts>.<body>"``.
        """
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        timestamp = int(time.time()) if timestamp is None else timestamp
        signature = hmac.new(
            (secret if secret is not None else self.webhook_secret).encode("utf-8"),
            f"{timestamp}.".encode() + payload,
            hashlib.sha256,
        ).hexdigest()
        return f"t={timestamp},v1={signature}"

    def signed(self, event: dict[str, Any]) -> tuple[bytes, str]:
        body = json.dumps(event, indent=2).encode("utf-8")
        return body, self.sign(body)

    def post_event(
        self, url: str, event: dict[str, Any], *, header: str | None = None
    ) -> tuple[int, bytes]:
        """Deliver ``event`` to a webhook over HTTP, as Stripe does.

        ``header`` replaces the correct ``Stripe-Signature`` (to send a forged
        or stale one). Error statuses are returned, not raised.
        """
        body, signature = self.signed(event)
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": signature if header is None else header,
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            },
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read()

    # -- HTTP API -------------------------------------------------------------

    def _answer_api(
        self, method: str, path: str, query: str, body: str, headers: Any
    ) -> _Reply:
        idempotency_key = headers.get("Idempotency-Key")
        with self._lock:
            record = {
                "method": method,
                "path": path,
                "params": {},
                "idempotency_key": idempotency_key,
                "authorization": headers.get("Authorization"),
            }
            self.requests.append(record)
            try:
                params = parse_form(body if method == "POST" else query)
                record["params"] = params
                self._authenticate(headers.get("Authorization"))
                if self._pending_failures:
                    raise self._pending_failures.popleft()
            except ApiError as error:
                return _Reply.json(error.status, error.body())
            if method == "POST" and idempotency_key:
                saved = self._idempotent_responses.get(idempotency_key)
                if saved is not None:
                    return self._replay(saved, method, path, params, idempotency_key)
            try:
                reply = _Reply.json(*self._route(method, path, params))
            except ApiError as error:
                reply = _Reply.json(error.status, error.body())
                if not error.saved:
                    return reply
            if method == "POST" and idempotency_key:
                reply.headers["Idempotency-Key"] = idempotency_key
                self._idempotent_responses[idempotency_key] = _SavedResponse(
                    method, path, copy.deepcopy(params), reply
                )
            return reply

    def _authenticate(self, authorization: str | None) -> None:
        if not authorization:
            raise ApiError(
                401,
                "invalid_request_error",
                "You did not provide an API key. You need to provide your API key "
                "in the Authorization header, using Bearer auth "
                "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
            )
        scheme, _, key = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            key.strip(), self.api_key
        ):
            shown = key.strip()[-4:] if len(key.strip()) > 8 else ""
            raise ApiError(
                401,
                "invalid_request_error",
                f"Invalid API Key provided: sk_test_****{shown}",
            )

    def _replay(
        self,
        saved: _SavedResponse,
        method: str,
        path: str,
        params: dict[str, Any],
        idempotency_key: str,
    ) -> _Reply:
        if (saved.method, saved.path) != (method, path):
            error = ApiError(
                400,
                "idempotency_error",
                "Keys for idempotent requests can only be used for the same "
                f"endpoint they were first used for ({saved.method} {saved.path}). "
                f"Try using a key other than '{idempotency_key}' if you meant to "
                "execute a different request.",
            )
            return _Reply.json(error.status, error.body())
        if saved.params != params:
            error = ApiError(
                400,
                "idempotency_error",
                "Keys for idempotent requests can only be used with the same "
                f"parameters they were first used with. Try using a key other than "
                f"'{idempotency_key}' if you meant to execute a different request.",
            )
            return _Reply.json(error.status, error.body())
        return _Reply(
            saved.reply.status,
            saved.reply.body,
            {**saved.reply.headers, "Idempotent-Replayed": "true"},
        )

    def _route(
        self, method: str, path: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        if path == "/v1/checkout/sessions" and method == "POST":
            return 200, self._create_session(params)
        if match := re.fullmatch(r"/v1/checkout/sessions/(\w+)", path):
            if method == "GET":
                return 200, self._stored(self.sessions, match[1], "checkout.session")
        if match := re.fullmatch(r"/v1/checkout/sessions/(\w+)/expire", path):
            if method == "POST":
                return 200, self._expire_session(match[1])
        if path == "/v1/refunds" and method == "POST":
            return 200, self._create_refund(params)
        if match := re.fullmatch(r"/v1/refunds/(\w+)", path):
            if method == "GET":
                return 200, self._stored(self.refunds, match[1], "refund")
        raise ApiError(
            404,
            "invalid_request_error",
            f"Unrecognized request URL ({method}: {path}). This Stripe stand-in "
            "serves only checkout sessions and refunds.",
            saved=False,
        )

    @staticmethod
    def _stored(
        store: dict[str, dict[str, Any]], object_id: str, kind: str
    ) -> dict[str, Any]:
        if object_id not in store:
            raise ApiError(
                404,
                "invalid_request_error",
                f"No such {kind}: '{object_id}'",
                code="resource_missing",
                param="id",
                saved=False,
            )
        return store[object_id]

    def _create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        mode = params.get("mode", "payment")
        if mode != "payment":
            raise _invalid_param(
                f"This stand-in only serves mode=payment, not {mode!r}.", "mode"
            )
        success_url = params.get("success_url")
        if not success_url:
            raise _missing_param("success_url")
        for name in ("success_url", "cancel_url"):
            if name in params and not _is_absolute_url(params[name]):
                raise _invalid_param("Not a valid URL", name, code="url_invalid")
        currency, amount_total = self._price_line_items(params.get("line_items"))
        locale = params.get("locale")
        if locale is not None and locale not in CHECKOUT_LOCALES:
            raise _invalid_param(
                f"Invalid locale: must be one of {', '.join(sorted(CHECKOUT_LOCALES))}",
                "locale",
            )
        customer_email = params.get("customer_email")
        if customer_email is not None and "@" not in customer_email:
            raise _invalid_param(
                f"Invalid email address: {customer_email}",
                "customer_email",
                code="email_invalid",
            )
        client_reference_id = params.get("client_reference_id")
        if client_reference_id is not None and len(client_reference_id) > 200:
            raise _invalid_param(
                "client_reference_id must be at most 200 characters.",
                "client_reference_id",
            )
        created = int(time.time())
        expires_at = _integer(params, "expires_at", "expires_at")
        if expires_at is None:
            expires_at = created + MAX_SESSION_LIFETIME
        elif expires_at < created + MIN_SESSION_LIFETIME - CLOCK_LEEWAY:
            raise _invalid_param(
                "The `expires_at` timestamp must be at least 30 minutes from "
                "Checkout Session creation.",
                "expires_at",
            )
        elif expires_at > created + MAX_SESSION_LIFETIME + CLOCK_LEEWAY:
            raise _invalid_param(
                "The `expires_at` timestamp must be less than 24 hours from "
                "Checkout Session creation.",
                "expires_at",
            )
        session_id = _random_id("cs_test_", 58)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount_total,
            "amount_total": amount_total,
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": client_reference_id,
            "created": created,
            "currency": currency,
            "customer": None,
            "customer_details": None,
            "customer_email": customer_email,
            "expires_at": expires_at,
            "livemode": False,
            "locale": locale,
            "metadata": self._metadata(params),
            "mode": mode,
            "payment_intent": None,
            "payment_method_types": params.get("payment_method_types") or ["card"],
            "payment_status": "unpaid",
            "status": "open",
            "success_url": success_url,
            "url": f"{self.url}/pay/{session_id}",
        }
        self.sessions[session_id] = session
        return session

    @staticmethod
    def _price_line_items(line_items: Any) -> tuple[str, int]:
        """Currency and total of ``line_items`` given with ``price_data``."""
        if not line_items:
            raise _missing_param("line_items")
        if not isinstance(line_items, list):
            raise _invalid_param("Invalid array", "line_items")
        currencies: set[str] = set()
        total = 0
        for index, item in enumerate(line_items):
            param = f"line_items[{index}]"
            if not isinstance(item, dict):
                raise _invalid_param("Invalid object", param)
            if "price" in item:
                raise ApiError(
                    400,
                    "invalid_request_error",
                    f"No such price: '{item['price']}' (the stand-in knows no "
                    "saved prices; send price_data).",
                    code="resource_missing",
                    param=f"{param}[price]",
                    saved=False,
                )
            price_data = item.get("price_data")
            if not isinstance(price_data, dict):
                raise _missing_param(f"{param}[price_data]")
            if not price_data.get("currency"):
                raise _missing_param(f"{param}[price_data][currency]")
            unit_amount = _integer(
                price_data, "unit_amount", f"{param}[price_data][unit_amount]"
            )
            if unit_amount is None:
                raise _missing_param(f"{param}[price_data][unit_amount]")
            if unit_amount < 0:
                raise _invalid_param(
                    "This value must be greater than or equal to 0.",
                    f"{param}[price_data][unit_amount]",
                )
            product_data = price_data.get("product_data")
            if not price_data.get("product") and not (
                isinstance(product_data, dict) and product_data.get("name")
            ):
                raise _missing_param(f"{param}[price_data][product_data][name]")
            quantity = _integer(item, "quantity", f"{param}[quantity]")
            if quantity is None:
                raise _missing_param(f"{param}[quantity]")
            if quantity < 1:
                raise _invalid_param(
                    "This value must be greater than or equal to 1.",
                    f"{param}[quantity]",
                )
            currencies.add(price_data["currency"].lower())
            total += unit_amount * quantity
        if len(currencies) > 1:
            raise _invalid_param(
                "All line items must use the same currency.", "line_items"
            )
        return currencies.pop(), total

    @staticmethod
    def _metadata(params: dict[str, Any]) -> dict[str, str]:
        metadata = params.get("metadata") or {}
        if not isinstance(metadata, dict):
            raise _invalid_param("Invalid object", "metadata")
        if len(metadata) > 50:
            raise _invalid_param("Metadata can have at most 50 keys.", "metadata")
        for key, value in metadata.items():
            if len(key) > 40 or not isinstance(value, str) or len(value) > 500:
                raise _invalid_param(
                    "Metadata keys are at most 40 characters and values strings "
                    "of at most 500 characters.",
                    f"metadata[{key}]",
                )
        return {key: value for key, value in metadata.items() if value != ""}

    def _expire_session(self, session_id: str) -> dict[str, Any]:
        session = self._stored(self.sessions, session_id, "checkout.session")
        if session["status"] != "open":
            raise ApiError(
                400,
                "invalid_request_error",
                'Only Checkout Sessions with a status in ["open"] can be expired.',
            )
        session["status"] = "expired"
        return session

    def _create_refund(self, params: dict[str, Any]) -> dict[str, Any]:
        payment_intent = params.get("payment_intent")
        if not payment_intent:
            raise _missing_param("payment_intent")
        reason = params.get("reason")
        if reason is not None and reason not in REFUND_REASONS:
            raise _invalid_param(
                "Invalid reason: must be one of duplicate, fraudulent, or "
                "requested_by_customer",
                "reason",
            )
        amount = _integer(params, "amount", "amount")
        if amount is not None and amount < 1:
            raise _invalid_param(
                "Invalid positive integer", "amount", code="parameter_invalid_integer"
            )
        metadata = self._metadata(params)
        session = next(
            (
                s
                for s in self.sessions.values()
                if s["payment_intent"] == payment_intent
            ),
            None,
        )
        if session is None:
            raise ApiError(
                400,
                "invalid_request_error",
                f"No such payment_intent: '{payment_intent}'",
                code="resource_missing",
                param="payment_intent",
                saved=False,
            )
        if session["payment_status"] != "paid":
            raise ApiError(
                400,
                "invalid_request_error",
                f"This PaymentIntent ({payment_intent}) does not have a successful "
                "charge to refund.",
                param="payment_intent",
            )
        refunded = sum(
            refund["amount"]
            for refund in self.refunds.values()
            if refund["payment_intent"] == payment_intent
        )
        refundable = session["amount_total"] - refunded
        if refundable <= 0:
            raise ApiError(
                400,
                "invalid_request_error",
                f"Charge for {payment_intent} has already been refunded.",
                code="charge_already_refunded",
            )
        if amount is None:
            amount = refundable
        elif amount > refundable:
            currency = session["currency"].upper()
            raise ApiError(
                400,
                "invalid_request_error",
                f"Refund amount ({amount} {currency}) is greater than unrefunded "
                f"amount on charge ({refundable} {currency})",
                code="amount_too_large",
                param="amount",
            )
        refund_id = _random_id("re_")
        refund = {
            "id": refund_id,
            "object": "refund",
            "amount": amount,
            "balance_transaction": None,
            "charge": None,
            "created": int(time.time()),
            "currency": session["currency"],
            "destination_details": None,
            "metadata": metadata,
            "payment_intent": payment_intent,
            "reason": reason,
            "receipt_number": None,
            "source_transfer_reversal": None,
            "status": "succeeded",
            "transfer_reversal": None,
        }
        self.refunds[refund_id] = refund
        return refund

    def _answer_payment_page(self, path: str) -> _Reply:
        session_id = path.removeprefix("/pay/")
        with self._lock:
            session = copy.deepcopy(self.sessions.get(session_id))
        title = "Stripe stand-in (local test double, not a real payment page)"
        if session is None:
            details = f"<p>No checkout session {html.escape(session_id)}.</p>"
            status = 404
        else:
            amount = f"{session['amount_total']:,} {session['currency'].upper()}"
            details = (
                f"<p>Checkout session <code>{html.escape(session_id)}</code>: "
                f"{html.escape(amount)}, status {html.escape(session['status'])}, "
                f"payment {html.escape(session['payment_status'])}.</p>"
                "<p>Nothing can be paid here; tests complete payments with "
                "<code>StripeStandIn.pay()</code>.</p>"
            )
            status = 200
        page = (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body><h1>{title}</h1>{details}"
            "</body></html>"
        )
        return _Reply(status, page.encode(), content_type="text/html; charset=utf-8")


class _StandInHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "StripeStandIn/1.0"

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        standin: StripeStandIn = self.server.standin  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        path, _, query = self.path.partition("?")
        if self.command == "GET" and path.startswith("/pay/"):
            reply = standin._answer_payment_page(path)
        else:
            reply = standin._answer_api(self.command, path, query, body, self.headers)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Request-Id", _random_id("req_", 14))
        self.send_header("Stripe-Version", standin.event_api_version)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: test output should show test failures, not access logs."""
