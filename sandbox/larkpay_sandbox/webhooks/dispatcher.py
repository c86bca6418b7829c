"""Webhook dispatcher: delivers webhook_outbox rows, signed, with retries, surviving restarts.

The store commits an event and its outbox rows in the same transaction as the change that caused
them and then sets ``store.outbox_signal``; the dispatcher wakes on that signal (and polls every
0.5 s as a fallback), claims due rows up to ``settings.delivery_concurrency`` at a time, POSTs
each event body to its endpoint with Standard Webhooks headers signed by every active secret,
and records every attempt in webhook_deliveries. Rows left pending by a crash are simply due
again at the next start, so delivery is at least once.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

import httpx

from larkpay_sandbox.storage import outbox
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import AttemptContext, AttemptResult, OutboxRow
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
    """Delivers pending webhook_outbox rows of ``store`` until stopped.

    ``clock`` (unix seconds) and ``transport`` are injectable for tests; production uses
    ``time.time`` and httpx's default network transport.
    """

    def __init__(
        self,
        store: Store,
        settings: DeliverySettings,
        *,
        clock: Callable[[], float] = time.time,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._store = store
        self._schedule = tuple(settings.retry_schedule)
        self._timeout = float(settings.delivery_timeout)
        self._concurrency = max(1, int(settings.delivery_concurrency))
        self._allow_external = bool(settings.allow_external_webhooks)
        self._clock = clock
        self._transport = transport
        self._wake = asyncio.Event()
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._client: httpx.AsyncClient | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    @property
    def in_flight(self) -> int:
        """How many attempts are running now."""
        return len(self._in_flight)

    def wake(self) -> None:
        """Look for due rows now (call after committing outbox rows, from the loop thread)."""
        self._wake.set()

    async def start(self) -> None:
        """Start delivering; rows left pending by an earlier run are picked up at once."""
        if self._tasks:
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
        self._tasks = [asyncio.create_task(self._run(), name="webhook-dispatcher")]
        signal = self._store.outbox_signal
        self._tasks.append(asyncio.create_task(self._relay(signal), name="webhook-signal"))
        self._wake.set()

    async def stop(self) -> None:
        """Stop claiming rows, let in-flight attempts finish and record (bounded by the
        delivery timeout), then close the HTTP client."""
        self._stopping = True
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
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

    def _conn(self) -> sqlite3.Connection:
        return self._store.connection

    async def _relay(self, signal: asyncio.Event) -> None:
        while True:
            await signal.wait()
            signal.clear()
            self._wake.set()

    async def _run(self) -> None:
        while not self._stopping:
            timeout = POLL_INTERVAL
            try:
                timeout = self._claim_and_launch()
            except Exception:
                logger.exception("webhook dispatcher: claiming due rows failed; retrying")
            self._wake.clear()
            if timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout)

    def _claim_and_launch(self) -> float:
        """Start attempts for due rows; return how long to sleep before looking again."""
        conn = self._conn()
        free = self._concurrency - len(self._in_flight)
        for row in outbox.due_rows(conn, self._clock(), free, self._in_flight.keys()):
            task = asyncio.create_task(self._attempt(row), name=f"webhook-{row.id}")
            self._in_flight[row.id] = task
            task.add_done_callback(functools.partial(self._finished, row.id))
        if len(self._in_flight) >= self._concurrency:
            return POLL_INTERVAL  # a finishing attempt wakes the loop
        due = outbox.next_due_time(conn, self._in_flight.keys())
        if due is None:
            return POLL_INTERVAL
        return min(POLL_INTERVAL, max(0.0, due - self._clock()))

    def _finished(self, row_id: int, _task: asyncio.Task[None]) -> None:
        self._in_flight.pop(row_id, None)
        self._wake.set()

    async def _attempt(self, row: OutboxRow) -> None:
        try:
            context = outbox.attempt_context(self._conn(), row, datetime.now(UTC))
            if isinstance(context, str):
                logger.warning("webhook outbox row %s given up: %s", row.id, context)
                with self._store.transaction() as conn:
                    outbox.give_up(conn, row)
                return
            result = await self._post(row, context)
            retry_at = None
            if not result.succeeded:
                retry_at = next_attempt_at(row.attempts + 1, self._schedule, self._clock())
            with self._store.transaction() as conn:
                outbox.record_attempt(conn, row, result, retry_at)
        except Exception:
            # The row stays pending with its old attempt count, so it is tried again later;
            # holding the slot a moment keeps a persistent fault from becoming a hot loop.
            logger.exception("webhook delivery of outbox row %s failed unexpectedly", row.id)
            await asyncio.sleep(POLL_INTERVAL)

    async def _post(self, row: OutboxRow, context: AttemptContext) -> AttemptResult:
        assert self._client is not None, "start() creates the client"
        attempted_at = datetime.now(UTC)
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
