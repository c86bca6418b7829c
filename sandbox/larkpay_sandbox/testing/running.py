"""Run the sandbox as a real subprocess for tests: ``with running_sandbox() as sandbox: ...``."""

from __future__ import annotations

import base64
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import httpx

from larkpay_sandbox.core.settings import Settings, flag_for

START_TIMEOUT = 20.0
_BANNER = re.compile(r"Larkpay sandbox: http://\S+:(\d+)/v2")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def basic_auth(api_key: str, api_secret: str) -> str:
    """The ``Authorization`` header value for a key and secret."""
    return "Basic " + base64.b64encode(f"{api_key}:{api_secret}".encode()).decode()


@dataclass
class RunningSandbox:
    """A sandbox subprocess on a loopback port; restartable on the same port and database."""

    base_url: str
    api_key: str
    api_secret: str
    db_path: str
    process: subprocess.Popen[bytes]
    auth_header: str
    port: int
    argv: list[str] = field(repr=False)
    log_path: Path = field(repr=False)

    def kill_hard(self) -> None:
        """SIGKILL the process (as a crash would) and wait for it."""
        self.process.kill()
        self.process.wait(timeout=10)

    def restart(self) -> None:
        """Start the sandbox again with the same port, database and settings."""
        if self.process.poll() is None:
            self.terminate()
        self.process = _spawn(self.argv, self.log_path)
        _wait_healthy(self.process, self.base_url, self.log_path)

    def terminate(self, timeout: float = 15.0) -> int:
        """SIGTERM (drains in-flight requests), then SIGKILL after ``timeout``; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return int(self.process.returncode)

    def log(self) -> str:
        """Everything the process printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _argv(settings: Settings) -> list[str]:
    argv = [sys.executable, "-m", "larkpay_sandbox"]
    for item in fields(Settings):
        value: Any = getattr(settings, item.name)
        flag = flag_for(item.name)
        if isinstance(value, tuple):
            value = ",".join(str(part) for part in value)
        argv += [flag, str(value)]
    return argv


def _spawn(argv: list[str], log_path: Path) -> subprocess.Popen[bytes]:
    log = log_path.open("ab")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        return subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
    finally:
        log.close()


def _wait_healthy(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = log_path.read_text(errors="replace")
                raise RuntimeError(f"sandbox exited with {process.returncode}:\n{output}")
            try:
                if client.get(base_url + "/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"sandbox did not answer /health within {START_TIMEOUT} s")


def _announced_port(process: subprocess.Popen[bytes], log_path: Path) -> int:
    """The port in the sandbox's banner line (printed once it is listening)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        found = _BANNER.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if found is not None:
            return int(found.group(1))
        if process.poll() is not None:
            output = log_path.read_text(errors="replace")
            raise RuntimeError(f"sandbox exited with {process.returncode}:\n{output}")
        time.sleep(0.02)
    raise RuntimeError(f"sandbox did not print its address within {START_TIMEOUT} s")


@contextmanager
def running_sandbox(**settings_overrides: Any) -> Iterator[RunningSandbox]:
    """Start ``python -m larkpay_sandbox`` on a free port with a temporary database.

    Keyword arguments override :class:`Settings` fields (``db_path`` to keep a database).
    The process is stopped with SIGTERM (then SIGKILL) on exit.
    """
    with tempfile.TemporaryDirectory(prefix="larkpay-sandbox-") as tmp:
        # Port 0: the sandbox binds a port the OS picks and names it in its banner, so no other
        # process can take the port between choosing and binding it.
        overrides = {"host": "127.0.0.1", "port": 0, **settings_overrides}
        overrides.setdefault("db_path", str(Path(tmp) / "sandbox.db"))
        settings = Settings().with_overrides(**overrides)
        log_path = Path(tmp) / "sandbox.log"
        process = _spawn(_argv(settings), log_path)
        try:
            if settings.port == 0:
                settings = settings.with_overrides(port=_announced_port(process, log_path))
        except BaseException:
            process.kill()
            process.wait(timeout=10)
            raise
        # A restart reuses the port this run got.
        argv = _argv(settings)
        base_url = f"http://{settings.host}:{settings.port}/v2"
        running = RunningSandbox(
            base_url=base_url,
            api_key=settings.api_key,
            api_secret=settings.api_secret,
            db_path=settings.db_path,
            process=process,
            auth_header=basic_auth(settings.api_key, settings.api_secret),
            port=settings.port,
            argv=argv,
            log_path=log_path,
        )
        try:
            _wait_healthy(process, base_url, log_path)
            yield running
        finally:
            running.terminate()
