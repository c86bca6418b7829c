"""The processes of the listen tests: the handler and ``larkpay listen``, read line by line."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HANDLER = Path(__file__).with_name("handler_app.py")
SECRET = re.compile(r"whsec_[A-Za-z0-9+/]{43}=")
PORT_LINE = r"^\d+$"


class Lines:
    """A subprocess whose output lines are collected in a background thread."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 15.0) -> str:
        """The first line (from now on) matching ``pattern``; fails naming what came instead."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(
                    f"no line matching {pattern!r} within {timeout:g} s; got:\n"
                    + "\n".join(self.lines)
                ) from None
            self.lines.append(line)
            if re.search(pattern, line):
                return line

    def interrupt(self, timeout: float = 15.0) -> int:
        """SIGINT, then the exit status (reading what it printed meanwhile)."""
        self.process.send_signal(signal.SIGINT)
        return self.finish(timeout)

    def finish(self, timeout: float = 15.0) -> int:
        """Wait for the exit, collect the remaining lines, return the status."""
        code = self.process.wait(timeout=timeout)
        time.sleep(0.05)
        while not self._queue.empty():
            self.lines.append(self._queue.get())
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class Handler(Lines):
    """handler_app.py on a free port; its records are read from its JSON-lines file."""

    def __init__(self, tmp: Path, *args: str) -> None:
        self.record = tmp / "handled.jsonl"
        self.secret_file = tmp / "secret.txt"
        super().__init__(
            [
                sys.executable,
                str(HANDLER),
                "--record",
                str(self.record),
                "--secret-file",
                str(self.secret_file),
                *args,
            ]
        )
        port = self.wait_for(PORT_LINE)
        self.url = f"http://127.0.0.1:{port}/webhooks"

    def records(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]

    def wait_for_records(self, count: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(found := self.records()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the handler got {len(found)} of {count} deliveries")
            time.sleep(0.02)
        return found


def listen(base_url: str, forward_to: str, *args: str) -> Lines:
    """``larkpay listen`` through the dispatcher, against ``base_url``."""
    return Lines(
        [sys.executable, "-m", "larkpay_cli", "listen", "--forward-to", forward_to, *args],
        env={"LARKPAY_BASE_URL": base_url},
    )
