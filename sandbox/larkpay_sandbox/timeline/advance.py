"""The test clock: advancing the sandbox's time runs everything that came due, in due order.

:meth:`Timeline.advance` is the one owner of due work while it runs: the settler and the
dispatcher are paused (the dispatcher's attempts in flight finish first), so nothing runs twice.
It then repeats: take the item due first (a settlement, a delivery attempt, a secret's or an
idempotency reply's expiry), pin the clock at its due time (never back: an overdue item runs at
the current time) and run it, until nothing is due by the target time. Then the clock runs on
from the target.

Delivery attempts really go out over HTTP, signed and recorded at their due time, and their
outcome schedules the next attempt. As in real time, up to the dispatcher's concurrency of them
overlap; but an item starts only once every attempt that could still put an earlier retry
before it has finished (an attempt's retry comes at least the shortest retry delay after it),
so the attempts of one delivery, and everything else, run in due order.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.clock import Clock, format_timestamp
from larkpay_sandbox.core.steps import Advance, Step
from larkpay_sandbox.storage.clock_state import save_offset
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.due import SECRET_EXPIRY, SETTLEMENT, Due, DueWork
from larkpay_sandbox.storage.outbox import Outbox, OutboxRow
from larkpay_sandbox.workers.dispatcher import Attempted, Dispatcher
from larkpay_sandbox.workers.settler import Settler

logger = logging.getLogger("larkpay_sandbox.timeline")

MAX_ADVANCE_SECONDS = 366 * 86400.0
"""The furthest one advance goes: a year (and a day)."""
LAST_TIME = 253402300799.0
"""9999-12-31T23:59:59Z: the last time an RFC 3339 timestamp with a four-digit year can show."""


@dataclass(frozen=True)
class _Delivery:
    at: float
    api_key: str
    row: OutboxRow


class Timeline:
    """Advances ``clock`` and runs the due work of the settler, the dispatcher and the expiries.

    One advance runs at a time; a second waits for the first and starts from where it ended.
    """

    def __init__(
        self,
        clock: Clock,
        store: Store,
        outbox: Outbox,
        settler: Settler,
        dispatcher: Dispatcher,
    ) -> None:
        self.clock = clock
        self.store = store
        self.outbox = outbox
        self.settler = settler
        self.dispatcher = dispatcher
        self.due_work = DueWork(store)
        self._lock = asyncio.Lock()

    async def advance(self, *, seconds: float | None = None, to: float | None = None) -> Advance:
        """Move the clock ``seconds`` ahead, or to ``to``, running what comes due on the way.

        Raises ApiError INVALID_STATE if ``to`` is earlier than the clock: it never goes back.
        """
        async with self._lock:
            previous = self.clock.time()
            target = previous + seconds if seconds is not None else to
            if target is None:
                raise ValueError("advance() needs seconds or to")
            _check_target(previous, target)
            with self.settler.paused():
                async with self.dispatcher.paused():
                    reached = previous
                    self.clock.pin(previous)
                    try:
                        steps = await _Run(self, target).run()
                        reached = target
                    finally:
                        self.clock.resume_from(max(reached, self.clock.time()))
                        save_offset(self.store, self.clock.offset)
            return Advance(previous, max(target, previous), steps)


def _check_target(now: float, target: float) -> None:
    """Refuse (409 INVALID_STATE) a target before ``now``, more than a year ahead, or past
    the last time a timestamp can show."""
    if target < now:
        problem = "it never goes back"
    elif target - now > MAX_ADVANCE_SECONDS:
        problem = f"one advance goes at most {MAX_ADVANCE_SECONDS:.0f} seconds (366 days) ahead"
    elif target > LAST_TIME:
        problem = f"it cannot pass {format_timestamp(LAST_TIME)}"
    else:
        return
    raise ApiError(
        "INVALID_STATE",
        f"The sandbox clock is at {format_timestamp(now)}; {problem}, so it cannot be moved to "
        f"{format_timestamp(min(target, LAST_TIME))}. Choose another time, or start the sandbox "
        "on a new database to begin again.",
    )


class _Run:
    """One advance: the items launched, in due order, and the attempts in flight."""

    def __init__(self, timeline: Timeline, target: float) -> None:
        self.timeline = timeline
        self.target = target
        self.slots: list[list[Step]] = []
        self.in_flight: dict[int, tuple[float, asyncio.Task[None]]] = {}
        self.skip: set[int] = set()
        self.launched: set[tuple[int, int]] = set()
        self.gap = timeline.dispatcher.shortest_retry_delay
        self.concurrency = timeline.dispatcher.concurrency

    async def run(self) -> list[Step]:
        try:
            while True:
                if len(self.in_flight) >= self.concurrency:
                    await self._wait_for_one(self._tasks())
                    continue
                item = self._first_due()
                if item is None or item.at > self.target:
                    if not self.in_flight:
                        break
                    await self._wait_for_one(self._tasks())
                    continue
                # An attempt in flight may still schedule a retry before this item: wait for it.
                earlier = self._tasks(started_before=item.at - self.gap)
                if earlier:
                    await self._wait_for_one(earlier)
                    continue
                self.timeline.clock.pin(item.at)
                self._start(item, self.timeline.clock.time())
        finally:
            for _, task in self.in_flight.values():
                task.cancel()
        return [step for slot in self.slots for step in slot]

    def _tasks(self, started_before: float | None = None) -> list[asyncio.Task[None]]:
        return [
            task
            for started, task in self.in_flight.values()
            if started_before is None or started <= started_before
        ]

    @staticmethod
    async def _wait_for_one(tasks: list[asyncio.Task[None]]) -> None:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)

    def _first_due(self) -> Due | _Delivery | None:
        """The item due first; at one time the others come before a delivery."""
        other = self.timeline.due_work.first()
        delivery = self.timeline.outbox.first_due(self.in_flight.keys() | self.skip)
        if delivery is not None and (other is None or delivery[0] < other.at):
            at, row, api_key = delivery
            return _Delivery(at, api_key, row)
        return other

    def _start(self, item: Due | _Delivery, at: float) -> None:
        slot: list[Step] = []
        self.slots.append(slot)
        if isinstance(item, _Delivery):
            self._launch(item.row, item.api_key, at, slot)
        elif item.kind == SETTLEMENT:
            assert item.outcome is not None, "a settlement has its outcome"
            if self.timeline.settler.settle_one(item.ref, item.outcome) is not None:
                details = {"payment_id": item.ref, "outcome": item.outcome}
                slot.append(Step(SETTLEMENT, at, item.api_key, details))
        elif item.kind == SECRET_EXPIRY:
            self.timeline.due_work.drop_secret(item.rowid)
            slot.append(Step(item.kind, at, item.api_key, {"endpoint_id": item.ref}))
        else:
            self.timeline.due_work.drop_idempotency_key(item.api_key, item.ref)
            slot.append(Step(item.kind, at, item.api_key, {"idempotency_key": item.ref}))

    def _launch(self, row: OutboxRow, api_key: str, at: float, slot: list[Step]) -> None:
        if (row.id, row.attempts) in self.launched:
            # Its last attempt did not move the row on: never loop on it.
            logger.error("webhook outbox row %s did not move on after an attempt", row.id)
            self.skip.add(row.id)
            return
        self.launched.add((row.id, row.attempts))
        task = asyncio.create_task(self._attempt(row, api_key, at, slot))
        self.in_flight[row.id] = (at, task)
        task.add_done_callback(lambda _: self.in_flight.pop(row.id, None))

    async def _attempt(self, row: OutboxRow, api_key: str, at: float, slot: list[Step]) -> None:
        try:
            attempted = await self.timeline.dispatcher.attempt_at(row, at)
        except Exception:
            logger.exception("webhook outbox row %s: the attempt failed unexpectedly", row.id)
            self.skip.add(row.id)
            return
        slot.extend(_attempt_steps(attempted, api_key))


def _attempt_steps(attempted: Attempted, api_key: str) -> list[Step]:
    if attempted.attempt is None:
        return []
    row = attempted.row
    steps = [
        Step(
            "delivery_attempt",
            attempted.at,
            api_key,
            {
                "event_id": row.event_id,
                "endpoint_id": row.endpoint_id,
                "attempt": attempted.attempt,
                "status_code": attempted.status_code,
                "error": attempted.error,
                "succeeded": attempted.succeeded,
            },
        )
    ]
    if attempted.disabled is not None:
        details = {"endpoint_id": row.endpoint_id, "reason": attempted.disabled}
        steps.append(Step("endpoint_disabled", attempted.at, api_key, details))
    return steps
