"""WAL checkpoints run on the checkpointer thread, never inside a commit on the event loop."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from larkpay_sandbox.storage.database import Store

from tests.sandbox.waiting import wait_until


def test_file_store_turns_off_automatic_checkpoints_and_checkpoints_on_its_thread(
    tmp_path: Path,
) -> None:
    store = Store(str(tmp_path / "s.db"))
    try:
        assert store.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        assert store.checkpointer is not None
        with store.transaction() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('a', 1)")
        checkpointer = store.checkpointer
        wait_until(lambda: checkpointer.checkpoints >= 1, what="the thread checkpoints")
        # Everything committed is in the database file itself now, not only in the WAL.
        with sqlite3.connect(f"file:{tmp_path / 's.db'}?mode=ro", uri=True) as reader:
            assert reader.execute("SELECT value FROM counters").fetchall() == [(1,)]
    finally:
        store.close()


def test_close_stops_the_thread_and_leaves_no_wal_behind(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"))
    with store.transaction() as conn:
        conn.execute("INSERT INTO counters(name, value) VALUES ('a', 1)")
    assert store.checkpointer is not None
    checkpointer = store.checkpointer
    assert checkpointer.running
    store.close()
    assert not checkpointer.running
    assert not (tmp_path / "s.db-wal").exists()
    with sqlite3.connect(tmp_path / "s.db") as reader:
        assert reader.execute("SELECT value FROM counters").fetchall() == [(1,)]


def test_memory_store_has_no_checkpointer() -> None:
    store = Store(":memory:")
    assert store.checkpointer is None
    store.close()
