"""Forward one delivery to the handler: the exact body and the webhook headers, the handler's
answer (or why there was none) back, with the latency."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

FORWARDED_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature", "content-type")
TIMED_OUT = 504
"""What listen answers for a handler that did not answer in time."""
UNREACHABLE = 502
"""What listen answers for a handler it could not reach."""


@dataclass(frozen=True)
class Answer:
    """The handler's status (or the 502/504 listen answers instead), the time it took, and why
    there was no answer (None if there was one)."""

    status: int
    latency_ms: float
    error: str | None = None


class HandlerClient:
    """Posts deliveries to ``url``; an answer later than ``timeout`` seconds is a 504."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self._client = httpx.Client(timeout=timeout, trust_env=False, follow_redirects=False)

    def forward(self, body: bytes, headers: Mapping[str, str]) -> Answer:
        """POST ``body`` with the webhook headers of ``headers`` (any case)."""
        lowered = {name.lower(): value for name, value in headers.items()}
        sent = {name: lowered[name] for name in FORWARDED_HEADERS if name in lowered}
        started = time.perf_counter()
        try:
            response = self._client.post(self.url, content=body, headers=sent)
        except httpx.TimeoutException:
            return Answer(TIMED_OUT, _since(started), f"no answer within {self.timeout:g} s")
        except httpx.HTTPError as exc:
            return Answer(UNREACHABLE, _since(started), f"{type(exc).__name__}: {exc}")
        return Answer(response.status_code, _since(started))

    def close(self) -> None:
        """Close the connections to the handler."""
        self._client.close()


def _since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
