"""In-memory token bucket per API key, and the RateLimit-* headers it implies."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from larkpay_sandbox.core.api_error import ApiError


class RateLimiter:
    """``rate`` tokens per second up to ``burst``; a rate of 0 disables limiting."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        # RateLimit-Limit is the bucket size (the spec's definition), so Remaining <= Limit.
        self._limit = str(self.burst).encode()

    def take(self, api_key: str) -> list[tuple[bytes, bytes]]:
        """Spend one token; return the RateLimit headers, or raise 429 RATE_LIMITED."""
        if self.rate <= 0:
            return self._headers(self.burst, 0)
        now = self.clock()
        tokens, last = self._buckets.get(api_key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[api_key] = (tokens, now)
            retry_after = max(1, math.ceil((1.0 - tokens) / self.rate))
            raise rate_limited(retry_after, self._headers(0, self._reset(tokens)))
        tokens -= 1.0
        self._buckets[api_key] = (tokens, now)
        return self._headers(int(tokens), self._reset(tokens))

    def _reset(self, tokens: float) -> int:
        return max(0, math.ceil((self.burst - tokens) / self.rate))

    def _headers(self, remaining: int, reset: int) -> list[tuple[bytes, bytes]]:
        return [
            (b"ratelimit-limit", self._limit),
            (b"ratelimit-remaining", str(remaining).encode()),
            (b"ratelimit-reset", str(reset).encode()),
        ]


def rate_limited(retry_after: int, headers: list[tuple[bytes, bytes]]) -> ApiError:
    """The 429 error with Retry-After and the RateLimit headers."""
    all_headers = {name.decode(): value.decode() for name, value in headers}
    all_headers["Retry-After"] = str(retry_after)
    return ApiError(
        "RATE_LIMITED",
        f"Too many requests for this API key. Wait {retry_after} s (Retry-After) and retry.",
        headers=all_headers,
    )
