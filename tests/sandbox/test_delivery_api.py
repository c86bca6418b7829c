"""Webhook delivery end to end: the sandbox subprocess, its HTTP API and a loopback receiver."""

from __future__ import annotations

import signal
import socket
import sqlite3
from collections.abc import Iterator

import httpx
import pytest
from larkpay_sandbox.testing import Delivery, RunningSandbox, WebhookReceiver, running_sandbox
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.sandbox.conftest import all_events
from tests.sandbox.waiting import wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(fail_first=1) as running:
        yield running


@pytest.fixture
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(retry_schedule=(0.1, 0.2, 0.4), settle_delay=0.3, rate_limit=0) as sb:
        yield sb


def api(sandbox: RunningSandbox) -> httpx.Client:
    return httpx.Client(
        base_url=sandbox.base_url, headers={"authorization": sandbox.auth_header}, timeout=10
    )


def acknowledged(requests: list[Delivery]) -> set[str]:
    return {r.webhook_id for r in requests if r.answered == 204}


def test_every_event_reaches_the_receiver_signed_retried_and_recorded(
    sandbox: RunningSandbox, receiver: WebhookReceiver
) -> None:
    with api(sandbox) as client:
        created = client.post("/webhook_endpoints", json={"url": receiver.url, "events": ["*"]})
        assert created.status_code == 201
        secret = created.json()["data"]["secret"]
        payment_ids = []
        for source in ("test_success", "test_success", "test_pending", "test_failure"):
            answer = client.post(
                "/payments", json={"amount": 1500, "currency": "EUR", "source": source}
            )
            assert answer.status_code in (201, 402)
            payment_ids.append(answer.json().get("data", {}).get("id"))
        refund = client.post(f"/payments/{payment_ids[0]}/refunds", json={"amount": 500})
        assert refund.status_code == 201

        # payment.created x4, refund.created, payment.updated (refunded), pending -> succeeded
        def settled() -> bool:
            ids = {e["id"] for e in all_events(client)}
            return len(ids) >= 7 and acknowledged(receiver.deliveries) == ids

        wait_until(settled, what="every event is acknowledged by the receiver")
        events = {e["id"]: e for e in all_events(client)}
        assert {e["event"] for e in events.values()} >= {
            "payment.created",
            "payment.updated",
            "refund.created",
        }

        verifier = Webhook(secret)
        for request in receiver.deliveries:
            payload = verifier.verify(request.body, request.headers)
            assert payload == events[request.webhook_id]
        # fail_first=1: each event was answered 500 once, then 204, with the same webhook-id
        answers: dict[str, list[int]] = {}
        for request in receiver.deliveries:
            answers.setdefault(request.webhook_id, []).append(request.answered)
        assert all(codes == [500, 204] for codes in answers.values()), answers

        event_id = next(iter(events))
        wait_until(
            lambda: len(client.get(f"/events/{event_id}/deliveries").json()["data"]) == 2,
            what="both attempts are listed",
        )
        attempts = client.get(f"/events/{event_id}/deliveries").json()["data"]
        by_number = sorted(attempts, key=lambda a: a["attempt"])
        assert [(a["attempt"], a["status_code"], a["succeeded"]) for a in by_number] == [
            (1, 500, False),
            (2, 204, True),
        ]
        assert all(a["latency_ms"] > 0 and a["error"] is None for a in attempts)


def test_rotation_both_secrets_sign_during_overlap_then_only_the_new_one(
    sandbox: RunningSandbox,
) -> None:
    with WebhookReceiver() as receiver, api(sandbox) as client:
        created = client.post(
            "/webhook_endpoints", json={"url": receiver.url, "events": ["payment.created"]}
        ).json()["data"]
        first = created["secret"]
        rotated = client.post(f"/webhook_endpoints/{created['id']}/rotate_secret", json={})
        assert rotated.status_code == 200
        second = rotated.json()["data"]["secret"]
        assert second != first

        client.post("/payments", json={"amount": 100, "currency": "USD", "source": "test_success"})
        wait_until(lambda: len(receiver.deliveries) == 1, what="one delivery arrives")
        during = receiver.deliveries[0]
        assert len(during.headers["webhook-signature"].split(" ")) == 2
        Webhook(first).verify(during.body, during.headers)
        Webhook(second).verify(during.body, during.headers)

        third = client.post(
            f"/webhook_endpoints/{created['id']}/rotate_secret", json={"overlap_seconds": 0}
        ).json()["data"]["secret"]
        client.post("/payments", json={"amount": 100, "currency": "USD", "source": "test_success"})
        wait_until(lambda: len(receiver.deliveries) == 2, what="a second delivery arrives")
        after = receiver.deliveries[1]
        assert len(after.headers["webhook-signature"].split(" ")) == 1
        Webhook(third).verify(after.body, after.headers)
        for retired in (first, second):
            with pytest.raises(WebhookVerificationError):
                Webhook(retired).verify(after.body, after.headers)


def test_redeliver_sends_the_same_event_again_with_the_same_id(
    sandbox: RunningSandbox,
) -> None:
    with WebhookReceiver() as receiver, api(sandbox) as client:
        secret = client.post(
            "/webhook_endpoints", json={"url": receiver.url, "events": ["*"]}
        ).json()["data"]["secret"]
        client.post("/payments", json={"amount": 100, "currency": "USD", "source": "test_success"})
        wait_until(lambda: len(receiver.deliveries) == 1, what="one delivery arrives")
        event_id = receiver.deliveries[0].webhook_id
        assert client.post(f"/events/{event_id}/redeliver").status_code == 202
        wait_until(lambda: len(receiver.deliveries) == 2, what="a second delivery arrives")
        first, second = receiver.deliveries
        assert second.webhook_id == event_id
        assert second.body == first.body
        assert Webhook(secret).verify(second.body, second.headers)["id"] == event_id
        wait_until(
            lambda: len(client.get(f"/events/{event_id}/deliveries").json()["data"]) == 2,
            what="both attempts are listed",
        )
        numbers = {
            a["attempt"] for a in client.get(f"/events/{event_id}/deliveries").json()["data"]
        }
        assert numbers == {1, 2}


def accepting(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def test_sigterm_lets_an_in_flight_delivery_finish_and_be_recorded(
    sandbox: RunningSandbox,
) -> None:
    with WebhookReceiver() as receiver, api(sandbox) as client:
        receiver.hold()
        client.post("/webhook_endpoints", json={"url": receiver.url, "events": ["*"]})
        client.post("/payments", json={"amount": 100, "currency": "USD", "source": "test_success"})
        assert len(receiver.wait_for(timeout=10)) == 1
        sandbox.process.send_signal(signal.SIGTERM)
        # Draining: the listener is closed, yet the process waits for the held delivery.
        wait_until(lambda: not accepting(sandbox.port), what="the listener is closed")
        assert sandbox.process.poll() is None
        receiver.release()
        assert sandbox.process.wait(timeout=15) == 0
    with sqlite3.connect(sandbox.db_path) as db:
        outbox = db.execute("SELECT state, attempts FROM webhook_outbox").fetchall()
        attempts = db.execute("SELECT status_code, succeeded FROM webhook_deliveries").fetchall()
    assert outbox == [("delivered", 1)]
    assert attempts == [(204, 1)]
