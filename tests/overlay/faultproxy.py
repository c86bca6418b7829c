"""A loopback HTTP/1.1 proxy that injects faults between the SDK and the sandbox.

Per request it picks, with a seeded random generator, one of:
- ``reset_before``: reset the connection without forwarding (the server never sees it);
- ``drop_after``: forward, let the server commit, then reset instead of answering;
- ``unavailable``: answer 503 itself, with ``retry-after-ms``;
- ``rate_limited``: answer 429 itself, with ``Retry-After: 0``;
- ``forward``: pass the request and the answer through.
It understands just enough HTTP/1.1 (Content-Length bodies, keep-alive) for the sandbox.
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

FAULTS = ("reset_before", "drop_after", "unavailable", "rate_limited")


async def _read_message(reader: asyncio.StreamReader) -> bytes | None:
    """One HTTP/1.1 message (head + Content-Length body), or None at end of stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head + body


def _reset(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        # Linger 0: close() sends a TCP RST instead of an orderly FIN.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _canned(status: int, reason: str, header: str) -> bytes:
    body = (
        b'{"status":"error","error":{"code":"%s","message":"injected by the fault proxy",'
        b'"reason":null,"details":[],"request_id":"req_proxy"}}'
        % (b"SERVICE_UNAVAILABLE" if status == 503 else b"RATE_LIMITED")
    )
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nx-request-id: req_proxy\r\n{header}\r\n\r\n"
    ).encode() + body


class FaultProxy:
    """Runs in its own thread and event loop; ``counts`` says what it did."""

    def __init__(self, upstream_port: int, *, fault_rate: float, seed: int) -> None:
        self.upstream_port = upstream_port
        self.fault_rate = fault_rate
        self.random = random.Random(seed)
        self.counts: Counter[str] = Counter()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _choose(self) -> str:
        if self.random.random() >= self.fault_rate:
            return "forward"
        return self.random.choice(FAULTS)

    async def _serve_client(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while (request := await _read_message(reader)) is not None:
                action = self._choose()
                self.counts[action] += 1
                if action == "reset_before":
                    _reset(writer)
                    return
                if action == "unavailable":
                    writer.write(_canned(503, "Service Unavailable", "retry-after-ms: 5"))
                elif action == "rate_limited":
                    writer.write(_canned(429, "Too Many Requests", "Retry-After: 0"))
                else:
                    if upstream is None:
                        upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                    upstream[1].write(request)
                    await upstream[1].drain()
                    response = await _read_message(upstream[0])
                    if response is None or action == "drop_after":
                        _reset(writer)
                        return
                    writer.write(response)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            writer.transport.abort()
        finally:
            if upstream is not None:
                upstream[1].close()
            writer.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._serve_client, "127.0.0.1", 0)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        self._loop.run_until_complete(server.wait_closed())

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(5)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


@contextmanager
def fault_proxy(upstream_port: int, *, fault_rate: float, seed: int) -> Iterator[FaultProxy]:
    """A started FaultProxy in front of 127.0.0.1:``upstream_port``; stopped on exit."""
    proxy = FaultProxy(upstream_port, fault_rate=fault_rate, seed=seed)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
