"""CoalescingTransport on real loopback sockets, and the sandbox answering through it."""

from __future__ import annotations

import asyncio
import socket

from larkpay_sandbox.server.protocol import CoalescingTransport
from larkpay_sandbox.testing import running_sandbox


async def _connected_pair() -> tuple[CoalescingTransport, asyncio.StreamReader, asyncio.Server]:
    accepted: asyncio.Queue[asyncio.StreamReader] = asyncio.Queue()

    async def on_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await accepted.put(reader)

    server = await asyncio.start_server(on_client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    assert isinstance(transport, asyncio.Transport)
    reader = await asyncio.wait_for(accepted.get(), 5)
    return CoalescingTransport(transport, loop), reader, server


def test_writes_of_one_loop_turn_are_held_then_sent_together_in_order() -> None:
    async def scenario() -> tuple[int, bytes]:
        transport, reader, server = await _connected_pair()
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(bytearray(b"body"))
        held = transport.get_write_buffer_size()
        received = await asyncio.wait_for(reader.readexactly(23), 5)
        transport.close()
        server.close()
        return held, received

    held, received = asyncio.run(scenario())
    assert held == 23
    assert received == b"HTTP/1.1 200 OK\r\n\r\nbody"


def test_close_sends_what_is_held_before_closing() -> None:
    async def scenario() -> bytes:
        transport, reader, server = await _connected_pair()
        transport.write(b"last words")
        transport.close()
        received = await asyncio.wait_for(reader.read(), 5)
        server.close()
        return received

    assert asyncio.run(scenario()) == b"last words"


def test_abort_drops_what_is_held() -> None:
    async def scenario() -> bytes:
        transport, reader, server = await _connected_pair()
        transport.write(b"never sent")
        transport.abort()
        try:
            received = await asyncio.wait_for(reader.read(), 5)
        except ConnectionResetError:
            received = b""
        server.close()
        return received

    assert asyncio.run(scenario()) == b""


def test_pipelined_requests_on_one_connection_get_complete_answers_in_order() -> None:
    with running_sandbox(rate_limit=0) as sandbox:
        request = (
            f"GET /v2/health HTTP/1.1\r\nHost: 127.0.0.1:{sandbox.port}\r\n\r\n"
            f"GET /v2/nowhere HTTP/1.1\r\nHost: 127.0.0.1:{sandbox.port}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", sandbox.port), timeout=10) as conn:
            conn.sendall(request)
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        answer = b"".join(chunks)
    first, _, rest = answer.partition(b"HTTP/1.1 404")
    assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b'"status":"ok"' in first
    assert b'"code":"NOT_FOUND"' in rest
