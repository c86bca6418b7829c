"""Start the two servers under test on loopback: the sandbox and ``prism mock``.

Each yields a :class:`Target` (where to send what) and is stopped on exit, so the benchmark can
run one server at a time and never let the two share the CPU.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from larkpay_sandbox.testing import basic_auth, free_port, running_sandbox

from bench.machine import PRISM_BIN, REPO

SPEC = REPO / "openapi.yaml"
DEMO_KEY = "lk_test_DemoDemoDemoDemo00000001"
DEMO_SECRET = "lsk_DemoDemoDemoDemoDemoDemo0000000001"
PRISM_START_TIMEOUT = 60.0
# Raised far above what one machine can send, so the limiter runs but never answers 429.
BENCH_RATE_LIMIT = 1_000_000.0
BENCH_BURST = 1_000_000
CREATE_BODY = '{"amount":2500,"currency":"USD","source":"test_success","description":"bench"}'


@dataclass(frozen=True)
class Target:
    """A running server: its API base URL, an existing payment id, auth, database, process."""

    name: str
    base_url: str
    payment_id: str
    authorization: str
    process: subprocess.Popen[bytes]
    log_path: Path
    db_path: str | None = None

    def state(self) -> str:
        """``running`` or ``exited N``, and the last lines of its log: for error reports."""
        code = self.process.poll()
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        tail = " | ".join(line.strip() for line in lines[-3:])[:600]
        return f"{'running' if code is None else f'exited {code}'}; log tail: {tail}"

    def payment_count(self) -> int | None:
        """Rows in the sandbox's payments table (None for a server without a database)."""
        if self.db_path is None:
            return None
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM payments").fetchone()[0])


class ServerError(RuntimeError):
    """A server under test did not start or did not answer as the benchmark needs."""


def check_answers(target: Target) -> None:
    """One GET (200) and one POST (201) before any load: an error answered fast is no win."""
    headers = {"Authorization": target.authorization, "Content-Type": "application/json"}
    with httpx.Client(base_url=target.base_url, headers=headers, timeout=10.0) as client:
        got = client.get(f"/payments/{target.payment_id}")
        created = client.post("/payments", content=CREATE_BODY, headers={"Idempotency-Key": "chk"})
    if got.status_code != 200 or created.status_code != 201:
        raise ServerError(
            f"{target.name} answered GET {got.status_code} and POST {created.status_code} "
            f"(expected 200 and 201): {got.text[:300]} {created.text[:300]}"
        )


@contextmanager
def sandbox() -> Iterator[Target]:
    """The sandbox with its default settings (a temporary SQLite file, full validation), apart
    from the rate limit, raised so that it never answers 429."""
    with running_sandbox(rate_limit=BENCH_RATE_LIMIT, burst=BENCH_BURST) as running:
        response = httpx.post(
            running.base_url + "/payments",
            content=CREATE_BODY,
            headers={"Authorization": running.auth_header, "Content-Type": "application/json"},
            timeout=10.0,
        )
        if response.status_code != 201:
            raise ServerError(f"the sandbox did not create a payment: {response.text[:300]}")
        target = Target(
            name="sandbox",
            base_url=running.base_url,
            payment_id=str(response.json()["data"]["id"]),
            authorization=running.auth_header,
            process=running.process,
            log_path=running.log_path,
            db_path=running.db_path,
        )
        check_answers(target)
        yield target


def _wait_answering(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + PRISM_START_TIMEOUT
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerError(f"{url} exited with {process.returncode}:\n{log.read_text()}")
            try:
                client.get(url)
                return
            except httpx.TransportError:
                time.sleep(0.2)
    raise ServerError(f"{url} did not answer within {PRISM_START_TIMEOUT:g} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def prism(spec: Path = SPEC) -> Iterator[Target]:
    """``prism mock -v silent openapi.yaml`` (the pinned @stoplight/prism-cli); ``spec`` serves
    another document instead."""
    if not PRISM_BIN.exists():
        raise ServerError(f"{PRISM_BIN} is missing: run npm ci --prefix tools/prism")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-prism-") as tmp:
        log = Path(tmp) / "prism.log"
        # -v silent: Prism's fastest setting (it logs every request otherwise); the sandbox
        # has no access log either.
        argv = [str(PRISM_BIN), "mock", "-h", "127.0.0.1", "-p", str(port), "-v", "silent"]
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*argv, str(spec)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_COLOR": "1"},
            )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_answering(process, base_url + "/health", log)
            target = Target(
                name="prism",
                base_url=base_url,
                payment_id="pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W",
                authorization=basic_auth(DEMO_KEY, DEMO_SECRET),
                process=process,
                log_path=log,
            )
            check_answers(target)
            yield target
        finally:
            _stop(process)


@contextmanager
def bare_asgi(answer: httpx.Response) -> Iterator[Target]:
    """``bench.bare_asgi`` answering every request with ``answer``'s status, headers and body."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-bare-") as tmp:
        stored = Path(tmp) / "answer.json"
        stored.write_text(
            json.dumps(
                {
                    "status": answer.status_code,
                    # uvicorn adds its own date/server; content-length comes from the body.
                    "headers": [
                        [k, v]
                        for k, v in answer.headers.items()
                        if k.lower() not in {"date", "server", "content-length"}
                    ],
                    "body_b64": base64.b64encode(answer.content).decode(),
                }
            ),
            encoding="utf-8",
        )
        log = Path(tmp) / "bare.log"
        argv = [sys.executable, "-m", "bench.bare_asgi", str(stored), str(port)]
        with log.open("wb") as out:
            process = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        try:
            base_url = f"http://127.0.0.1:{port}/v2"
            _wait_answering(process, base_url + "/health", log)
            yield Target(
                name="bare ASGI",
                base_url=base_url,
                payment_id=answer.url.path.rsplit("/", 1)[-1],
                authorization="",
                process=process,
                log_path=log,
            )
        finally:
            _stop(process)
