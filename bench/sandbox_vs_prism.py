"""Requests per second of the sandbox vs ``prism mock`` on the same openapi.yaml.

Both serve ``GET /payments/{payment_id}`` and ``POST /payments`` with the Authorization header
and a valid JSON body; every sandbox POST carries a unique Idempotency-Key and is committed to a
real SQLite file with full request validation. One server runs at a time (the other stopped),
wrk warms it up (long enough for Prism's JIT), then measures; the rounds alternate which server
goes first and the best round of each counts, which keeps the noise of a shared machine from
deciding the ratio.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from bench import wrk
from bench.results import Comparison, table
from bench.servers import CREATE_BODY, Target, prism, sandbox

# Prism (Node) keeps getting faster for ~10 s of load while its JIT warms up; both servers get
# the same warm-up so neither is measured cold. POST runs after GET, on a warm server.
WARMUP_SECONDS = {"GET": 10.0, "POST": 4.0}
MEASURE_SECONDS = 5.0
ROUNDS = 3
TARGETS = {"GET": 3.0, "POST": 2.0}


@dataclass
class Best:
    """The best successful requests/s per server and method, and every error counted."""

    rate: dict[tuple[str, str], float] = field(default_factory=dict)
    rounds: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    errors: dict[tuple[str, str], int] = field(default_factory=dict)
    requests: dict[tuple[str, str], int] = field(default_factory=dict)
    persisted: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, server: str, method: str, report: wrk.WrkReport) -> None:
        """Keep the best rate of 2xx answers; add up the errors and requests of every run."""
        key = (server, method)
        # Errors answered fast are no win: only successful answers count towards the rate.
        ok_rate = max(report.requests - report.errors, 0) / report.seconds
        self.rate[key] = max(self.rate.get(key, 0.0), ok_rate)
        self.rounds.setdefault(key, []).append(ok_rate)
        self.errors[key] = self.errors.get(key, 0) + report.errors
        self.requests[key] = self.requests.get(key, 0) + report.requests


def _load(target: Target, method: str, workdir: Path, seconds: float) -> wrk.WrkReport:
    if method == "GET":
        url = f"{target.base_url}/payments/{target.payment_id}"
        return wrk.run(url, seconds=seconds, headers={"Authorization": target.authorization})
    # A fresh key prefix per run: a key sent again would be an idempotent replay, not a create.
    prefix = uuid.uuid4().hex[:16]
    script = wrk.post_script(workdir, CREATE_BODY, target.authorization, prefix=prefix)
    return wrk.run(f"{target.base_url}/payments", seconds=seconds, script=script)


def _measure_server(target: Target, best: Best, workdir: Path, seconds: float) -> None:
    for method in ("GET", "POST"):
        _load(target, method, workdir, WARMUP_SECONDS[method])
        before = target.payment_count()
        report = _load(target, method, workdir, seconds)
        after = target.payment_count()
        best.add(target.name, method, report)
        if report.errors:
            best.problems.append(
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
            best.persisted[target.name] = best.persisted.get(target.name, 0) + created


def _rounds(rates: list[float]) -> str:
    return "/".join(f"{rate:,.0f}" for rate in rates)


def measure(rounds: int = ROUNDS, seconds: float = MEASURE_SECONDS) -> list[Comparison]:
    """Both comparisons (GET and POST), from ``rounds`` alternating rounds."""
    wrk.require_wrk()
    servers: dict[str, Callable[[], AbstractContextManager[Target]]] = {
        "sandbox": sandbox,
        "prism": prism,
    }
    best = Best()
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-wrk-") as tmp:
        for index in range(rounds):
            order = ["prism", "sandbox"] if index % 2 == 0 else ["sandbox", "prism"]
            for name in order:
                with servers[name]() as target:
                    _measure_server(target, best, Path(tmp), seconds)
    rows = []
    for method, path in (("GET", "/payments/{payment_id}"), ("POST", "/payments")):
        ours, peer = ("sandbox", method), ("prism", method)
        note = (
            f"wrk -t{wrk.THREADS} -c{wrk.CONNECTIONS} -d{seconds:g}s after a "
            f"{WARMUP_SECONDS[method]:g} s warm-up, best of {rounds} alternating rounds, one "
            f"server running at a time; non-2xx or socket errors: sandbox {best.errors[ours]} of "
            f"{best.requests[ours]:,}, prism {best.errors[peer]} of {best.requests[peer]:,}; "
            f"req/s per round: sandbox {_rounds(best.rounds[ours])}, "
            f"prism {_rounds(best.rounds[peer])}"
        )
        problems = [text for text in best.problems if f" {method}: " in text]
        if problems:
            note += "; ERRORS: " + " / ".join(problems)
        if method == "POST":
            note += (
                f"; sandbox payments committed to SQLite during the measured runs: "
                f"{best.persisted.get('sandbox', 0):,}"
            )
        rows.append(
            Comparison(
                what=f"{method} {path} throughput (2xx answers)",
                unit="req/s",
                ours=best.rate[ours],
                peer=best.rate[peer],
                peer_name="prism mock",
                target=TARGETS[method],
                higher_is_better=True,
                note=note,
            )
        )
    return rows


if __name__ == "__main__":
    print(table(measure()))
