"""Finding the events that follow a change, through GET /events."""

from __future__ import annotations

import time
from typing import Any

from larkpay_conformance.sdk.api import Api, expect

EVENTS = "larkpay_events"


def find_event(
    api: Api,
    event_type: str,
    object_id: str,
    *,
    where: dict[str, Any] | None = None,
    timeout: float = 10.0,
) -> dict[str, Any] | None:
    """The newest ``event_type`` event about ``object_id`` whose data matches ``where``.

    Polls for up to ``timeout`` seconds (events of settling payments come later).
    """
    deadline = time.monotonic() + timeout
    while True:
        reply = expect(api.list_events(event=event_type, limit=50), 200, EVENTS, "list events")
        for event in reply.data:
            data = event.get("data") or {}
            if event.get("event") != event_type or data.get("id") != object_id:
                continue
            if all(data.get(k) == v for k, v in (where or {}).items()):
                return dict(event)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)


def require_event(
    api: Api,
    event_type: str,
    object_id: str,
    *,
    where: dict[str, Any] | None = None,
    timeout: float = 10.0,
) -> dict[str, Any]:
    """Like :func:`find_event`, but a missing event is a CheckFailedError."""
    event = find_event(api, event_type, object_id, where=where, timeout=timeout)
    if event is None:
        reply = api.list_events(event=event_type, limit=50)
        raise reply.fail(
            EVENTS, f"no {event_type} event for {object_id} with {where or {}} within {timeout} s"
        )
    return event
