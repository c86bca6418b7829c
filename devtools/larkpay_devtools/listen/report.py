"""What listen prints: one line per delivery (and the payload with ``--print-json``), notices."""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from typing import TextIO

from larkpay_devtools.listen.forwarding import Answer


@dataclass(frozen=True)
class Delivery:
    """One delivery as listen saw it: the event it carries and the handler's answer."""

    event_id: str
    event_type: str
    timestamp: int | None
    attempt: int
    answer: Answer
    body: bytes


def describe(
    body: bytes, headers_id: str | None, timestamp: str | None
) -> tuple[str, str, int | None]:
    """(event id, event type, webhook-timestamp) of a delivery, as far as they can be read."""
    event_id, event_type = headers_id or "?", "?"
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        event_id = str(payload.get("id") or event_id)
        event_type = str(payload.get("event") or event_type)
    try:
        stamp = int(timestamp) if timestamp is not None else None
    except ValueError:
        stamp = None
    return event_id, event_type, stamp


class Printer:
    """Prints from several threads without interleaving lines."""

    def __init__(self, out: TextIO | None = None, *, print_json: bool = False) -> None:
        self.out = out or sys.stdout
        self.print_json = print_json
        self._lock = threading.Lock()

    def say(self, text: str) -> None:
        """A notice line."""
        with self._lock:
            print(text, file=self.out, flush=True)

    def delivery(self, delivery: Delivery) -> None:
        """``TIME  TYPE  ID  attempt N  -> STATUS  LATENCY`` (and the payload)."""
        at = delivery.timestamp if delivery.timestamp is not None else int(time.time())
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(at))
        answer = delivery.answer
        line = (
            f"{when}  {delivery.event_type:<26} {delivery.event_id}  attempt {delivery.attempt}"
            f"  -> {answer.status}  {answer.latency_ms:.1f} ms"
        )
        if answer.error is not None:
            line += f"  ({answer.error})"
        with self._lock:
            print(line, file=self.out, flush=True)
            if self.print_json:
                try:
                    shown = json.dumps(json.loads(delivery.body), indent=2)
                except ValueError:
                    shown = delivery.body.decode("utf-8", "replace")
                print(shown, file=self.out, flush=True)
