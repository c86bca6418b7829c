"""SQL access of the webhook dispatcher: due outbox rows, attempt context, attempt records.

Every function takes the store's ``sqlite3.Connection`` and runs on the event-loop thread; the
writers run inside the caller's transaction, so an attempt record and its outbox update land
together.
"""

from __future__ import annotations

import secrets as secrets_module
import sqlite3
import string
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from larkpay_sandbox.webhooks.schedule import is_secret_active, parse_timestamp

_BASE62 = string.digits + string.ascii_letters


MAX_ERROR_LENGTH = 1000


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


def new_delivery_id() -> str:
    """A fresh ``del_`` id: 24 random base62 characters."""
    return "del_" + "".join(secrets_module.choice(_BASE62) for _ in range(24))


def due_rows(
    conn: sqlite3.Connection, now: float, limit: int, exclude: Collection[int]
) -> list[OutboxRow]:
    """Pending rows due at ``now``, oldest due first, skipping the ids in ``exclude``."""
    if limit <= 0:
        return []
    excluded = tuple(exclude)
    not_in = f" AND id NOT IN ({','.join('?' * len(excluded))})" if excluded else ""
    rows = conn.execute(
        "SELECT id, event_id, endpoint_id, attempts FROM webhook_outbox"
        f" WHERE state = 'pending' AND next_attempt_at <= ?{not_in}"
        " ORDER BY next_attempt_at, id LIMIT ?",
        (now, *excluded, limit),
    ).fetchall()
    return [OutboxRow(int(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]


def next_due_time(conn: sqlite3.Connection, exclude: Collection[int]) -> float | None:
    """The earliest ``next_attempt_at`` of a pending row not in ``exclude`` (None: nothing)."""
    excluded = tuple(exclude)
    not_in = f" AND id NOT IN ({','.join('?' * len(excluded))})" if excluded else ""
    row = conn.execute(
        f"SELECT MIN(next_attempt_at) FROM webhook_outbox WHERE state = 'pending'{not_in}",
        excluded,
    ).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def attempt_context(
    conn: sqlite3.Connection, row: OutboxRow, now: datetime
) -> AttemptContext | str:
    """Load what an attempt needs, or return why the row cannot be delivered at all."""
    event = conn.execute("SELECT body FROM events WHERE id = ?", (row.event_id,)).fetchone()
    if event is None:
        return f"event {row.event_id} does not exist"
    endpoint = conn.execute(
        "SELECT url, status, deleted FROM webhook_endpoints WHERE id = ?", (row.endpoint_id,)
    ).fetchone()
    if endpoint is None or int(endpoint[2]):
        return f"endpoint {row.endpoint_id} was deleted"
    if endpoint[1] != "enabled":
        return f"endpoint {row.endpoint_id} is {endpoint[1]}"
    secret_rows = conn.execute(
        "SELECT secret, expires_at, created_at FROM webhook_secrets WHERE endpoint_id = ?",
        (row.endpoint_id,),
    ).fetchall()
    active = sorted(
        (r for r in secret_rows if is_secret_active(r[1], now)),
        key=lambda r: parse_timestamp(str(r[2])),
    )
    return AttemptContext(
        body=str(event[0]), url=str(endpoint[0]), secrets=tuple(str(r[0]) for r in active)
    )


def record_attempt(
    conn: sqlite3.Connection,
    row: OutboxRow,
    result: AttemptResult,
    next_attempt: float | None,
) -> None:
    """Inside a transaction: store the attempt and move the outbox row on - delivered, retry at
    ``next_attempt``, or failed when ``next_attempt`` is None and the attempt did not succeed."""
    attempt_no = row.attempts + 1
    # The recorded attempt number counts every earlier attempt for this event and endpoint,
    # redeliveries included (the spec's EventDelivery.attempt), while the schedule uses the row's.
    previous = conn.execute(
        "SELECT MAX(attempt) FROM webhook_deliveries WHERE event_id = ? AND endpoint_id = ?",
        (row.event_id, row.endpoint_id),
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, attempt, attempted_at,"
        " status_code, error, latency_ms, succeeded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_delivery_id(),
            row.event_id,
            row.endpoint_id,
            int(previous or 0) + 1,
            _rfc3339(result.attempted_at),
            result.status_code,
            None if result.error is None else result.error[:MAX_ERROR_LENGTH],
            round(result.latency_ms, 3),
            int(result.succeeded),
        ),
    )
    if result.succeeded or next_attempt is None:
        # The attempts guard makes a stale duplicate attempt unable to move the row backwards.
        conn.execute(
            "UPDATE webhook_outbox SET attempts = ?, state = ? WHERE id = ? AND attempts = ?",
            (attempt_no, "delivered" if result.succeeded else "failed", row.id, row.attempts),
        )
    else:
        conn.execute(
            "UPDATE webhook_outbox SET attempts = ?, next_attempt_at = ?"
            " WHERE id = ? AND attempts = ?",
            (attempt_no, next_attempt, row.id, row.attempts),
        )


def give_up(conn: sqlite3.Connection, row: OutboxRow) -> None:
    """Inside a transaction: mark a row that can never be delivered as failed, no attempt."""
    conn.execute(
        "UPDATE webhook_outbox SET state = 'failed' WHERE id = ? AND state = 'pending'",
        (row.id,),
    )


def _rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")
