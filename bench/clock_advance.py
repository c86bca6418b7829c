"""The test clock under load: advance 7 days over 1,000 pending payments and a failing endpoint.

Each round starts a sandbox (SQLite file, settle delay 60 s so every payment is still pending
when the advance starts, default retry schedule 5 s ... 6 h), registers an endpoint for every
event that answers 500 to everything (``bench/failing_endpoint.py``, its own process), creates
the payments, then times ``POST /sandbox/clock/advance {"seconds": 604800}`` from the request to
the answer. Then it counts in the SQLite file and at the endpoint that nothing was lost or
doubled: each payment settled once (one ``payment.updated`` each), every event's delivery
attempted exactly 1 + len(schedule) times with attempt numbers 1..7 on schedule, and each
recorded attempt received by the endpoint.

Target (architecture.md): under 10 s, each settlement and due attempt exactly once.
Usage: ``python -m bench.clock_advance [--payments N] [--rounds R]``.
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime

import httpx
from larkpay_sandbox.core.settings import DEFAULT_RETRY_SCHEDULE
from larkpay_sandbox.testing import running_sandbox

SEVEN_DAYS = 7 * 86400
TARGET_SECONDS = 10.0
ATTEMPTS_PER_EVENT = 1 + len(DEFAULT_RETRY_SCHEDULE)
SETTLE_DELAY = 60.0


@dataclass(frozen=True)
class Round:
    """One advance: its wall time, what it reported, and what the file and the endpoint say."""

    payments: int
    seconds: float
    reported: dict[str, int]
    settled_once: bool
    attempts: int
    attempts_exact: bool
    on_schedule: bool
    received: int

    @property
    def exact(self) -> bool:
        """Every payment settled once and every due attempt made once, and received."""
        return (
            self.settled_once
            and self.attempts_exact
            and self.on_schedule
            and self.attempts == self.received == 2 * self.payments * ATTEMPTS_PER_EVENT
        )


def run_round(payments: int) -> Round:
    """One round on a fresh sandbox and a fresh failing endpoint."""
    endpoint = subprocess.Popen(
        [sys.executable, "-m", "bench.failing_endpoint"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert endpoint.stdout is not None
        port = int(endpoint.stdout.readline())
        with running_sandbox(rate_limit=0, settle_delay=SETTLE_DELAY) as sandbox:
            headers = {"authorization": sandbox.auth_header}
            with httpx.Client(base_url=sandbox.base_url, headers=headers, timeout=300) as api:
                hook = {"url": f"http://127.0.0.1:{port}/hook", "events": ["*"]}
                api.post("/webhook_endpoints", json=hook).raise_for_status()
                body = {"amount": 100, "currency": "USD", "source": "test_pending"}
                for _ in range(payments):
                    api.post("/payments", json=body).raise_for_status()
                started = time.perf_counter()
                answer = api.post("/sandbox/clock/advance", json={"seconds": SEVEN_DAYS})
                seconds = time.perf_counter() - started
                answer.raise_for_status()
            reported = dict(answer.json()["data"]["counts"])
            counted = _count(sandbox.db_path, payments)
        received = int(httpx.get(f"http://127.0.0.1:{port}/count").text)
    finally:
        endpoint.kill()
        endpoint.wait(timeout=10)
    return Round(payments, seconds, reported, *counted, received)


def _count(db_path: str, payments: int) -> tuple[bool, int, bool, bool]:
    """(each payment settled once, attempts recorded, 1..7 per event, retries on schedule)."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        statuses = db.execute("SELECT status, COUNT(*) FROM payments GROUP BY 1").fetchall()
        updates = db.execute(
            "SELECT COUNT(*) FROM events WHERE type = 'payment.updated'"
            " GROUP BY json_extract(body, '$.data.id')"
        ).fetchall()
        settled_once = statuses == [("succeeded", payments)] and updates == [(1,)] * payments
        per_event = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT attempt), MIN(attempt), MAX(attempt),"
            " group_concat(attempted_at, ' ') FROM (SELECT * FROM webhook_deliveries"
            " ORDER BY attempt) GROUP BY event_id, endpoint_id"
        ).fetchall()
        attempts = int(db.execute("SELECT COUNT(*) FROM webhook_deliveries").fetchone()[0])
    finally:
        db.close()
    expected = (ATTEMPTS_PER_EVENT, ATTEMPTS_PER_EVENT, 1, ATTEMPTS_PER_EVENT)
    exact = len(per_event) == 2 * payments and all(row[:4] == expected for row in per_event)
    on_schedule = all(_on_schedule(str(row[4]).split(" ")) for row in per_event)
    return settled_once, attempts, exact, on_schedule


def _on_schedule(times: list[str]) -> bool:
    """Each retry came its delay after the attempt before: exactly on the test clock, and up to
    a second later for the attempts the dispatcher made in real time before the advance (they
    start when it gets to them)."""
    moments = [datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp() for t in times]
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments)]
    return len(gaps) == len(DEFAULT_RETRY_SCHEDULE) and all(
        delay - 0.001 <= gap < delay + 1.0
        for gap, delay in zip(gaps, DEFAULT_RETRY_SCHEDULE, strict=True)
    )


def section(payments: int = 1000, rounds: int = 3) -> str:
    """The RESULTS.md section: every round, and the median against the target."""
    done = [run_round(payments) for _ in range(rounds)]
    median = statistics.median(r.seconds for r in done)
    exact = all(r.exact for r in done)
    verdict = "met" if median < TARGET_SECONDS and exact else "**not met**"
    lines = [
        f"`python -m bench.clock_advance --payments {payments} --rounds {rounds}`: a 7-day "
        f"advance over {payments:,} pending payments and an endpoint failing every attempt "
        f"took a median of **{median:.2f} s** (target < {TARGET_SECONDS:g} s, exactly once: "
        f"{verdict}). Wall time of the advance call, from request to answer; counted in the "
        "SQLite file and at the endpoint after each round.",
        "",
        "| round | advance (s) | settled in it | attempts in it | attempts in all | "
        "received | exactly once |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for number, r in enumerate(done, start=1):
        lines.append(
            f"| {number} | {r.seconds:.2f} | {r.reported['settlement']:,} | "
            f"{r.reported['delivery_attempt']:,} | {r.attempts:,} | {r.received:,} | "
            f"{'yes' if r.exact else '**no**'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    print(section(max(1, min(options.payments, 5000)), max(1, min(options.rounds, 10))))


if __name__ == "__main__":
    main()
