"""The SQLite schema: created on an empty file, idempotent on an existing one, with the
indexes the hot queries use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from larkpay_sandbox.storage.schema import SCHEMA

TABLES = {
    "payments",
    "refunds",
    "events",
    "webhook_endpoints",
    "webhook_secrets",
    "webhook_outbox",
    "webhook_deliveries",
    "idempotency",
    "counters",
    "sandbox_clock",
}


def names(conn: sqlite3.Connection, kind: str) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type=? AND name NOT LIKE 'sqlite_%'", (kind,)
    )
    return {row[0] for row in rows}


def test_the_schema_creates_every_table_and_can_run_again_on_an_existing_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA)
        conn.execute("INSERT INTO counters(name, value) VALUES ('kept', 7)")
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA)
        assert names(conn, "table") == TABLES
        assert conn.execute("SELECT value FROM counters WHERE name='kept'").fetchone() == (7,)


def test_the_queries_that_page_and_settle_use_an_index() -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    for sql in (
        "SELECT seq, body FROM payments WHERE api_key='k' AND status='pending' AND seq<9 "
        "ORDER BY seq DESC",
        "SELECT id FROM payments WHERE settle_at IS NOT NULL AND settle_at<=1 ORDER BY settle_at",
        "SELECT id FROM webhook_outbox WHERE state='pending' AND next_attempt_at<=1",
        "SELECT seq, body FROM events WHERE api_key='k' AND seq<9 ORDER BY seq DESC",
    ):
        plan = " ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (sql, plan)
