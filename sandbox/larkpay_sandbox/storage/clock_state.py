"""The test clock's offset, kept in the SQLite file so that the sandbox's time never goes back,
not even across a restart on the same file (one row, written once per advance)."""

from __future__ import annotations

from larkpay_sandbox.storage.database import Store


def load_offset(store: Store) -> float:
    """How far the clock was advanced ahead of the wall clock (0 if never)."""
    row = store.query_one("SELECT offset_seconds FROM sandbox_clock WHERE id = 1")
    return 0.0 if row is None else float(row[0])


def save_offset(store: Store, offset: float) -> None:
    """Remember the clock's offset."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO sandbox_clock(id, offset_seconds) VALUES (1, ?)"
            " ON CONFLICT(id) DO UPDATE SET offset_seconds = excluded.offset_seconds",
            (offset,),
        )
