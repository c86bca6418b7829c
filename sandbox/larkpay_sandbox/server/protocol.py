"""The sandbox's HTTP/1.1 protocol: uvicorn's httptools protocol with one write per response,
a bounded request head, and error envelopes for requests that cannot be parsed.

uvicorn writes a response's status line + headers and its body with separate
``transport.write`` calls; on loopback each is a syscall that also wakes the client.
:class:`CoalescingTransport` holds the writes made during one turn of the event loop and sends
them together at the end of the turn (or at once when the connection is closed), so bytes and
their order are unchanged. uvicorn's protocol also buffers a request head of any size and
answers framing errors with a plain-text 400; :class:`SandboxHttpProtocol` refuses a head larger
than :data:`MAX_HEAD_BYTES` and answers both with the INVALID_REQUEST envelope and an
X-Request-Id, then closes.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.ids import new_request_id

MAX_HEAD_BYTES = 64 * 1024
"""The most bytes a request line plus headers may take."""


class CoalescingTransport(asyncio.Transport):
    """Wraps a transport; writes of one loop turn go out in one ``write()``."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Queue ``data``; it is sent at the end of this loop turn."""
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, list_of_data: Any) -> None:
        """Queue each item, like :meth:`write`."""
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        """Send everything queued so far in one write."""
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        """Send what is queued, then close."""
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        """Drop what is queued and abort the connection."""
        self._pending.clear()
        self._transport.abort()

    def is_closing(self) -> bool:
        """Whether the wrapped transport is closing."""
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        """The wrapped transport's extra info (socket, peername, sslcontext, ...)."""
        return self._transport.get_extra_info(name, default)

    def pause_reading(self) -> None:
        """Pause the wrapped transport's reading."""
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        """Resume the wrapped transport's reading."""
        self._transport.resume_reading()

    def is_reading(self) -> bool:
        """Whether the wrapped transport is reading."""
        return self._transport.is_reading()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        """Hand the wrapped transport to another protocol (queued data is sent first)."""
        self.flush()
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        """The wrapped transport's protocol."""
        return self._transport.get_protocol()

    def get_write_buffer_size(self) -> int:
        """Bytes queued here plus the wrapped transport's buffer."""
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        """Set the wrapped transport's flow-control limits."""
        self._transport.set_write_buffer_limits(high, low)

    def can_write_eof(self) -> bool:
        """Whether the wrapped transport supports write_eof."""
        return self._transport.can_write_eof()

    def write_eof(self) -> None:
        """Send what is queued, then EOF."""
        self.flush()
        self._transport.write_eof()


def framing_error_response(message: str) -> bytes:
    """A complete HTTP/1.1 400 with the INVALID_REQUEST envelope, closing the connection."""
    request_id = new_request_id()
    body = ApiError("INVALID_REQUEST", message).body(request_id)
    head = (
        "HTTP/1.1 400 Bad Request\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"x-request-id: {request_id}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class _HeadTooLargeError(Exception):
    """Raised from a parser callback; httptools turns it into a parse error."""


class SandboxHttpProtocol(HttpToolsProtocol):
    """httptools with one write per response, a bounded head and envelope 400s."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._in_head = True
        self._received_in_head = 0  # raw bytes read while a head is incomplete
        self._parsed_head = 0  # URL and header bytes the parser has handed over
        self._head_too_large = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Wrap the connection's transport, then set up as uvicorn does."""
        super().connection_made(CoalescingTransport(transport, self.loop))

    def data_received(self, data: bytes) -> None:
        """Feed the parser; refuse a head that is still incomplete past MAX_HEAD_BYTES."""
        if self._in_head:
            self._received_in_head += len(data)
        super().data_received(data)
        # Counted per read, so at most one read (256 KiB) past the limit is ever buffered.
        if (
            self._in_head
            and self._received_in_head > MAX_HEAD_BYTES
            and not self.transport.is_closing()
        ):
            self._head_too_large = True
            self.send_400_response("")

    def on_message_begin(self) -> None:
        """A new request starts: its head is counted from zero."""
        super().on_message_begin()
        self._parsed_head = 0

    def on_url(self, url: bytes) -> None:
        """Count the URL towards the head's size."""
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        """Count the header towards the head's size."""
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._parsed_head += size
        if self._parsed_head > MAX_HEAD_BYTES:
            self._head_too_large = True
            raise _HeadTooLargeError

    def on_headers_complete(self) -> None:
        """The head is complete: later bytes of this request are body."""
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The next bytes on this connection start a new request head."""
        super().on_message_complete()
        self._in_head = True
        self._received_in_head = 0

    def send_400_response(self, msg: str) -> None:
        """Answer a request that cannot be parsed with the error envelope, then close."""
        if self._head_too_large:
            msg = (
                f"The request line and headers are larger than {MAX_HEAD_BYTES // 1024} KiB; "
                "send shorter headers."
            )
        else:
            msg = (
                "The request is not valid HTTP/1.1 (its request line, a header or the "
                "Content-Length is malformed); fix the client that sent it."
            )
        self.transport.write(framing_error_response(msg))
        self.transport.close()
