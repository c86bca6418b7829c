"""Idempotency-Key handling: replay, reuse detection, in-flight detection, remembering replies."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.envelopes import canonical_json, dumps
from larkpay_sandbox.server.contract import Reply
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.idempotency import IdempotencyKey, IdempotencyRecords

REPLAYED_HEADER = (b"idempotent-replayed", b"true")


def fingerprint(method: str, path: str, body: Any) -> str:
    """A hash of what makes two requests 'the same': method, path and the parsed body."""
    canonical = canonical_json(body)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def is_storable(status: int) -> bool:
    """429 and 5xx answers are not stored, so that a retry can succeed."""
    return status != 429 and status < 500


class Idempotency:
    """Runs the handler of a request that carries an Idempotency-Key.

    :meth:`run` is the one place that decides when a reply is remembered: right after the
    handler returns it, or raises an ``ApiError``, if its status is storable (not 429, not 5xx),
    in the same group-commit batch as the handler's writes. The handler contract (it writes only
    through ``ctx.transaction()`` and does not await after writing) guarantees that the batch
    is still open then, so the change and the remembered reply are committed together or not at
    all: a retry after a crash either replays the reply or runs the request for the first time.
    """

    def __init__(self, records: IdempotencyRecords, store: Store) -> None:
        self.records = records
        self.store = store
        self.in_flight: set[tuple[str, str]] = set()

    async def run(
        self, key: IdempotencyKey, request_id: str, handle: Callable[[], Awaitable[Reply]]
    ) -> Reply:
        """The reply stored under ``key`` replayed, or ``handle()``'s reply remembered under it;
        409 while the key is in flight, 422 when it was used for a different request.
        ``request_id`` is the request's, which a replayed or remembered error carries."""
        stored = self.records.find(key.api_key, key.key)
        if stored is not None:
            if stored.fingerprint != key.fingerprint:
                raise ApiError(
                    "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used with a different request "
                    "(method, path or body). Use a new key for a new request.",
                )
            body = stored.body
            if stored.status >= 400:
                body = _with_request_id(body, request_id)
            return Reply(stored.status, body, [REPLAYED_HEADER])
        scope = (key.api_key, key.key)
        if scope in self.in_flight:
            raise ApiError(
                "IDEMPOTENCY_IN_PROGRESS",
                "A request with this Idempotency-Key is still being processed. "
                "Retry after it has finished.",
                headers={"Retry-After": "1"},
            )
        self.in_flight.add(scope)
        try:
            try:
                reply = await handle()
            except ApiError as error:
                self._remember(key, error.status, error.body(request_id))
                raise
            self._remember(key, reply.status, reply.body)
        finally:
            self.in_flight.discard(scope)
        return reply

    def _remember(self, key: IdempotencyKey, status: int, body: bytes) -> None:
        if is_storable(status):
            with self.store.batched() as conn:
                self.records.save(conn, key, status, body)


def _with_request_id(body: bytes, request_id: str) -> bytes:
    """A replayed error carries the request id of the replay, like its X-Request-Id header."""
    envelope = json.loads(body)
    envelope["error"]["request_id"] = request_id
    return dumps(envelope)
