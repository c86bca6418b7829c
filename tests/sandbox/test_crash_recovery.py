"""kill -9 during a stream of creates and during webhook delivery: nothing acknowledged is lost.

A receiver answers 500 to about 30% of requests; the sandbox is killed twice (once while payments
are being created, once while webhooks are being delivered) and restarted on the same database.
Every payment whose 201 was received must exist, and every event must reach the receiver with a
signature that the reference ``standardwebhooks`` library verifies.
"""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest
from larkpay_sandbox.testing import RunningSandbox, WebhookReceiver, running_sandbox
from standardwebhooks.webhooks import Webhook

from tests.sandbox.conftest import all_events
from tests.sandbox.waiting import wait_until

pytestmark = pytest.mark.slow

# 13 attempts per event: with 30% failures, P(all fail) = 0.3**13 ~ 2e-7 per event.
RETRY_SCHEDULE = (0.05, 0.05, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2)


class CreateStream(threading.Thread):
    """Creates payments one after another until stopped or the server goes away."""

    def __init__(self, sandbox: RunningSandbox, limit: int) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(
            base_url=sandbox.base_url, headers={"authorization": sandbox.auth_header}, timeout=5
        )
        self.limit = limit
        self.acknowledged: list[str] = []
        self.lost = 0

    def run(self) -> None:
        body = {"amount": 1999, "currency": "GBP", "source": "test_success"}
        while len(self.acknowledged) < self.limit:
            try:
                answer = self.client.post(
                    "/payments", json=body, headers={"idempotency-key": str(uuid.uuid4())}
                )
            except httpx.TransportError:
                self.lost += 1  # the process died mid-request: not acknowledged
                break
            if answer.status_code == 201:
                self.acknowledged.append(answer.json()["data"]["id"])
        self.client.close()


def delivered_ids(receiver: WebhookReceiver) -> set[str]:
    return {r.webhook_id for r in receiver.deliveries if r.answered == 204}


def test_kill_9_during_creates_and_during_delivery_loses_nothing() -> None:
    started = time.monotonic()
    with (
        WebhookReceiver(fail_rate=0.3, seed=7) as receiver,
        running_sandbox(retry_schedule=RETRY_SCHEDULE, rate_limit=0) as sandbox,
    ):
        api = httpx.Client(
            base_url=sandbox.base_url, headers={"authorization": sandbox.auth_header}, timeout=10
        )
        endpoint = api.post("/webhook_endpoints", json={"url": receiver.url, "events": ["*"]})
        assert endpoint.status_code == 201
        secret = endpoint.json()["data"]["secret"]
        api.close()
        acknowledged: list[str] = []

        # Kill 1: in the middle of a stream of creates.
        stream = CreateStream(sandbox, limit=10_000)
        stream.start()
        wait_until(
            lambda: len(stream.acknowledged) >= 40, what="40 creates acknowledged", timeout=15
        )
        sandbox.kill_hard()
        stream.join(timeout=10)
        acknowledged += stream.acknowledged
        lost_in_flight = stream.lost
        sandbox.restart()
        restart_1 = time.time()

        # Kill 2: while a backlog of webhooks is being delivered (slow, flaky receiver).
        receiver.delay = 0.1  # 8 concurrent attempts: ~80 deliveries/s at best
        stream = CreateStream(sandbox, limit=150)
        stream.run()
        acknowledged += stream.acknowledged
        before = len(delivered_ids(receiver))
        wait_until(
            lambda: len(delivered_ids(receiver)) >= before + 10,
            what="10 more events delivered",
            timeout=10,
        )
        sandbox.kill_hard()
        killed_2 = time.time()
        receiver.delay = 0.0
        sandbox.restart()

        with httpx.Client(
            base_url=sandbox.base_url, headers={"authorization": sandbox.auth_header}, timeout=10
        ) as client:
            for payment_id in acknowledged:
                assert client.get(f"/payments/{payment_id}").status_code == 200, payment_id
            events = {e["id"]: e for e in all_events(client)}
            wait_until(
                lambda: delivered_ids(receiver) >= set(events),
                what=f"all {len(events)} events are delivered",
                timeout=20,
            )

        requests = receiver.deliveries
        verifier = Webhook(secret)
        for request in requests:
            assert verifier.verify(request.body, request.headers) == events[request.webhook_id]
        created_for = {e["data"]["id"] for e in events.values() if e["event"] == "payment.created"}
        assert set(acknowledged) <= created_for

        first_success: dict[str, float] = {}
        for request in requests:
            if request.answered == 204:
                first_success.setdefault(request.webhook_id, request.received_at)
        resumed_after_kill_2 = [e for e, at in first_success.items() if at > killed_2]
        failures = sum(1 for r in requests if r.answered == 500)
        print(
            f"\ncrash test: 2 kills, {len(acknowledged)} acknowledged creates "
            f"({lost_in_flight} lost in flight), {len(events)} events, {len(requests)} webhook "
            f"requests ({failures} answered 500), {len(resumed_after_kill_2)} events first "
            f"delivered after the 2nd restart, {time.monotonic() - started:.1f} s"
        )
        assert len(acknowledged) >= 190
        assert resumed_after_kill_2, "kill 2 should have interrupted a delivery backlog"
        assert failures > 0
        assert restart_1 < killed_2
