"""Webhook dispatcher: delivers webhook_outbox rows, signed, with retries, surviving restarts.

An event and its outbox rows are committed in the same transaction as the change that caused
them; the dispatcher claims due rows up to ``settings.delivery_concurrency`` at a time, POSTs
each event body to its endpoint with Standard Webhooks headers signed by every active secret,
and records every attempt in webhook_deliveries. Each recorded attempt also updates the
endpoint's health (410 Gone, or failing for the failing period, disables it).

It never polls: between passes it sleeps on ``outbox.due`` until the earliest retry time of a
row not in flight, or, with none, until woken. Every way a row becomes due ends that sleep:
a committed event, a redelivery or a replay sets ``outbox.due`` after the commit
(``Outbox.queue_deliveries``, ``Outbox.queue_for_endpoint``); a retry's time ends it as its
timeout; a finished attempt sets it (a slot is free, its retry is scheduled); the end of a test
clock advance sets it (the clock moved, so every due time is looked at again). Rows left
pending by a crash are due at the next start's first pass, so delivery is at least once.
Re-enabling an endpoint queues nothing (disabling canceled its rows), so it needs no wake.

While the test clock advances, the dispatcher is :meth:`Dispatcher.paused` and the advance makes
each due attempt itself with :meth:`Dispatcher.attempt_at`, so no attempt is made twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.wakeup import FAULT_RETRY_SECONDS, work_when_due
from larkpay_sandbox.storage.endpoints import after_attempt
from larkpay_sandbox.storage.outbox import AttemptContext, AttemptResult, Outbox, OutboxRow
from larkpay_sandbox.webhooks.egress import delivery_refusal
from larkpay_sandbox.webhooks.schedule import next_attempt_at
from larkpay_sandbox.webhooks.sender import HttpSender, Sender
from larkpay_sandbox.webhooks.signing import delivery_headers

logger = logging.getLogger("larkpay_sandbox.workers.dispatcher")


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
    @property
    def failing_endpoint_period(self) -> float: ...


@dataclass(frozen=True)
class Attempted:
    """What became of one due outbox row: the attempt made (``attempt`` is its recorded number,
    ``disabled`` the reason if it disabled the endpoint), or why none was made (``gave_up``)."""

    row: OutboxRow
    at: float
    attempt: int | None = None
    status_code: int | None = None
    error: str | None = None
    succeeded: bool = False
    disabled: str | None = None
    gave_up: str | None = None


class Dispatcher:
    """Delivers the pending rows of ``outbox`` until stopped.

    ``sender`` sends over the network (:class:`HttpSender`) unless a test gives another one.
    """

    def __init__(
        self,
        outbox: Outbox,
        settings: DeliverySettings,
        clock: Clock,
        *,
        sender: Sender | None = None,
    ) -> None:
        self._outbox = outbox
        self._schedule = tuple(settings.retry_schedule)
        self._timeout = float(settings.delivery_timeout)
        self._concurrency = max(1, int(settings.delivery_concurrency))
        self._allow_external = bool(settings.allow_external_webhooks)
        self._failing_period = float(settings.failing_endpoint_period)
        self._clock = clock
        self._given_sender = sender
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._sender: Sender | None = None
        self._task: asyncio.Task[None] | None = None
        self._paused = 0

    @property
    def shortest_retry_delay(self) -> float:
        """The least time between two attempts of one row (0 without a schedule)."""
        return min(self._schedule, default=0.0)

    @property
    def concurrency(self) -> int:
        """How many attempts may be in flight at once."""
        return self._concurrency

    async def start(self) -> None:
        """Start delivering; rows left pending by an earlier run are picked up at once."""
        if self._task is not None:
            raise RuntimeError("Dispatcher.start() called twice; call stop() first")
        self._sender = self._given_sender or HttpSender(self._timeout, self._concurrency * 2)
        self._task = asyncio.create_task(
            work_when_due(self._outbox.due, self._clock, self._claim_and_launch, "dispatcher"),
            name="webhook-dispatcher",
        )

    async def stop(self) -> None:
        """Stop claiming rows, let in-flight attempts finish and record (bounded by the
        delivery timeout), then close the connections."""
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
        if self._sender is not None:
            await self._sender.close()
            self._sender = None

    @contextlib.asynccontextmanager
    async def paused(self) -> AsyncIterator[None]:
        """Claim no rows inside the block; it starts once the attempts in flight have finished."""
        self._paused += 1
        try:
            in_flight = list(self._in_flight.values())
            if in_flight:
                await asyncio.wait(in_flight)
            yield
        finally:
            self._paused -= 1
            self._outbox.due.set()

    async def attempt_at(self, row: OutboxRow, at: float) -> Attempted:
        """Make the attempt of ``row`` due at sandbox time ``at`` (the test clock's step): signed
        and recorded at ``at``, its retry due after ``at``. Unexpected errors propagate."""
        if self._sender is None:
            raise RuntimeError("the dispatcher is not running; start() it first")
        return await self._deliver(row, at)

    def _claim_and_launch(self) -> float | None:
        """Start attempts for due rows; return when the next row not in flight is due (None:
        only a wake brings more work)."""
        if self._paused:  # the end of the pause sets ``due``
            return None
        free = self._concurrency - len(self._in_flight)
        for row in self._outbox.due_rows(free, self._in_flight.keys()):
            task = asyncio.create_task(self._attempt(row), name=f"webhook-{row.id}")
            self._in_flight[row.id] = task
            task.add_done_callback(functools.partial(self._finished, row.id))
        if len(self._in_flight) >= self._concurrency:
            return None  # a finishing attempt sets ``due``
        return self._outbox.next_due_time(self._in_flight.keys())

    def _finished(self, row_id: int, _task: asyncio.Task[None]) -> None:
        self._in_flight.pop(row_id, None)
        self._outbox.due.set()

    async def _attempt(self, row: OutboxRow) -> None:
        try:
            await self._deliver(row, None)
        except Exception:
            # The row stays pending with its old attempt count, so it is tried again later;
            # holding the slot a moment keeps a persistent fault from becoming a hot loop.
            logger.exception("webhook delivery of outbox row %s failed unexpectedly", row.id)
            await asyncio.sleep(FAULT_RETRY_SECONDS)

    async def _deliver(self, row: OutboxRow, at: float | None) -> Attempted:
        context = self._outbox.attempt_context(row, at)
        if isinstance(context, str):
            logger.warning("webhook outbox row %s given up: %s", row.id, context)
            self._outbox.give_up(row)
            return Attempted(row, self._clock.time() if at is None else at, gave_up=context)
        result = await self._post(row, context, at)
        attempted_at = result.attempted_at.timestamp()
        # The next attempt is due its delay after this one started, in real time as on the
        # test clock, so the retries' webhook-timestamps keep the schedule's gaps exactly.
        retry_at = None
        if not result.succeeded and result.status_code != 410:
            retry_at = next_attempt_at(row.attempts + 1, self._schedule, attempted_at)
        recorded = self._outbox.record_attempt(
            row,
            result,
            retry_at,
            after=lambda conn: after_attempt(
                conn,
                self._outbox,
                row.endpoint_id,
                at=attempted_at,
                status_code=result.status_code,
                succeeded=result.succeeded,
                failing_period=self._failing_period,
            ),
        )
        return Attempted(
            row,
            attempted_at,
            attempt=recorded.attempt,
            status_code=result.status_code,
            error=result.error,
            succeeded=result.succeeded,
            disabled=recorded.after,
        )

    async def _post(
        self, row: OutboxRow, context: AttemptContext, at: float | None
    ) -> AttemptResult:
        assert self._sender is not None, "start() creates the sender"
        attempted_at = self._clock.now() if at is None else datetime.fromtimestamp(at, UTC)
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
        except Exception as exc:  # no connection, a broken answer, a secret that is not base64
            error = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        latency_ms = (time.perf_counter() - started) * 1000.0
        if status is not None and not 100 <= status <= 599:
            error, status = f"invalid HTTP status {status} from the receiver", None
        succeeded = status is not None and 200 <= status < 300
        return AttemptResult(attempted_at, status, error, latency_ms, succeeded)

    async def _send(self, url: str, headers: dict[str, str], body: str) -> int:
        assert self._sender is not None, "start() creates the sender"
        return await self._sender.post(url, headers, body.encode())
