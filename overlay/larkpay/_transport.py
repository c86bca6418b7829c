"""RetryTransport: an httpx transport (sync and async) that adds idempotency keys and retries.

It wraps the transport of the generated client, so retries happen below the generated code:
one logical call is one ``handle_request``, which may make several attempts with the same
Idempotency-Key. A retry says which it is in a ``Larkpay-Retry-Count`` header; the first
attempt carries none (one header less to build, send and parse on every call). Each attempt
is logged (see ``_logs``) when the ``larkpay`` logger is enabled for INFO; otherwise logging
costs one ``isEnabledFor`` check per attempt.
"""

from __future__ import annotations

import asyncio
import logging
import random as _random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from ._connections import InnerTransports
from ._deadline import DeadlineStream
from ._headers import RETRY_COUNT, request_id_of
from ._logs import AttemptLog, logger
from ._retry import (
    DEFAULT_MAX_RETRIES,
    IDEMPOTENCY_KEYED_METHODS,
    RetryDecision,
    decide_after_exception,
    decide_after_response,
    error_code_of,
    is_idempotent,
    may_retry_status,
    needs_error_code,
)

_FINAL = RetryDecision(retry=False, delay=0.0, reason="")


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
    wall_clock: Callable[[], float] = field(default=time.time, repr=False)
    random: Callable[[], float] = field(default=_random.random, repr=False)


class _Call:
    """The retry state of one logical call: shared logic of the sync and async loops."""

    __slots__ = ("base_timeout", "deadline", "policy", "request", "retries_done")

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

    def begin_attempt(self) -> AttemptLog | None:
        """Number the attempt and cap its timeouts; its log, if the INFO level is enabled."""
        if self.retries_done:
            self.request.headers[RETRY_COUNT] = str(self.retries_done)
        if self.deadline is not None:
            self._cap_timeouts(self.deadline)
        if not logger.isEnabledFor(logging.INFO):
            return None
        return AttemptLog(self.request, self.retries_done + 1, self.policy.max_retries + 1)

    def _cap_timeouts(self, deadline: float) -> None:
        remaining = deadline - self.policy.clock()
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

    def bounded(self, response: httpx.Response) -> httpx.Response:
        """``response`` with its body reading bounded by the deadline, if the call has one."""
        if self.deadline is not None and self.policy.deadline is not None:
            response.stream = DeadlineStream(
                response.stream,
                deadline=self.deadline,
                budget=self.policy.deadline,
                clock=self.policy.clock,
                request=self.request,
            )
        return response

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
            wall_now=self.policy.wall_clock(),
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
        """Count the retry about to happen and tell ``on_retry``."""
        self.retries_done += 1
        if self.policy.on_retry is None:
            return
        self.policy.on_retry(
            RetryEvent(
                retry_number=self.retries_done,
                reason=decision.reason,
                delay=decision.delay,
                request_id=request_id_of(response.headers) if response is not None else None,
                method=self.request.method,
                url=str(self.request.url.copy_with(query=None)),
                status_code=response.status_code if response is not None else None,
            )
        )


def _log(
    log: AttemptLog | None, decision: RetryDecision, outcome: httpx.Response | Exception
) -> None:
    if log is None:
        return
    retry_in = decision.delay if decision.retry else None
    if isinstance(outcome, httpx.Response):
        log.answered(outcome, retry_in, decision.reason)
    else:
        log.failed(outcome, retry_in, decision.reason)


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Retries connection failures and retryable answers around an inner transport.

    One instance serves both ``httpx.Client`` and ``httpx.AsyncClient``: the generated client
    passes the same ``httpx_args["transport"]`` to both. Without ``transport`` or
    ``async_transport``, the default httpx transport of that kind is created on first use.
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
        self._inner = InnerTransports(transport, async_transport)
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._owns_inner = owns_inner

    def __repr__(self) -> str:
        return f"RetryTransport(max_retries={self.policy.max_retries})"

    def with_policy(self, policy: RetryPolicy) -> RetryTransport:
        """A transport with another policy that shares this one's connection pools."""
        derived = RetryTransport(
            policy, sleep=self._sleep, async_sleep=self._async_sleep, owns_inner=False
        )
        derived._inner = self._inner
        return derived

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self.policy, request)
        inner = self._inner.sync()
        while True:
            log = call.begin_attempt()
            response: httpx.Response | None = None
            try:
                response = inner.handle_request(request)
            except httpx.TransportError as exc:
                decision = call.after_exception(exc)
                _log(log, decision, exc)
                if not decision.retry:
                    raise
            else:
                decision = _FINAL
                if may_retry_status(response.status_code):
                    if needs_error_code(response.status_code, response.headers):
                        response.read()
                    decision = call.after_response(response)
                if not decision.retry:
                    response = call.bounded(response)
                if log is not None and log.debug:
                    response.read()
                _log(log, decision, response)
                if not decision.retry:
                    return response
                response.close()
            call.announce(decision, response)
            self._sleep(decision.delay)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self.policy, request)
        inner = self._inner.asynchronous()
        while True:
            log = call.begin_attempt()
            response: httpx.Response | None = None
            try:
                response = await inner.handle_async_request(request)
            except httpx.TransportError as exc:
                decision = call.after_exception(exc)
                _log(log, decision, exc)
                if not decision.retry:
                    raise
            else:
                decision = _FINAL
                if may_retry_status(response.status_code):
                    if needs_error_code(response.status_code, response.headers):
                        await response.aread()
                    decision = call.after_response(response)
                if not decision.retry:
                    response = call.bounded(response)
                if log is not None and log.debug:
                    await response.aread()
                _log(log, decision, response)
                if not decision.retry:
                    return response
                await response.aclose()
            call.announce(decision, response)
            await self._async_sleep(decision.delay)

    def close(self) -> None:
        if self._owns_inner:
            self._inner.close()

    async def aclose(self) -> None:
        if self._owns_inner:
            await self._inner.aclose()
