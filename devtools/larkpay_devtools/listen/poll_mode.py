"""Poll mode (a deployment that cannot deliver to this machine): listEvents every few seconds,
each new event forwarded once, RE-SIGNED LOCALLY with a secret listen makes up and prints.

The deployment's own signature never reaches the handler in this mode, and the deployment does
not see the handler's answers: nothing is retried.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator
from typing import Any

from larkpay import APIError, LarkpayClient, Webhook

from larkpay_devtools.listen.forwarding import HandlerClient
from larkpay_devtools.listen.report import Delivery, Printer

PAGE = 100


def local_secret() -> str:
    """A fresh ``whsec_`` secret for the local re-signing."""
    return "whsec_" + base64.b64encode(os.urandom(32)).decode()


class Poller:
    """Forwards the events created after it started, oldest first, re-signed with ``secret``."""

    def __init__(
        self,
        client: LarkpayClient,
        handler: HandlerClient,
        events: list[str],
        printer: Printer,
        secret: str,
    ) -> None:
        self.client = client
        self.handler = handler
        self.wanted = set(events)
        self.printer = printer
        self.signer = Webhook(secret)
        self._newest: str | None = None
        self._failing = False

    def start(self) -> None:
        """Remember the newest event: only later ones are forwarded."""
        page = self.client.events.list(limit=1)
        self._newest = str(page.data[0].id) if page.data else None

    def watch(self, stop: threading.Event, interval: float) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set."""
        while not stop.wait(interval):
            self.poll()

    def poll(self) -> int:
        """Forward the events that appeared since the last poll; how many were forwarded."""
        try:
            fresh = list(self._newer_events())
        except APIError as exc:
            if not self._failing:
                self._failing = True
                self.printer.say(f"Polling listEvents failed ({exc}); trying again...")
            return 0
        if self._failing:
            self._failing = False
            self.printer.say("Polling listEvents works again.")
        if fresh:
            self._newest = str(fresh[0]["id"])
        forwarded = 0
        for event in reversed(fresh):
            if "*" in self.wanted or event.get("event") in self.wanted:
                self._forward(event)
                forwarded += 1
        return forwarded

    def _newer_events(self) -> Iterator[dict[str, Any]]:
        for event in self.client.events.list_all(limit=PAGE):
            if str(event.id) == self._newest:
                return
            yield event.to_dict()

    def _forward(self, event: dict[str, Any]) -> None:
        body = json.dumps(event, separators=(",", ":")).encode()
        headers = self.signer.headers(body, msg_id=str(event["id"]))
        answer = self.handler.forward(body, {**headers, "content-type": "application/json"})
        self.printer.delivery(
            Delivery(
                str(event["id"]),
                str(event.get("event")),
                int(headers["webhook-timestamp"]),
                1,
                answer,
                body,
            )
        )
