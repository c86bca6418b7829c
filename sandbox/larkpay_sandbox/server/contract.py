"""The handler contract: what a handler gets (:class:`Context`) and returns (:class:`Reply`).

A handler is ``async def handler(ctx: Context) -> Reply``; it raises ``ApiError`` to answer
with an error. It writes only inside ``with ctx.transaction() as conn:`` and does not await
after its write: the pipeline then remembers the reply for its Idempotency-Key in the same
commit (see ``server.idempotency``). It never sees the application, only :class:`Services`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.envelopes import success
from larkpay_sandbox.core.settings import Settings
from larkpay_sandbox.core.steps import Advance
from larkpay_sandbox.core.wakeup import Wakeup
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.outbox import Outbox

Headers = list[tuple[bytes, bytes]]


@dataclass
class Reply:
    """A JSON response: status, body bytes and extra headers."""

    status: int
    body: bytes
    headers: Headers = field(default_factory=list)


def ok(data_json: bytes, status: int = 200) -> Reply:
    """A success envelope around one serialised object."""
    return Reply(status, success(data_json))


class ClockControl(Protocol):
    """The test clock (``timeline.advance.Timeline``): advance the sandbox's time."""

    async def advance(self, *, seconds: float | None = None, to: float | None = None) -> Advance:
        """Move the clock ahead by ``seconds`` or to ``to``, running what came due; raises
        ApiError INVALID_STATE when ``to`` is in the past."""
        ...


@dataclass(frozen=True, slots=True)
class Services:
    """What handlers use besides their request; one instance shared by every request.

    ``settlements_due`` is the settler's wakeup: set it (after commit, with
    ``store.wake_after_commit``) when a payment gets a settle time. ``unavailable_seen`` holds
    the (API key, Idempotency-Key) pairs that already got test_unavailable_once's 503.
    ``timeline`` advances the clock (the sandbox-only clock operations).
    """

    store: Store
    outbox: Outbox
    settings: Settings
    clock: Clock
    settlements_due: Wakeup
    unavailable_seen: set[tuple[str, str]]
    timeline: ClockControl


@dataclass(slots=True)
class Context:
    """One validated request, as its handler sees it."""

    services: Services
    api_key: str
    path_params: dict[str, Any]
    query: dict[str, Any]
    headers: dict[str, Any]
    body: Any
    request_id: str
    idempotency_key: str | None = None

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """The handler's write: a savepoint in the store's group-commit batch."""
        return self.services.store.batched()


Handler = Callable[[Context], Awaitable[Reply]]
