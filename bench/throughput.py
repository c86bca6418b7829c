"""Requests per second of two servers, measured in alternating rounds with wrk.

One server runs at a time (the other stopped), so they never share the CPU; wrk warms each up
(long enough for Prism's JIT), then measures. Each round measures both servers, in alternating
order, and gives one ratio per method; the reported ratio is the median of those paired ratios.
Only 2xx answers count towards a rate (an error answered fast is no win).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from bench import wrk
from bench.servers import CREATE_BODY, Target

# Prism (Node) keeps getting faster for ~10 s of load while its JIT warms up; both servers get
# the same warm-up so neither is measured cold. POST runs after GET, on a warm server.
WARMUP_SECONDS = {"GET": 10.0, "POST": 4.0}
MEASURE_SECONDS = 5.0

ServerFactory = Callable[[], AbstractContextManager[Target]]


@dataclass
class Rounds:
    """Successful requests/s per (server, method) and round, and every error counted."""

    rates: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    errors: dict[tuple[str, str], int] = field(default_factory=dict)
    requests: dict[tuple[str, str], int] = field(default_factory=dict)
    persisted: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, server: str, method: str, report: wrk.WrkReport) -> None:
        """Keep the rate of 2xx answers; add up the errors and requests."""
        key = (server, method)
        ok_rate = max(report.requests - report.errors, 0) / report.seconds
        self.rates.setdefault(key, []).append(ok_rate)
        self.errors[key] = self.errors.get(key, 0) + report.errors
        self.requests[key] = self.requests.get(key, 0) + report.requests

    def pairs(self, ours: str, peer: str, method: str) -> list[tuple[float, float]]:
        """(ours, peer) requests/s of each round."""
        return list(zip(self.rates[(ours, method)], self.rates[(peer, method)], strict=True))

    def errors_text(self, ours: str, peer: str, method: str) -> str:
        """Errors of both sides, for the note."""
        parts = [
            f"{name} {self.errors[(name, method)]} of {self.requests[(name, method)]:,}"
            for name in (ours, peer)
        ]
        text = "non-2xx or socket errors: " + ", ".join(parts)
        problems = [p for p in self.problems if f" {method}: " in p]
        return text + ("; ERRORS: " + " / ".join(problems) if problems else "")


def _load(target: Target, method: str, workdir: Path, seconds: float) -> wrk.WrkReport:
    headers = {"Authorization": target.authorization} if target.authorization else {}
    if method == "GET":
        url = f"{target.base_url}/payments/{target.payment_id}"
        return wrk.run(url, seconds=seconds, headers=headers)
    # A fresh key prefix per run: a key sent again would be an idempotent replay, not a create.
    prefix = uuid.uuid4().hex[:16]
    script = wrk.post_script(workdir, CREATE_BODY, target.authorization, prefix=prefix)
    return wrk.run(f"{target.base_url}/payments", seconds=seconds, script=script)


def _measure_server(
    target: Target, methods: tuple[str, ...], rounds: Rounds, workdir: Path, seconds: float
) -> None:
    for method in methods:
        _load(target, method, workdir, WARMUP_SECONDS[method])
        before = target.payment_count()
        report = _load(target, method, workdir, seconds)
        after = target.payment_count()
        rounds.add(target.name, method, report)
        if report.errors:
            rounds.problems.append(
                f"{target.name} {method}: {report.non_2xx} non-2xx and {report.socket_errors} "
                f"socket errors of {report.requests:,} requests; server {target.state()}"
            )
        if method == "POST" and before is not None and after is not None:
            # Counted answers may trail commits by the requests in flight when wrk stopped.
            created = after - before
            if created < report.requests - report.non_2xx:
                raise RuntimeError(
                    f"the sandbox answered {report.requests - report.non_2xx} creates but "
                    f"stored {created} payments"
                )
            rounds.persisted[target.name] = rounds.persisted.get(target.name, 0) + created


def measure_rounds(
    servers: dict[str, ServerFactory],
    methods: tuple[str, ...],
    rounds: int,
    seconds: float = MEASURE_SECONDS,
) -> Rounds:
    """``rounds`` rounds; each measures every server once, the order alternating by round."""
    wrk.require_wrk()
    measured = Rounds()
    names = list(servers)
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-wrk-") as tmp:
        for index in range(rounds):
            for name in names if index % 2 == 0 else reversed(names):
                with servers[name]() as target:
                    _measure_server(target, methods, measured, Path(tmp), seconds)
    return measured


def wrk_text(method: str, seconds: float, rounds: int) -> str:
    """How a row was measured, for its note."""
    return (
        f"wrk -t{wrk.THREADS} -c{wrk.CONNECTIONS} -d{seconds:g}s after a "
        f"{WARMUP_SECONDS[method]:g} s warm-up, {rounds} alternating rounds, one server running "
        "at a time; ratio = median of the per-round ratios"
    )
