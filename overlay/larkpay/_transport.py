"""RetryTransport: an httpx transport (sync and async) that adds idempotency keys and retries.

It wraps the transport of the generated client, so retries happen below the generated code:
one logical call is one ``handle_request``, which may make several attempts with the same
Idempotency-Key and a ``Larkpay-Retry-Count`` header on each.
"""

from __future__ import annotations

import asyncio
import logging
import random as _random
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import httpx

from ._retry import (
    DEFAULT_MAX_RETRIES,
    IDEMPOTENCY_KEYED_METHODS,
    RetryDecision,
    decide_after_exception,
    decide_after_response,
    error_code_of,
    is_idempotent,
    needs_error_code,
)

logger = logging.getLogger("larkpay")

RETRY_COUNT_HEADER = "Larkpay-Retry-Count"

_captured: ContextVar[list[httpx.Response] | None] = ContextVar("larkpay_captured", default=None)


@contextmanager
def capture_responses() -> Iterator[list[httpx.Response]]:
    """Collect the final response of every call made inside the block (in this context).

    The overlay needs the raw answer when the generated code fails to parse it.
    """
    box: list[httpx.Response] = []
    token = _captured.set(box)
    try:
        yield box
    finally:
        _captured.reset(token)


def _deliver(response: httpx.Response) -> httpx.Response:
    box = _captured.get()
    if box is not None:
        box.append(response)
    return response


@dataclass(frozen=True)
class RetryEvent:
    """What ``on_retry`` receives before each retry (the same facts as the INFO log line)."""

    retry_number: int
    reason: str
    delay: float
    request_id: str | None
    method: str
    url: str
    status_code: int | None


@dataclass(frozen=True)
class RetryPolicy:
    """Retry settings; ``deadline`` is an overall budget in seconds per logical call."""

    max_retries: int = DEFAULT_MAX_RETRIES
    deadline: float | None = None
    on_retry: Callable[[RetryEvent], None] | None = None
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    random: Callable[[], float] = field(default=_random.random, repr=False)


class _Call:
    """The retry state of one logical call: shared logic of the sync and async loops."""

    def __init__(self, policy: RetryPolicy, request: httpx.Request) -> None:
        self.policy = policy
        self.request = request
        self.retries_done = 0
        self.deadline: float | None = None
        self.base_timeout: dict[str, float | None] = {}
        if policy.deadline is not None:
            self.deadline = policy.clock() + policy.deadline
            self.base_timeout = dict(request.extensions.get("timeout") or {})
        if request.method in IDEMPOTENCY_KEYED_METHODS and "idempotency-key" not in request.headers:
            request.headers["Idempotency-Key"] = str(uuid.uuid4())

    def begin_attempt(self) -> None:
        self.request.headers[RETRY_COUNT_HEADER] = str(self.retries_done)
        if self.deadline is None:
            return
        remaining = self.deadline - self.policy.clock()
        if remaining <= 0:
            raise httpx.TimeoutException(
                f"the overall deadline of {self.policy.deadline:g}s is exhausted",
                request=self.request,
            )
        capped = {
            name: remaining if value is None else min(value, remaining)
            for name, value in self.base_timeout.items()
        }
        for name in ("connect", "read", "write", "pool"):
            capped.setdefault(name, remaining)
        self.request.extensions["timeout"] = capped

    def after_response(self, response: httpx.Response) -> RetryDecision:
        code = None
        if needs_error_code(response.status_code, response.headers):
            code = error_code_of(response.content)
        return decide_after_response(
            response.status_code,
            response.headers,
            code,
            retries_done=self.retries_done,
            max_retries=self.policy.max_retries,
            now=self.policy.clock(),
            deadline=self.deadline,
            random=self.policy.random,
        )

    def after_exception(self, exc: Exception) -> RetryDecision:
        return decide_after_exception(
            exc,
            idempotent=is_idempotent(self.request.method, self.request.headers),
            retries_done=self.retries_done,
            max_retries=self.policy.max_retries,
            now=self.policy.clock(),
            deadline=self.deadline,
            random=self.policy.random,
        )

    def announce(self, decision: RetryDecision, response: httpx.Response | None) -> None:
        self.retries_done += 1
        event = RetryEvent(
            retry_number=self.retries_done,
            reason=decision.reason,
            delay=decision.delay,
            request_id=response.headers.get("x-request-id") if response is not None else None,
            method=self.request.method,
            url=str(self.request.url.copy_with(query=None)),
            status_code=response.status_code if response is not None else None,
        )
        logger.info(
            "larkpay: retry %d of %d for %s %s in %.3fs: %s (request_id=%s)",
            event.retry_number,
            self.policy.max_retries,
            event.method,
            event.url,
            event.delay,
            event.reason,
            event.request_id,
        )
        if self.policy.on_retry is not None:
            self.policy.on_retry(event)


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Retries connection failures and retryable answers around an inner transport.

    One instance serves both ``httpx.Client`` and ``httpx.AsyncClient``: the generated client
    passes the same ``httpx_args["transport"]`` to both.
    """

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        owns_inner: bool = True,
    ) -> None:
        self.policy = policy or RetryPolicy()
        # Created up front (no sockets yet): lazily, two threads could race to create two pools.
        self._transport = transport if transport is not None else httpx.HTTPTransport()
        self._async_transport = (
            async_transport if async_transport is not None else httpx.AsyncHTTPTransport()
        )
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._owns_inner = owns_inner

    def __repr__(self) -> str:
        return f"RetryTransport(max_retries={self.policy.max_retries})"

    def with_policy(self, policy: RetryPolicy) -> RetryTransport:
        """A transport with another policy that shares this one's connection pools."""
        return RetryTransport(
            policy,
            transport=self._transport,
            async_transport=self._async_transport,
            sleep=self._sleep,
            async_sleep=self._async_sleep,
            owns_inner=False,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self.policy, request)
        inner = self._transport
        while True:
            call.begin_attempt()
            response: httpx.Response | None = None
            try:
                response = inner.handle_request(request)
            except httpx.TransportError as exc:
                decision = call.after_exception(exc)
                if not decision.retry:
                    raise
            else:
                if needs_error_code(response.status_code, response.headers):
                    response.read()
                decision = call.after_response(response)
                if not decision.retry:
                    return _deliver(response)
                response.close()
            call.announce(decision, response)
            self._sleep(decision.delay)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self.policy, request)
        inner = self._async_transport
        while True:
            call.begin_attempt()
            response: httpx.Response | None = None
            try:
                response = await inner.handle_async_request(request)
            except httpx.TransportError as exc:
                decision = call.after_exception(exc)
                if not decision.retry:
                    raise
            else:
                if needs_error_code(response.status_code, response.headers):
                    await response.aread()
                decision = call.after_response(response)
                if not decision.retry:
                    return _deliver(response)
                await response.aclose()
            call.announce(decision, response)
            await self._async_sleep(decision.delay)

    def close(self) -> None:
        if self._owns_inner:
            self._transport.close()

    async def aclose(self) -> None:
        if self._owns_inner:
            await self._async_transport.aclose()
