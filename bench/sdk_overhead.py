"""Per-request wall time of ``LarkpayClient.payments.get`` vs a raw ``httpx.Client`` GET.

Counted: HTTP requests, ``GET /payments/{id}``, sent one after the other over one reused
connection per client with the same Basic auth to the same local server. Both end with the
parsed body (the SDK: a typed ``Payment``; raw httpx: ``response.json()["data"]`` after a
status check). The SDK runs as users run it by default: retries on, logging off (the
``larkpay`` logger not enabled for INFO, which the benchmark checks).

The two alternate in rounds, one first and then the other, so drift of a shared machine hits
both: each round's ratio is the SDK's mean time per request over raw httpx's in the same
round; the figure is the median of those per-round ratios, and every round's ratio is listed.

Two servers: the sandbox (what users run against), and a static server answering the sandbox's
same JSON, where the server costs almost nothing and the client overhead shows the most.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
from larkpay import LarkpayClient

from bench.results import Comparison, table
from bench.servers import DEMO_KEY, DEMO_SECRET, sandbox
from bench.static_server import static_server

ROUNDS = 151
PER_ROUND = 40
WARMUP = 200
TARGET = 1.05


@dataclass
class Timings:
    """Per-round means of one client, in microseconds per request: wall and this process's CPU."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self, call: Callable[[], object], count: int) -> None:
        """Time ``count`` sequential calls and record the means."""
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            call()
        self.cpu.append((time.process_time() - cpu) / count * 1e6)
        self.wall.append((time.perf_counter() - wall) / count * 1e6)


@contextmanager
def _clients(base_url: str, authorization: str) -> Iterator[tuple[LarkpayClient, httpx.Client]]:
    sdk = LarkpayClient(DEMO_KEY, DEMO_SECRET, base_url=base_url)
    raw = httpx.Client(base_url=base_url, headers={"Authorization": authorization})
    try:
        yield sdk, raw
    finally:
        sdk.close()
        raw.close()


def compare(
    base_url: str, authorization: str, payment_id: str, rounds: int, per_round: int
) -> tuple[Timings, Timings]:
    """Per-round timings of the SDK and of raw httpx against ``base_url``."""
    with _clients(base_url, authorization) as (sdk, raw):

        def through_sdk() -> object:
            return sdk.payments.get(payment_id)

        def through_httpx() -> object:
            response = raw.get(f"/payments/{payment_id}")
            if response.status_code != 200:
                raise RuntimeError(f"raw GET answered {response.status_code}: {response.text}")
            return response.json()["data"]

        if sdk.payments.get(payment_id).id != through_httpx()["id"]:  # type: ignore[index]
            raise RuntimeError("the SDK and raw httpx read different payments")
        sdk_times, raw_times = Timings(), Timings()
        sdk_times.run(through_sdk, WARMUP)
        raw_times.run(through_httpx, WARMUP)
        sdk_times, raw_times = Timings(), Timings()
        for index in range(rounds):
            pair = [(through_sdk, sdk_times), (through_httpx, raw_times)]
            for call, times in pair if index % 2 == 0 else reversed(pair):
                times.run(call, per_round)
    return sdk_times, raw_times


def _row(server: str, sdk: Timings, raw: Timings, note: str) -> Comparison:
    sdk_cpu, raw_cpu = statistics.median(sdk.cpu), statistics.median(raw.cpu)
    return Comparison.from_rounds(
        what=f"SDK `payments.get` wall time per request, against {server}",
        unit="us",
        rounds=list(zip(sdk.wall, raw.wall, strict=True)),
        peer_name="raw httpx.Client",
        target=TARGET,
        higher_is_better=False,
        note=f"{note}; client CPU per request (median): SDK {sdk_cpu:.0f} us, raw httpx "
        f"{raw_cpu:.0f} us ({sdk_cpu / raw_cpu:.2f}x); ratio = median of {len(sdk.wall)} "
        f"per-round ratios",
    )


def measure(rounds: int = ROUNDS, per_round: int = PER_ROUND) -> list[Comparison]:
    """The SDK vs raw httpx against the sandbox, then against the static server."""
    if logging.getLogger("larkpay").isEnabledFor(logging.INFO):
        raise RuntimeError("the larkpay logger is enabled (LARKPAY_LOG?): measure with logs off")
    note = (
        f"{rounds} alternating rounds of {per_round} sequential HTTP requests per client, "
        f"after {WARMUP} warm-up requests each; one keep-alive connection per client; "
        f"SDK logging off"
    )
    with sandbox() as target:
        body = httpx.get(
            f"{target.base_url}/payments/{target.payment_id}",
            headers={"Authorization": target.authorization},
        ).content
        args = (target.authorization, target.payment_id, rounds, per_round)
        rows = [_row("the sandbox", *compare(target.base_url, *args), note)]
    with static_server(body) as url:
        static_note = note + "; the server answers the sandbox's same JSON at almost no cost"
        rows.append(_row("a static local server", *compare(url, *args), static_note))
    return rows


if __name__ == "__main__":
    rows = measure()
    print(table(rows))
    for row in rows:
        print(f"- {row.what}: {row.note}")
