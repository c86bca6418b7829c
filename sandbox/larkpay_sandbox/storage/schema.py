"""The tables of the sandbox's SQLite file, created at start when missing, and the columns
added since the first release, added to an older file at start (:func:`migrate`)."""

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS payments(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, api_key TEXT NOT NULL,
    status TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL,
    settle_at REAL NULL, settle_outcome TEXT NULL);
CREATE INDEX IF NOT EXISTS payments_by_key ON payments(api_key, seq);
CREATE INDEX IF NOT EXISTS payments_by_status ON payments(api_key, status, seq);
CREATE INDEX IF NOT EXISTS payments_to_settle ON payments(settle_at) WHERE settle_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS refunds(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, api_key TEXT NOT NULL,
    payment_id TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS refunds_by_payment ON refunds(payment_id, seq);
CREATE TABLE IF NOT EXISTS events(
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, api_key TEXT NOT NULL,
    type TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_key ON events(api_key, seq);
CREATE INDEX IF NOT EXISTS events_by_type ON events(api_key, type, seq);
CREATE TABLE IF NOT EXISTS webhook_endpoints(
    id TEXT PRIMARY KEY, api_key TEXT NOT NULL, url TEXT NOT NULL, events TEXT NOT NULL,
    description TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, disabled_reason TEXT NULL, failing_since REAL NULL);
CREATE INDEX IF NOT EXISTS endpoints_by_key ON webhook_endpoints(api_key, seq);
CREATE TABLE IF NOT EXISTS webhook_secrets(
    endpoint_id TEXT NOT NULL, secret TEXT NOT NULL, created_at TEXT NOT NULL,
    expires_at TEXT NULL);
CREATE INDEX IF NOT EXISTS secrets_by_endpoint ON webhook_secrets(endpoint_id);
CREATE INDEX IF NOT EXISTS secrets_expiring ON webhook_secrets(expires_at)
    WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS webhook_outbox(
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending');
CREATE INDEX IF NOT EXISTS outbox_due ON webhook_outbox(state, next_attempt_at);
CREATE TABLE IF NOT EXISTS webhook_deliveries(
    id TEXT PRIMARY KEY, event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
    attempt INTEGER NOT NULL, attempted_at TEXT NOT NULL, status_code INTEGER NULL,
    error TEXT NULL, latency_ms REAL NOT NULL, succeeded INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_by_event ON webhook_deliveries(event_id, attempted_at);
CREATE TABLE IF NOT EXISTS idempotency(
    api_key TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY(api_key, key));
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency(created_at);
CREATE TABLE IF NOT EXISTS sandbox_clock(
    id INTEGER PRIMARY KEY CHECK (id = 1), offset_seconds REAL NOT NULL);
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

ADDED_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "webhook_endpoints": (("disabled_reason", "TEXT NULL"), ("failing_since", "REAL NULL")),
}
"""Columns a file written by an earlier sandbox lacks: (name, SQL type) by table."""


def migrate(conn: sqlite3.Connection) -> None:
    """Create what is missing: every table and index, and the columns added since."""
    for table, columns in ADDED_COLUMNS.items():
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for name, sql_type in columns:
            if present and name not in present:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")
    conn.executescript(SCHEMA)
