"""Requests per second of the sandbox vs ``prism mock -v silent`` on the same openapi.yaml.

Both serve ``GET /payments/{payment_id}`` and ``POST /payments`` with the Authorization header
and a valid JSON body; every sandbox POST carries a unique Idempotency-Key and is committed to a
real SQLite file with full request validation. See :mod:`bench.throughput` for the rounds.
"""

from __future__ import annotations

from bench.results import Comparison, table
from bench.servers import prism, sandbox
from bench.throughput import MEASURE_SECONDS, measure_rounds, wrk_text

ROUNDS = 3
TARGETS = {"GET": 8.0, "POST": 4.0}


def measure(rounds: int = ROUNDS, seconds: float = MEASURE_SECONDS) -> list[Comparison]:
    """Both comparisons (GET and POST), from ``rounds`` alternating rounds."""
    measured = measure_rounds(
        {"sandbox": sandbox, "prism": prism}, ("GET", "POST"), rounds, seconds
    )
    rows = []
    for method, path in (("GET", "/payments/{payment_id}"), ("POST", "/payments")):
        errors = measured.errors_text("sandbox", "prism", method)
        note = f"{wrk_text(method, seconds, rounds)}; {errors}"
        if method == "POST":
            note += (
                f"; sandbox payments committed to SQLite during the measured runs: "
                f"{measured.persisted.get('sandbox', 0):,}"
            )
        rows.append(
            Comparison.from_rounds(
                what=f"{method} {path} throughput (2xx answers)",
                unit="req/s",
                rounds=measured.pairs("sandbox", "prism", method),
                peer_name="prism mock -v silent",
                target=TARGETS[method],
                higher_is_better=True,
                note=note,
            )
        )
    return rows


if __name__ == "__main__":
    print(table(measure()))
