"""Raw ASGI helpers: the request context, streamed body reading with a limit, and replies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from larkpay_sandbox.core.api_error import ApiError, success

if TYPE_CHECKING:
    from larkpay_sandbox.app import Sandbox

MAX_BODY = 1024 * 1024
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


@dataclass
class Context:
    """Everything a handler needs about one validated request."""

    sandbox: Sandbox
    api_key: str
    path_params: dict[str, Any]
    query: dict[str, Any]
    headers: dict[str, Any]
    body: Any
    request_id: str = ""
    idempotency_key: str | None = None
    fingerprint: str = ""
    remembered: bool = False

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write in the store's group-commit batch (the pipeline awaits durability)."""
        with self.sandbox.store.batched() as conn:
            yield conn

    def remember(self, conn: sqlite3.Connection, reply: Reply) -> Reply:
        """Inside the handler's transaction: store the reply under the Idempotency-Key, if any."""
        if self.idempotency_key is not None:
            self.sandbox.idempotency.save(conn, self, reply.status, reply.body)
            self.remembered = True
        return reply


async def read_body(receive: Any, declared_length: bytes | None) -> bytes:
    """Read the request body, answering 413 as soon as it passes 1 MiB (never buffering more)."""
    if declared_length is not None:
        try:
            length = int(declared_length)
        except ValueError:
            raise ApiError(
                "INVALID_REQUEST",
                "The Content-Length header is not a number.",
                details=[{"field": "Content-Length", "message": "must be an integer"}],
            ) from None
        if length > MAX_BODY:
            raise too_large()
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionAbortedError("client disconnected while sending the body")
        chunk = message.get("body", b"")
        if chunk:
            size += len(chunk)
            if size > MAX_BODY:
                raise too_large()
            chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def too_large() -> ApiError:
    """The 413 error for a body over 1 MiB."""
    return ApiError(
        "PAYLOAD_TOO_LARGE",
        "The request body is larger than 1 MiB (1048576 bytes). Send a smaller body.",
    )


def is_json_media_type(value: bytes) -> bool:
    """True for ``application/json`` with or without parameters such as charset."""
    media = value.split(b";", 1)[0].strip().lower()
    return media == b"application/json"
