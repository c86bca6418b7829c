"""Copy committed WAL frames into the database file on a background thread.

SQLite normally runs this "checkpoint" inside whichever COMMIT pushes the WAL past 1000 pages,
fsyncs included, which stalls the event loop while it runs. The store turns that off and asks
this thread instead: a PASSIVE checkpoint on its own connection never blocks the writer, and
SQLite releases the GIL while it works. Durability is unchanged: a commit is complete once it is
in the WAL; the checkpoint only moves it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

logger = logging.getLogger("larkpay_sandbox")


class Checkpointer:
    """A daemon thread that checkpoints ``db_path`` when asked, at most every ``interval`` s."""

    def __init__(self, db_path: str, interval: float = 0.2) -> None:
        self.db_path = db_path
        self.interval = interval
        self.checkpoints = 0
        self._due = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread.is_alive()

    def request(self) -> None:
        """Ask for a checkpoint soon (cheap enough to call after every commit)."""
        if not self._due.is_set():
            self._due.set()

    def stop(self) -> None:
        """Stop the thread and close its connection (the caller's close then checkpoints)."""
        self._stopping.set()
        self._due.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        connection = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
        try:
            while True:
                self._due.wait()
                if self._stopping.is_set():
                    return
                self._due.clear()
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.Error:
                    logger.exception("WAL checkpoint failed; the next commit asks again")
                if self._stopping.wait(self.interval):
                    return
        finally:
            connection.close()
