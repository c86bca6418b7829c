"""Where a tool is in a deployment's event list: the newest event it has seen, and the ones
created after it (listEvents answers newest first)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from larkpay import LarkpayClient

PAGE = 100


@dataclass(frozen=True)
class Newer:
    """The events after the cursor, newest first; ``found`` is False when the cursor's event
    was not reached (gone, or further back than the events read)."""

    events: list[dict[str, Any]]
    found: bool


class EventsCursor:
    """The newest event seen of ``client``'s deployment (None: there was none)."""

    def __init__(self, client: LarkpayClient) -> None:
        self.client = client
        self.newest: str | None = None

    def start(self) -> None:
        """Remember the newest event there is now: only later ones count as newer."""
        page = self.client.events.list(limit=1)
        self.newest = str(page.data[0].id) if page.data else None

    def newer(self, max_events: int | None = None) -> Newer:
        """The events created since the cursor (at most ``max_events``), newest first; the
        cursor moves to the newest of them."""
        events: list[dict[str, Any]] = []
        found = False
        for event in self.client.events.list_all(limit=PAGE):
            if str(event.id) == self.newest:
                found = True
                break
            if max_events is not None and len(events) >= max_events:
                break
            events.append(event.to_dict())
        else:  # read to the end: the cursor is found only if there was none
            found = self.newest is None
        if events:
            self.newest = str(events[0]["id"])
        return Newer(events, found)
