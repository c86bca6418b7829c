"""How close the sandbox's GET comes to the limit of its stack: requests per second of the
sandbox vs a bare uvicorn + httptools ASGI app answering the same bytes (bench.bare_asgi), with
wrk, in alternating rounds (see :mod:`bench.throughput`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from bench.results import Comparison, table
from bench.servers import Target, bare_asgi, sandbox
from bench.throughput import MEASURE_SECONDS, measure_rounds, wrk_text

ROUNDS = 3
TARGET = 0.70


def _captured_answer() -> httpx.Response:
    """The sandbox's answer to GET /payments/{id}, as the bare app will send it."""
    with sandbox() as target:
        response = httpx.get(
            f"{target.base_url}/payments/{target.payment_id}",
            headers={"Authorization": target.authorization},
            timeout=10.0,
        )
    response.raise_for_status()
    return response


def measure(rounds: int = ROUNDS, seconds: float = MEASURE_SECONDS) -> list[Comparison]:
    """The GET comparison, from ``rounds`` alternating rounds."""
    answer = _captured_answer()

    @contextmanager
    def bare() -> Iterator[Target]:
        with bare_asgi(answer) as target:
            yield target

    measured = measure_rounds({"sandbox": sandbox, "bare ASGI": bare}, ("GET",), rounds, seconds)
    note = (
        f"{wrk_text('GET', seconds, rounds)}; the bare app answers the same status, headers and "
        f"{len(answer.content)} B body without reading the request; "
        f"{measured.errors_text('sandbox', 'bare ASGI', 'GET')}"
    )
    return [
        Comparison.from_rounds(
            what="GET /payments/{payment_id} throughput vs the same bytes from a bare ASGI app",
            unit="req/s",
            rounds=measured.pairs("sandbox", "bare ASGI", "GET"),
            peer_name="uvicorn + httptools, bare ASGI app",
            target=TARGET,
            higher_is_better=True,
            note=note,
        )
    ]


if __name__ == "__main__":
    print(table(measure()))
