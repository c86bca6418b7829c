"""Webhook layer helpers: an endpoint registered through the API on a loopback receiver, and
signature verification with the SDK's verifier."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from larkpay_sandbox.testing import Delivery, WebhookReceiver

from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import WebhookOptions
from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.steps.sandbox_clock import target_now

SIGNATURE = "larkpay_webhook_signature"
DELIVERY = "larkpay_webhook_delivery"


def receiver_unreachable(target: Target, options: WebhookOptions) -> str | None:
    """Why ``target`` cannot deliver to the receiver (the layer is then skipped), or None."""
    if target.is_loopback or options.configured:
        return None
    return (
        f"{target.base_url} is not on this machine, so it cannot reach a receiver on "
        "127.0.0.1: pass --webhook-listen HOST:PORT and --webhook-public-url URL (the URL by "
        "which the target reaches that port, e.g. a tunnel)"
    )


def sdk_verifies(
    secrets: list[str], delivery: Delivery, now: Callable[[], float] = time.time
) -> bool:
    """Whether the SDK accepts ``delivery`` as signed by one of ``secrets``, its timestamp
    within the tolerance of ``now`` (the target's time: a sandbox's clock may run ahead)."""
    from larkpay import Webhook

    return bool(Webhook(secrets, clock=now).verify(delivery.body, delivery.headers))


@dataclass
class Endpoint:
    """A webhook endpoint of this run, on its own path of the receiver."""

    api: Api
    receiver: WebhookReceiver
    id: str
    path: str
    secrets: list[str] = field(default_factory=list)
    #: deliveries already counted in the run's webhook events (path, arrival time)
    counted: set[tuple[str, float]] = field(default_factory=set)

    @classmethod
    def register(
        cls, api: Api, receiver: WebhookReceiver, events: list[str], public_url: str | None = None
    ) -> Endpoint:
        """Create the endpoint through the API (at ``public_url``, the receiver as the target
        reaches it, when given); keeps the secret it returns."""
        path = f"/hooks/{os.urandom(6).hex()}"
        base = public_url.rstrip("/") if public_url else receiver.url.rsplit("/hooks", 1)[0]
        url = base + path
        reply = api.create_endpoint({"url": url, "events": events, "description": "conformance"})
        data = expect(reply, 201, DELIVERY, "create webhook endpoint").data
        return cls(api, receiver, data["id"], path, [data["secret"]])

    def delete(self) -> None:
        """Remove the endpoint (best effort at teardown)."""
        self.api.delete_endpoint(self.id)

    def wait(
        self, event_type: str, object_id: str, count: int = 1, timeout: float = 20.0, **where: Any
    ) -> list[Delivery]:
        """Deliveries of ``event_type`` about ``object_id`` (data matching ``where``)."""

        def match(d: Delivery) -> bool:
            # A proxy in front of the receiver may keep a path prefix of the public URL.
            if not d.path.endswith(self.path):
                return False
            try:
                event = json.loads(d.body)
            except ValueError:
                return False
            data = event.get("data") or {}
            return (
                event.get("event") == event_type
                and data.get("id") == object_id
                and all(data.get(k) == v for k, v in where.items())
            )

        ran(DELIVERY)
        found = self.receiver.wait_for(match, timeout=timeout, count=count)
        for delivery in found:
            if (delivery.path, delivery.received_at) not in self.counted:
                self.counted.add((delivery.path, delivery.received_at))
                self.api.transport.recorder.delivery(event_type)
        if len(found) < count:
            got = [
                json.loads(d.body).get("event")
                for d in self.receiver.deliveries
                if d.path.endswith(self.path)
            ]
            raise CheckFailedError(
                DELIVERY,
                f"expected {count} {event_type} deliveries for {object_id} {where or ''} "
                f"within {timeout} s, got {len(found)}; this endpoint received {got}",
            )
        return found

    def verify(self, delivery: Delivery, secrets: list[str] | None = None) -> dict[str, Any]:
        """Check the delivery's headers and signature (SDK verifier); returns the event."""
        ran(SIGNATURE)
        event = json.loads(delivery.body)
        if delivery.headers.get("webhook-id") != event.get("id"):
            raise CheckFailedError(
                DELIVERY,
                f"webhook-id {delivery.headers.get('webhook-id')!r} "
                f"is not the event id {event.get('id')!r}",
            )
        use = secrets if secrets is not None else self.secrets
        if not sdk_verifies(use, delivery, target_now(self.api)):
            raise CheckFailedError(
                SIGNATURE,
                f"the SDK rejects the signature of {event.get('event')} {event.get('id')} "
                f"(webhook-signature: {delivery.headers.get('webhook-signature')!r}) with the "
                f"endpoint's secret(s) {[s[:12] + '...' for s in use]}",
            )
        return dict(event)
