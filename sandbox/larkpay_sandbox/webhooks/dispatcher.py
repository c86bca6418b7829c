"""Webhook dispatcher: delivers webhook_outbox rows, signed, with retries, surviving restarts.

An event and its outbox rows are committed in the same transaction as the change that caused
them, which then sets ``outbox.due``; the dispatcher wakes on it (and looks again at least every
0.5 s), claims due rows up to ``settings.delivery_concurrency`` at a time, POSTs each event body
to its endpoint with Standard Webhooks headers signed by every active secret, and records every
attempt in webhook_deliveries. Rows left pending by a crash are simply due again at the next
start, so delivery is at least once.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from typing import Protocol

import httpx

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.storage.outbox import AttemptContext, AttemptResult, Outbox, OutboxRow
from larkpay_sandbox.webhooks.egress import delivery_refusal
from larkpay_sandbox.webhooks.schedule import next_attempt_at
from larkpay_sandbox.webhooks.signing import delivery_headers

logger = logging.getLogger("larkpay_sandbox.webhooks.dispatcher")

POLL_INTERVAL = 0.5
_MAX_RESPONSE_BYTES = 64 * 1024


class DeliverySettings(Protocol):
    """The settings fields the dispatcher reads."""

    @property
    def retry_schedule(self) -> tuple[float, ...]: ...
    @property
    def delivery_timeout(self) -> float: ...
    @property
    def delivery_concurrency(self) -> int: ...
    @property
    def allow_external_webhooks(self) -> bool: ...


class Dispatcher:
    """Delivers the pending rows of ``outbox`` until stopped.

    ``transport`` is httpx's default network transport unless a test gives another one.
    """

    def __init__(
        self,
        outbox: Outbox,
        settings: DeliverySettings,
        clock: Clock,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._outbox = outbox
        self._schedule = tuple(settings.retry_schedule)
        self._timeout = float(settings.delivery_timeout)
        self._concurrency = max(1, int(settings.delivery_concurrency))
        self._allow_external = bool(settings.allow_external_webhooks)
        self._clock = clock
        self._transport = transport
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._client: httpx.AsyncClient | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    async def start(self) -> None:
        """Start delivering; rows left pending by an earlier run are picked up at once."""
        if self._task is not None:
            raise RuntimeError("Dispatcher.start() called twice; call stop() first")
        self._stopping = False
        self._client = httpx.AsyncClient(
            transport=self._transport,
            timeout=httpx.Timeout(self._timeout),
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_connections=self._concurrency * 2),
            headers={"user-agent": "Larkpay-Sandbox-Webhooks/2"},
        )
        self._task = asyncio.create_task(self._run(), name="webhook-dispatcher")

    async def stop(self) -> None:
        """Stop claiming rows, let in-flight attempts finish and record (bounded by the
        delivery timeout), then close the HTTP client."""
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        pending = list(self._in_flight.values())
        if pending:
            _, late = await asyncio.wait(pending, timeout=self._timeout + 1.0)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _run(self) -> None:
        while not self._stopping:
            timeout = POLL_INTERVAL
            try:
                timeout = self._claim_and_launch()
            except Exception:
                logger.exception("webhook dispatcher: claiming due rows failed; retrying")
            await self._outbox.due.sleep(timeout)

    def _claim_and_launch(self) -> float:
        """Start attempts for due rows; return how long to sleep before looking again."""
        free = self._concurrency - len(self._in_flight)
        for row in self._outbox.due_rows(free, self._in_flight.keys()):
            task = asyncio.create_task(self._attempt(row), name=f"webhook-{row.id}")
            self._in_flight[row.id] = task
            task.add_done_callback(functools.partial(self._finished, row.id))
        if len(self._in_flight) >= self._concurrency:
            return POLL_INTERVAL  # a finishing attempt wakes the loop
        due = self._outbox.next_due_time(self._in_flight.keys())
        if due is None:
            return POLL_INTERVAL
        return min(POLL_INTERVAL, max(0.0, due - self._clock.time()))

    def _finished(self, row_id: int, _task: asyncio.Task[None]) -> None:
        self._in_flight.pop(row_id, None)
        self._outbox.due.set()

    async def _attempt(self, row: OutboxRow) -> None:
        try:
            context = self._outbox.attempt_context(row)
            if isinstance(context, str):
                logger.warning("webhook outbox row %s given up: %s", row.id, context)
                self._outbox.give_up(row)
                return
            result = await self._post(row, context)
            retry_at = None
            if not result.succeeded:
                retry_at = next_attempt_at(row.attempts + 1, self._schedule, self._clock.time())
            self._outbox.record_attempt(row, result, retry_at)
        except Exception:
            # The row stays pending with its old attempt count, so it is tried again later;
            # holding the slot a moment keeps a persistent fault from becoming a hot loop.
            logger.exception("webhook delivery of outbox row %s failed unexpectedly", row.id)
            await asyncio.sleep(POLL_INTERVAL)

    async def _post(self, row: OutboxRow, context: AttemptContext) -> AttemptResult:
        assert self._client is not None, "start() creates the client"
        attempted_at = self._clock.now()
        started = time.perf_counter()
        status: int | None = None
        error: str | None = None
        refusal = delivery_refusal(context.url, allow_external=self._allow_external)
        try:
            if refusal is not None:
                error = refusal
            else:
                headers = delivery_headers(
                    row.event_id, attempted_at, context.body, context.secrets
                )
                async with asyncio.timeout(self._timeout):
                    status = await self._send(context.url, headers, context.body)
        except TimeoutError:
            error = f"timeout: no answer within {self._timeout:g} s"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        except Exception as exc:  # e.g. a secret that is not valid base64, an invalid URL
            error = f"{type(exc).__name__}: {exc}"
        latency_ms = (time.perf_counter() - started) * 1000.0
        if status is not None and not 100 <= status <= 599:
            error, status = f"invalid HTTP status {status} from the receiver", None
        succeeded = status is not None and 200 <= status < 300
        return AttemptResult(attempted_at, status, error, latency_ms, succeeded)

    async def _send(self, url: str, headers: dict[str, str], body: str) -> int:
        assert self._client is not None, "start() creates the client"
        async with self._client.stream(
            "POST", url, headers=headers, content=body.encode()
        ) as response:
            received = 0
            async for chunk in response.aiter_raw():
                received += len(chunk)
                if received > _MAX_RESPONSE_BYTES:
                    break
            return response.status_code
