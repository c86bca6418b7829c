"""Events and the webhook_outbox rows that deliver them: the writer and the reader side by side.

The writer runs inside the transaction of the change that caused an event, so an event and its
outbox rows are committed with the change or not at all; ``due`` is set once they are committed.
The reader is the dispatcher's side: due rows, what an attempt needs, and the attempt records.
Everything runs on the event-loop thread, on the store's connection.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from larkpay_sandbox.core.clock import Clock, format_timestamp, parse_timestamp
from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.core.ids import new_id
from larkpay_sandbox.core.wakeup import Wakeup
from larkpay_sandbox.storage.database import Store

MAX_ERROR_LENGTH = 1000
T = TypeVar("T")


@dataclass(frozen=True)
class OutboxRow:
    """One pending delivery of one event to one endpoint."""

    id: int
    event_id: str
    endpoint_id: str
    attempts: int


@dataclass(frozen=True)
class AttemptContext:
    """What one attempt needs: the exact event body, the target URL and the signing secrets."""

    body: str
    url: str
    secrets: tuple[str, ...]


@dataclass(frozen=True)
class AttemptResult:
    """The outcome of one HTTP attempt, as recorded in webhook_deliveries."""

    attempted_at: datetime
    status_code: int | None
    error: str | None
    latency_ms: float
    succeeded: bool


@dataclass(frozen=True)
class Recorded(Generic[T]):
    """What recording an attempt gave: its number (counting every earlier attempt of this event
    to this endpoint) and the result of the ``after`` step."""

    attempt: int
    after: T | None


class Outbox:
    """The events and webhook_outbox tables of ``store``; ``due`` wakes the dispatcher."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.due = Wakeup()

    # The writer: inside the transaction of the change.

    def emit_event(
        self,
        conn: sqlite3.Connection,
        api_key: str,
        event_type: str,
        data: dict[str, Any],
        data_json: bytes | None = None,
    ) -> str:
        """Store an event and queue it for every matching endpoint; returns the event id.

        ``data_json`` is ``dumps(data)`` if the caller has it already (saves encoding it twice).
        """
        event_id = new_id("evt_")
        created = self.clock.timestamp()
        head = {"id": event_id, "object": "event", "event": event_type, "timestamp": created}
        # Same bytes as dumps({**head, "data": data}): the data object is spliced in as is.
        body = dumps(head)[:-1] + b',"data":' + (data_json or dumps(data)) + b"}"
        conn.execute(
            "INSERT INTO events(id, api_key, type, created_at, body) VALUES (?,?,?,?,?)",
            (event_id, api_key, event_type, created, body.decode()),
        )
        self.queue_deliveries(conn, api_key, event_id, event_type)
        return event_id

    def queue_deliveries(
        self, conn: sqlite3.Connection, api_key: str, event_id: str, event_type: str
    ) -> int:
        """Add one outbox row per enabled endpoint that wants this type; returns how many."""
        rows = conn.execute(
            "SELECT id, events FROM webhook_endpoints "
            "WHERE api_key=? AND deleted=0 AND status='enabled' ORDER BY seq",
            (api_key,),
        ).fetchall()
        now = self.clock.time()
        queued = 0
        for endpoint_id, events_json in rows:
            wanted = json.loads(events_json)
            if "*" in wanted or event_type in wanted:
                conn.execute(
                    "INSERT INTO webhook_outbox(event_id, endpoint_id, next_attempt_at) "
                    "VALUES (?,?,?)",
                    (event_id, endpoint_id, now),
                )
                queued += 1
        if queued:
            self.store.wake_after_commit(self.due)
        return queued

    def queue_for_endpoint(
        self, conn: sqlite3.Connection, endpoint_id: str, event_ids: Sequence[str]
    ) -> None:
        """Queue these events, in this order, for one endpoint (a replay), due now.

        An event whose delivery to this endpoint is still pending (waiting for a retry) is not
        queued twice: that delivery is moved up to now, so its attempts stay one numbered chain.
        """
        now = self.clock.time()
        pending = {
            str(row[0])
            for row in conn.execute(
                "SELECT event_id FROM webhook_outbox WHERE state = 'pending' AND endpoint_id = ?",
                (endpoint_id,),
            )
        }
        conn.executemany(
            "UPDATE webhook_outbox SET next_attempt_at = ?"
            " WHERE state = 'pending' AND endpoint_id = ? AND event_id = ?",
            [(now, endpoint_id, event_id) for event_id in event_ids if event_id in pending],
        )
        conn.executemany(
            "INSERT INTO webhook_outbox(event_id, endpoint_id, next_attempt_at) VALUES (?,?,?)",
            [(event_id, endpoint_id, now) for event_id in event_ids if event_id not in pending],
        )
        if event_ids:
            self.store.wake_after_commit(self.due)

    def cancel_for_endpoint(self, conn: sqlite3.Connection, endpoint_id: str) -> int:
        """Cancel the deliveries still pending for an endpoint (deleted or disabled); returns
        how many."""
        return conn.execute(
            "UPDATE webhook_outbox SET state='canceled' WHERE endpoint_id=? AND state='pending'",
            (endpoint_id,),
        ).rowcount

    # The reader: the dispatcher's side.

    def due_rows(self, limit: int, exclude: Collection[int]) -> list[OutboxRow]:
        """Pending rows due now, oldest due first, skipping the ids in ``exclude``."""
        if limit <= 0:
            return []
        excluded = tuple(exclude)
        rows = self.store.query_all(
            "SELECT id, event_id, endpoint_id, attempts FROM webhook_outbox"
            f" WHERE state = 'pending' AND next_attempt_at <= ?{_not_in(excluded)}"
            " ORDER BY next_attempt_at, id LIMIT ?",
            (self.clock.time(), *excluded, limit),
        )
        return [OutboxRow(int(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]

    def next_due_time(self, exclude: Collection[int]) -> float | None:
        """The earliest ``next_attempt_at`` of a pending row not in ``exclude`` (None: nothing)."""
        excluded = tuple(exclude)
        row = self.store.query_one(
            "SELECT MIN(next_attempt_at) FROM webhook_outbox"
            f" WHERE state = 'pending'{_not_in(excluded)}",
            excluded,
        )
        return None if row is None or row[0] is None else float(row[0])

    def first_due(self, exclude: Collection[int]) -> tuple[float, OutboxRow, str] | None:
        """The pending row due first (whenever that is) not in ``exclude``, with its due time
        and its event's API key."""
        excluded = tuple(exclude)
        row = self.store.query_one(
            "SELECT o.next_attempt_at, o.id, o.event_id, o.endpoint_id, o.attempts, e.api_key"
            " FROM webhook_outbox o JOIN events e ON e.id = o.event_id"
            f" WHERE o.state = 'pending'{_not_in(excluded, 'o.id')}"
            " ORDER BY o.next_attempt_at, o.id LIMIT 1",
            excluded,
        )
        if row is None:
            return None
        outbox_row = OutboxRow(int(row[1]), str(row[2]), str(row[3]), int(row[4]))
        return float(row[0]), outbox_row, str(row[5])

    def attempt_context(self, row: OutboxRow, at: float | None = None) -> AttemptContext | str:
        """Load what an attempt needs at ``at`` (default: now), or return why the row cannot be
        delivered at all."""
        store = self.store
        found = store.query_one(
            "SELECT e.body, w.url, w.status, w.deleted FROM events e"
            " LEFT JOIN webhook_endpoints w ON w.id = ? WHERE e.id = ?",
            (row.endpoint_id, row.event_id),
        )
        if found is None:
            return f"event {row.event_id} does not exist"
        body, url, status, deleted = found
        if url is None or int(deleted):
            return f"endpoint {row.endpoint_id} was deleted"
        if status != "enabled":
            return f"endpoint {row.endpoint_id} is {status}"
        secret_rows = store.query_all(
            "SELECT secret, expires_at, created_at FROM webhook_secrets WHERE endpoint_id = ?",
            (row.endpoint_id,),
        )
        now = self.clock.now() if at is None else datetime.fromtimestamp(at, UTC)
        active = sorted(
            (r for r in secret_rows if is_secret_active(r[1], now)),
            key=lambda r: parse_timestamp(str(r[2])),
        )
        return AttemptContext(
            body=str(body), url=str(url), secrets=tuple(str(r[0]) for r in active)
        )

    def record_attempt(
        self,
        row: OutboxRow,
        result: AttemptResult,
        next_attempt: float | None,
        after: Callable[[sqlite3.Connection], T] | None = None,
    ) -> Recorded[T]:
        """Store the attempt and move the outbox row on, in one transaction: delivered, retry at
        ``next_attempt``, or failed when ``next_attempt`` is None and the attempt did not succeed.
        ``after(conn)`` runs last in the same transaction (the endpoint's health); the answer
        holds its result and the attempt's number.
        """
        attempt_no = row.attempts + 1
        # Attempts ending in the same turn of the event loop share one commit.
        with self.store.batched() as conn:
            # The recorded attempt number counts every earlier attempt for this event and
            # endpoint, redeliveries included (the spec's EventDelivery.attempt), while the
            # schedule uses the row's.
            previous = conn.execute(
                "SELECT MAX(attempt) FROM webhook_deliveries"
                " WHERE event_id = ? AND endpoint_id = ?",
                (row.event_id, row.endpoint_id),
            ).fetchone()[0]
            number = int(previous or 0) + 1
            conn.execute(
                "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, attempt, attempted_at,"
                " status_code, error, latency_ms, succeeded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new_id("del_"),
                    row.event_id,
                    row.endpoint_id,
                    number,
                    format_timestamp(result.attempted_at.timestamp()),
                    result.status_code,
                    None if result.error is None else result.error[:MAX_ERROR_LENGTH],
                    round(result.latency_ms, 3),
                    int(result.succeeded),
                ),
            )
            if result.succeeded:
                state, next_attempt = "delivered", None
            else:
                state = "failed" if next_attempt is None else "pending"
            # The attempts guard makes a stale duplicate attempt unable to move the row back.
            conn.execute(
                "UPDATE webhook_outbox SET attempts = ?, state = ?,"
                " next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ? AND attempts = ?",
                (attempt_no, state, next_attempt, row.id, row.attempts),
            )
            return Recorded(number, None if after is None else after(conn))

    def give_up(self, row: OutboxRow) -> None:
        """Mark a row that can never be delivered as failed, without an attempt."""
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE webhook_outbox SET state = 'failed' WHERE id = ? AND state = 'pending'",
                (row.id,),
            )


def is_secret_active(expires_at: str | None, now: datetime) -> bool:
    """A secret signs while it has no expiry or its expiry is still in the future."""
    return expires_at is None or parse_timestamp(expires_at) > now


def _not_in(excluded: tuple[int, ...], column: str = "id") -> str:
    return f" AND {column} NOT IN ({','.join('?' * len(excluded))})" if excluded else ""
