"""uvicorn's httptools protocol, sending each response in one ``write()`` instead of two.

uvicorn writes a response's status line + headers and its body with separate
``transport.write`` calls. On loopback every call is a syscall that also runs the receiver's TCP
path, and the client wakes up twice per response: under load that was about a fifth of the
sandbox's time per request. :class:`CoalescingTransport` holds the writes made during one turn
of the event loop and sends them together at the end of the turn (or at once when the
connection is closed), so bytes and their order are unchanged.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


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


class CoalescingHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol on a :class:`CoalescingTransport`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Wrap the connection's transport, then set up as uvicorn does."""
        super().connection_made(CoalescingTransport(transport, self.loop))
