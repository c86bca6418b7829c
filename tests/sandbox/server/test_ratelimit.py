"""Token bucket: burst, refill at the rate, headers, 429 with Retry-After, disabled mode."""

from __future__ import annotations

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.server.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def headers(pairs: list[tuple[bytes, bytes]]) -> dict[str, str]:
    return {name.decode(): value.decode() for name, value in pairs}


def test_burst_then_429_with_retry_after() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=2, burst=3, clock=clock)
    remaining = [headers(limiter.take("k"))["ratelimit-remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    with pytest.raises(ApiError) as caught:
        limiter.take("k")
    assert caught.value.status == 429
    assert caught.value.headers["Retry-After"] == "1"
    assert caught.value.headers["ratelimit-remaining"] == "0"


def test_tokens_refill_at_the_rate_up_to_the_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=10, burst=5, clock=clock)
    for _ in range(5):
        limiter.take("k")
    clock.now += 0.1
    assert headers(limiter.take("k"))["ratelimit-remaining"] == "0"
    clock.now += 100
    assert headers(limiter.take("k"))["ratelimit-remaining"] == "4"


def test_buckets_are_per_api_key() -> None:
    limiter = RateLimiter(rate=1, burst=1, clock=Clock())
    limiter.take("a")
    limiter.take("b")
    with pytest.raises(ApiError):
        limiter.take("a")


def test_reset_is_seconds_until_full() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=1, burst=4, clock=clock)
    assert headers(limiter.take("k")) == {
        "ratelimit-limit": "4",
        "ratelimit-remaining": "3",
        "ratelimit-reset": "1",
    }


def test_rate_zero_disables_limiting_but_keeps_headers() -> None:
    limiter = RateLimiter(rate=0, burst=2, clock=Clock())
    for _ in range(100):
        assert headers(limiter.take("k"))["ratelimit-limit"] == "2"
