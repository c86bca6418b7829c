"""Poll mode (a deployment that cannot deliver to this machine): listEvents every few seconds,
each new event forwarded once, RE-SIGNED LOCALLY with a secret listen makes up and prints.

The deployment's own signature never reaches the handler in this mode, and the deployment does
not see the handler's answers: nothing is retried. The body forwarded is the event as the SDK
reads it from listEvents, encoded again (the same JSON, not necessarily the same bytes).
"""

from __future__ import annotations

import base64
import json
import os
import threading
from typing import Any

from larkpay import APIError, LarkpayClient, Webhook

from larkpay_devtools.events_cursor import EventsCursor
from larkpay_devtools.listen.forwarding import HandlerClient
from larkpay_devtools.listen.report import Delivery, Printer

MAX_EVENTS_PER_POLL = 1000
"""More new events than this in one poll means the cursor was lost: none of them is forwarded."""


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
        self.cursor = EventsCursor(client)
        self._failing = False

    def start(self) -> None:
        """Remember the newest event: only later ones are forwarded."""
        self.cursor.start()

    def watch(self, stop: threading.Event, interval: float) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set."""
        while not stop.wait(interval):
            self.poll()

    def poll(self) -> int:
        """Forward the events that appeared since the last poll; how many were forwarded."""
        lost_from = self.cursor.newest
        try:
            newer = self.cursor.newer(MAX_EVENTS_PER_POLL)
        except APIError as exc:
            if not self._failing:
                self._failing = True
                self.printer.say(f"Polling listEvents failed ({exc}); trying again...")
            return 0
        if self._failing:
            self._failing = False
            self.printer.say("Polling listEvents works again.")
        if not newer.found:
            self.printer.say(
                f"Lost my place in listEvents: event {lost_from} is gone (was the deployment "
                f"reset?) or more than {MAX_EVENTS_PER_POLL} events came since the last poll. "
                f"Not forwarding those; going on from the newest, {self.cursor.newest}."
            )
            return 0
        forwarded = 0
        for event in reversed(newer.events):
            if "*" in self.wanted or event.get("event") in self.wanted:
                self._forward(event)
                forwarded += 1
        return forwarded

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
