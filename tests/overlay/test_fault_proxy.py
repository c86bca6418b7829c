"""1,000 creates through a fault-injecting proxy leave exactly 1,000 payments, no duplicates.

Resets before and after the server commits, 503s and 429s are injected at random (seeded);
the SDK's retries with one Idempotency-Key per logical call must absorb all of them, and every
call must return (or raise a typed error) within its deadline.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from larkpay import AsyncLarkpayClient, LarkpayClient, LarkpayError, models
from larkpay_sandbox.testing import running_sandbox

from .faultproxy import fault_proxy

CREATES = 1000
WORKERS = 16
FAULT_RATE = 0.25
DEADLINE = 60.0
# A call fails only if 11 attempts in a row hit a fault (0.25**11 ~ 2e-7); the backoff of even
# 8 retries (about 32 s at most) stays inside the deadline.
MAX_RETRIES = 10


def _client_kwargs() -> dict[str, float | int]:
    return {"max_retries": MAX_RETRIES, "deadline": DEADLINE, "timeout": 10}


@pytest.mark.slow
def test_thousand_creates_through_faults_leave_exactly_thousand_payments() -> None:
    # No idempotency_key is passed: the SDK's own key, made once per call, must do the work.
    run = f"fault-{time.time_ns()}"
    with (
        running_sandbox(rate_limit=0) as sandbox,
        fault_proxy(sandbox.port, fault_rate=FAULT_RATE, seed=20261127) as proxy,
    ):
        proxy_url = f"http://127.0.0.1:{proxy.port}/v2"
        faulty = LarkpayClient(
            sandbox.api_key, sandbox.api_secret, base_url=proxy_url, **_client_kwargs()
        )
        durations: list[float] = []
        errors: list[BaseException] = []

        def create(index: int) -> str | None:
            started = time.monotonic()
            try:
                return faulty.payments.create(
                    amount=100 + index, currency=models.Currency.USD,
                    source="test_success", description=f"{run}-{index}",
                ).id  # fmt: skip
            except BaseException as exc:  # every failure is recorded, typed or not
                errors.append(exc)
                return None
            finally:
                durations.append(time.monotonic() - started)

        started = time.monotonic()
        with ThreadPoolExecutor(WORKERS) as pool:
            ids = list(pool.map(create, range(CREATES)))
        elapsed = time.monotonic() - started
        faulty.close()

        with LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url) as c:
            listed = list(c.payments.list_all(limit=100))
    mine = [p for p in listed if isinstance(p.description, str) and p.description.startswith(run)]

    print(f"faults {dict(proxy.counts)}; errors {errors!r}; {elapsed:.1f}s; "
          f"slowest call {max(durations):.2f}s")  # fmt: skip
    assert all(isinstance(error, LarkpayError) for error in errors), errors
    assert errors == []
    assert len(set(ids)) == CREATES
    assert len(mine) == CREATES
    assert Counter(p.description for p in mine).most_common(1)[0][1] == 1
    assert {p.id for p in mine} == set(ids)
    assert max(durations) <= DEADLINE + 1.0
    for fault in ("reset_before", "drop_after", "unavailable", "rate_limited"):
        assert proxy.counts[fault] > 20, proxy.counts
    assert elapsed < 90, f"took {elapsed:.1f}s; faults {dict(proxy.counts)}"


@pytest.mark.slow
def test_async_client_survives_the_same_faults() -> None:
    run = f"afault-{time.time_ns()}"
    count = 200

    async def scenario(base_url: str, key: str, secret: str) -> list[str]:
        gate = asyncio.Semaphore(WORKERS)
        async with AsyncLarkpayClient(key, secret, base_url=base_url, **_client_kwargs()) as faulty:

            async def create(index: int) -> str:
                async with gate:
                    payment = await faulty.payments.create(
                        amount=100 + index, currency="USD", source="test_success",
                        description=f"{run}-{index}",
                    )  # fmt: skip
                    return payment.id

            return list(await asyncio.gather(*(create(i) for i in range(count))))

    with (
        running_sandbox(rate_limit=0) as sandbox,
        fault_proxy(sandbox.port, fault_rate=FAULT_RATE, seed=7) as proxy,
    ):
        started = time.monotonic()
        ids = asyncio.run(
            scenario(f"http://127.0.0.1:{proxy.port}/v2", sandbox.api_key, sandbox.api_secret)
        )
        elapsed = time.monotonic() - started
        with LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url) as c:
            listed = list(c.payments.list_all(limit=100))
    mine = [p for p in listed if isinstance(p.description, str) and p.description.startswith(run)]
    assert len(set(ids)) == count
    assert len(mine) == count
    assert {p.id for p in mine} == set(ids)
    assert sum(proxy.counts[fault] for fault in ("reset_before", "drop_after")) > 10
    assert elapsed < 60
