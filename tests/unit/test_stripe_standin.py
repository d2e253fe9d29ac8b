"""The Stripe stand-in answers the real ``stripe`` library the way Stripe does.

Every test drives ``stripe.StripeClient`` over HTTP on loopback, so these are
also the specification the checkout's own tests rely on.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import stripe

from tests.stripe_standin import StripeStandIn, parse_form

WEBHOOK_SECRET = "whsec_standin"


@pytest.fixture(scope="module")
def running_standin() -> Iterator[StripeStandIn]:
    standin = StripeStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def standin(running_standin: StripeStandIn) -> StripeStandIn:
    running_standin.reset()
    return running_standin


@pytest.fixture
def client(standin: StripeStandIn) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_standin", base_addresses={"api": standin.url})


def session_params(**overrides) -> dict:
    params = {
        "mode": "payment",
        "line_items": [
            {
                "price_data": {
                    "currency": "vnd",
                    "unit_amount": 1_250_000,
                    "product_data": {"name": "Bình gốm Bát Tràng"},
                },
                "quantity": 1,
            }
        ],
        "metadata": {"order_number": "100001"},
        "client_reference_id": "100001",
        "customer_email": "lan@example.com",
        "success_url": "https://shop.example/checkout/thanks/?session={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://shop.example/checkout/",
        "locale": "vi",
        "expires_at": int(time.time()) + 3600,
    }
    params.update(overrides)
    return params


def paid_session(standin: StripeStandIn, client: stripe.StripeClient, **overrides):
    session = client.v1.checkout.sessions.create(params=session_params(**overrides))
    standin.pay(session.id)
    return standin.sessions[session.id]


# -- checkout sessions -------------------------------------------------------


def test_vnd_amount_is_passed_through_unchanged_as_zero_decimal(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())

    assert session.id.startswith("cs_test_")
    assert session.object == "checkout.session"
    assert session.amount_total == 1_250_000
    assert session.amount_subtotal == 1_250_000
    assert session.currency == "vnd"
    assert session.status == "open"
    assert session.payment_status == "unpaid"
    assert session.payment_intent is None
    assert session.url == f"{standin.url}/pay/{session.id}"
    assert session.metadata.to_dict() == {"order_number": "100001"}
    assert session.client_reference_id == "100001"
    assert session.customer_email == "lan@example.com"
    assert session.locale == "vi"
    assert session.livemode is False


def test_amount_total_sums_unit_amount_times_quantity_over_line_items(client):
    line_items = [
        {
            "price_data": {
                "currency": "VND",
                "unit_amount": 120_000,
                "product_data": {"name": "Chén"},
            },
            "quantity": 3,
        },
        {
            "price_data": {
                "currency": "VND",
                "unit_amount": 35_000,
                "product_data": {"name": "Giao hàng"},
            },
            "quantity": 1,
        },
    ]

    session = client.v1.checkout.sessions.create(
        params=session_params(line_items=line_items)
    )

    assert session.amount_total == 3 * 120_000 + 35_000
    assert session.currency == "vnd"


def test_requests_are_recorded_with_nested_params_as_the_library_sent_them(
    client, standin
):
    client.v1.checkout.sessions.create(
        params=session_params(payment_method_types=["card"]),
        options={"idempotency_key": "order-100001-attempt-1"},
    )

    [request] = standin.requests
    assert request["method"] == "POST"
    assert request["path"] == "/v1/checkout/sessions"
    assert request["idempotency_key"] == "order-100001-attempt-1"
    assert request["authorization"] == "Bearer sk_test_standin"
    params = request["params"]
    assert params["line_items"][0]["price_data"]["unit_amount"] == "1250000"
    assert params["metadata"] == {"order_number": "100001"}
    assert params["payment_method_types"] == ["card"]


def test_missing_line_items_or_success_url_is_refused_naming_the_param(client):
    with pytest.raises(stripe.InvalidRequestError) as no_items:
        client.v1.checkout.sessions.create(params=session_params(line_items=None))
    with pytest.raises(stripe.InvalidRequestError) as no_success_url:
        client.v1.checkout.sessions.create(params=session_params(success_url=None))

    assert no_items.value.http_status == 400
    assert no_items.value.param == "line_items"
    assert no_success_url.value.param == "success_url"


def test_expiry_outside_stripes_30_minutes_to_24_hours_is_refused(client):
    now = int(time.time())

    with pytest.raises(stripe.InvalidRequestError) as too_soon:
        client.v1.checkout.sessions.create(params=session_params(expires_at=now + 600))
    with pytest.raises(stripe.InvalidRequestError) as too_late:
        client.v1.checkout.sessions.create(
            params=session_params(expires_at=now + 2 * 86400)
        )

    assert too_soon.value.param == "expires_at"
    assert too_late.value.param == "expires_at"


def test_retrieve_returns_the_stored_session(client):
    created = client.v1.checkout.sessions.create(params=session_params())

    retrieved = client.v1.checkout.sessions.retrieve(created.id)

    assert retrieved.id == created.id
    assert retrieved.amount_total == 1_250_000


def test_retrieving_an_unknown_session_is_resource_missing(client):
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.checkout.sessions.retrieve("cs_test_nope")

    assert missing.value.http_status == 404
    assert missing.value.code == "resource_missing"


def test_an_open_session_expires_once_and_a_second_expire_is_refused(client):
    session = client.v1.checkout.sessions.create(params=session_params())

    expired = client.v1.checkout.sessions.expire(session.id)
    with pytest.raises(stripe.InvalidRequestError) as again:
        client.v1.checkout.sessions.expire(session.id)

    assert expired.status == "expired"
    assert again.value.http_status == 400
    assert "can be expired" in again.value.user_message


# -- idempotency ---------------------------------------------------------------


def test_same_idempotency_key_replays_the_first_session(client, standin):
    params = session_params()
    options = {"idempotency_key": "order-100001"}

    first = client.v1.checkout.sessions.create(params=params, options=options)
    second = client.v1.checkout.sessions.create(params=params, options=options)

    assert second.id == first.id
    assert list(standin.sessions) == [first.id]
    assert len(standin.requests) == 2
    assert second.last_response.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.last_response.headers


def test_same_idempotency_key_with_other_params_is_an_idempotency_error(client):
    options = {"idempotency_key": "order-100001"}
    client.v1.checkout.sessions.create(params=session_params(), options=options)

    with pytest.raises(stripe.IdempotencyError) as refused:
        client.v1.checkout.sessions.create(
            params=session_params(client_reference_id="100002"), options=options
        )

    assert refused.value.http_status == 400
    assert refused.value.error.type == "idempotency_error"


def test_a_refusal_for_bad_params_saves_nothing_under_the_key(client, standin):
    options = {"idempotency_key": "order-100001"}
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.create(
            params=session_params(line_items=None), options=options
        )

    session = client.v1.checkout.sessions.create(
        params=session_params(), options=options
    )

    assert list(standin.sessions) == [session.id]


# -- failures and authentication ----------------------------------------------


def test_wrong_api_key_is_an_authentication_error(standin):
    stranger = stripe.StripeClient("sk_test_wrong", base_addresses={"api": standin.url})

    with pytest.raises(stripe.AuthenticationError) as refused:
        stranger.v1.checkout.sessions.create(params=session_params())

    assert refused.value.http_status == 401
    assert standin.sessions == {}
    assert standin.requests[0]["authorization"] == "Bearer sk_test_wrong"


def test_an_injected_gateway_failure_changes_nothing_and_a_retry_succeeds(
    client, standin
):
    standin.fail_next_request(status=500)
    options = {"idempotency_key": "order-100001"}

    with pytest.raises(stripe.APIError) as failed:
        client.v1.checkout.sessions.create(params=session_params(), options=options)
    retried = client.v1.checkout.sessions.create(
        params=session_params(), options=options
    )

    assert failed.value.http_status == 500
    assert list(standin.sessions) == [retried.id]


def test_an_injected_402_is_a_card_error(client, standin):
    standin.fail_next_request(status=402)

    with pytest.raises(stripe.CardError) as declined:
        client.v1.checkout.sessions.create(params=session_params())

    assert declined.value.code == "card_declined"


def test_responses_carry_json_content_type_and_a_request_id(client):
    session = client.v1.checkout.sessions.create(params=session_params())

    headers = session.last_response.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["Request-Id"].startswith("req_")


# -- test controls ---------------------------------------------------------------


def test_pay_completes_the_session_and_returns_the_completed_event(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())

    event = standin.pay(session.id)

    paid = client.v1.checkout.sessions.retrieve(session.id)
    assert paid.status == "complete"
    assert paid.payment_status == "paid"
    assert paid.payment_intent.startswith("pi_")
    assert event["type"] == "checkout.session.completed"
    assert event["object"] == "event"
    assert event["id"].startswith("evt_")
    assert event["data"]["object"]["id"] == session.id
    assert event["data"]["object"]["payment_status"] == "paid"


def test_an_asynchronous_payment_completes_unpaid_and_settles_later(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())

    completed = standin.pay(session.id, asynchronous=True)
    settled = standin.settle(session.id)

    assert completed["data"]["object"]["payment_status"] == "unpaid"
    assert settled["type"] == "checkout.session.async_payment_succeeded"
    assert settled["data"]["object"]["payment_status"] == "paid"


def test_a_failed_asynchronous_payment_stays_unpaid(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())
    standin.pay(session.id, asynchronous=True)

    failed = standin.settle(session.id, succeeded=False)

    assert failed["type"] == "checkout.session.async_payment_failed"
    assert standin.sessions[session.id]["payment_status"] == "unpaid"


def test_expire_control_returns_the_expired_event(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())

    event = standin.expire(session.id)

    assert event["type"] == "checkout.session.expired"
    assert client.v1.checkout.sessions.retrieve(session.id).status == "expired"


def test_an_event_is_a_snapshot_that_later_changes_do_not_alter(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())
    completed = standin.pay(session.id, asynchronous=True)

    standin.settle(session.id)

    assert completed["data"]["object"]["payment_status"] == "unpaid"


# -- refunds -------------------------------------------------------------------


def test_refund_part_then_the_rest_then_one_more_is_refused(client, standin):
    session = paid_session(standin, client)
    payment_intent = session["payment_intent"]

    part = client.v1.refunds.create(
        params={"payment_intent": payment_intent, "amount": 250_000},
        options={"idempotency_key": "refund-1"},
    )
    rest = client.v1.refunds.create(
        params={"payment_intent": payment_intent, "metadata": {"order": "100001"}}
    )
    with pytest.raises(stripe.InvalidRequestError) as nothing_left:
        client.v1.refunds.create(params={"payment_intent": payment_intent})

    assert part.object == "refund"
    assert part.id.startswith("re_")
    assert part.amount == 250_000
    assert part.currency == "vnd"
    assert part.status == "succeeded"
    assert rest.amount == 1_000_000
    assert rest.metadata.to_dict() == {"order": "100001"}
    assert nothing_left.value.code == "charge_already_refunded"
    assert len(standin.refunds) == 2


def test_refunding_more_than_is_left_is_amount_too_large(client, standin):
    session = paid_session(standin, client)

    with pytest.raises(stripe.InvalidRequestError) as too_much:
        client.v1.refunds.create(
            params={"payment_intent": session["payment_intent"], "amount": 1_250_001}
        )

    assert too_much.value.code == "amount_too_large"
    assert standin.refunds == {}


def test_a_repeated_refund_key_replays_instead_of_refunding_twice(client, standin):
    session = paid_session(standin, client)
    params = {"payment_intent": session["payment_intent"], "amount": 100_000}
    options = {"idempotency_key": "refund-order-100001"}

    first = client.v1.refunds.create(params=params, options=options)
    second = client.v1.refunds.create(params=params, options=options)

    assert second.id == first.id
    assert len(standin.refunds) == 1


def test_a_refund_needs_a_payment_intent(client):
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.refunds.create(params={"amount": 1000})

    assert missing.value.param == "payment_intent"


# -- webhook signatures -----------------------------------------------------------


def completed_event(standin: StripeStandIn, client: stripe.StripeClient) -> dict:
    session = client.v1.checkout.sessions.create(params=session_params())
    return standin.pay(session.id)


def test_a_signed_event_verifies_with_the_stripe_library(client, standin):
    body, header = standin.signed(completed_event(standin, client))

    event = stripe.Webhook.construct_event(body, header, WEBHOOK_SECRET)

    assert event.type == "checkout.session.completed"
    assert header.startswith("t=") and ",v1=" in header


def test_sign_matches_the_libraries_own_signature(standin):
    payload = '{"id": "evt_1"}'

    header = standin.sign(payload, timestamp=1_700_000_000)

    assert header == stripe.WebhookSignature.generate_signature_header(
        payload, WEBHOOK_SECRET, timestamp=1_700_000_000
    )


def test_a_tampered_body_or_wrong_secret_fails_verification(client, standin):
    body, header = standin.signed(completed_event(standin, client))
    tampered = body.replace(b'"paid"', b'"unpaid"')

    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(tampered, header, WEBHOOK_SECRET)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(body, header, "whsec_other")


def test_a_signature_older_than_300_seconds_is_refused(client, standin):
    body, _ = standin.signed(completed_event(standin, client))
    stale = standin.sign(body, timestamp=int(time.time()) - 301)

    with pytest.raises(stripe.SignatureVerificationError, match="tolerance"):
        stripe.Webhook.construct_event(body, stale, WEBHOOK_SECRET)


class _RecordingWebhook(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]] = []
    answer_status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, dict(self.headers), body))
        self.send_response(self.answer_status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def webhook_receiver() -> Iterator[tuple[str, type[_RecordingWebhook]]]:
    handler = type("Receiver", (_RecordingWebhook,), {"received": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/stripe/webhook/", handler
    server.shutdown()
    server.server_close()


def test_post_event_delivers_a_verifiable_event_over_http(
    client, standin, webhook_receiver
):
    url, receiver = webhook_receiver
    event = completed_event(standin, client)

    status, body = standin.post_event(url, event)

    assert (status, body) == (200, b"ok")
    [(path, headers, delivered)] = receiver.received
    assert path == "/stripe/webhook/"
    assert headers["Content-Type"].startswith("application/json")
    verified = stripe.Webhook.construct_event(
        delivered, headers["Stripe-Signature"], WEBHOOK_SECRET
    )
    assert verified.id == event["id"]
    assert json.loads(delivered) == event


def test_post_event_sends_a_given_header_and_returns_error_statuses(
    client, standin, webhook_receiver
):
    url, receiver = webhook_receiver
    receiver.answer_status = 400

    status, _ = standin.post_event(
        url, completed_event(standin, client), header="t=1,v1=forged"
    )

    assert status == 400
    assert receiver.received[0][1]["Stripe-Signature"] == "t=1,v1=forged"


# -- wire format and the payment page ----------------------------------------------


def test_parse_form_builds_nested_dicts_and_indexed_lists():
    encoded = (
        "line_items[0][price_data][unit_amount]=120000"
        "&line_items[0][quantity]=2&line_items[1][quantity]=1"
        "&metadata[order_number]=100001&payment_method_types[0]=card"
    )

    assert parse_form(encoded) == {
        "line_items": [
            {"price_data": {"unit_amount": "120000"}, "quantity": "2"},
            {"quantity": "1"},
        ],
        "metadata": {"order_number": "100001"},
        "payment_method_types": ["card"],
    }


def test_the_pay_page_says_it_is_a_local_stand_in(client, standin):
    session = client.v1.checkout.sessions.create(params=session_params())
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    with opener.open(session.url, timeout=5) as response:
        page = response.read().decode()

    assert "stand-in" in page
    assert "not a real payment page" in page
    assert session.id in page
