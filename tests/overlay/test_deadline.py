"""larkpay._deadline: an answer whose body arrives too slowly cannot outlive the deadline."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
from larkpay import APITimeoutError, AsyncLarkpayClient, LarkpayClient, RetryPolicy, RetryTransport
from larkpay._deadline import DeadlineStream

KEY = "lk_test_DemoDemoDemoDemo00000001"
SECRET = "lsk_DemoDemoDemoDemoDemoDemo0000000001"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class SlowBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Each chunk moves the fake clock by one second."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(10):
            self.clock.now += 1.0
            yield b" "

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def _transport(clock: Clock, body: SlowBody, deadline: float | None) -> RetryTransport:
    mock = httpx.MockTransport(lambda request: httpx.Response(200, stream=body))
    return RetryTransport(
        RetryPolicy(deadline=deadline, clock=clock), transport=mock, async_transport=mock
    )


def test_sync_body_read_past_the_deadline_raises_read_timeout_and_closes() -> None:
    clock, body = Clock(), SlowBody(Clock())
    body.clock = clock
    with (
        httpx.Client(transport=_transport(clock, body, deadline=3.0)) as client,
        pytest.raises(httpx.ReadTimeout, match="deadline of 3s"),
    ):
        client.get("http://api.test/v2/payments")
    assert clock.now == 4.0
    assert body.closed


def test_async_body_read_past_the_deadline_raises_read_timeout_and_closes() -> None:
    clock, body = Clock(), SlowBody(Clock())
    body.clock = clock

    async def main() -> None:
        async with httpx.AsyncClient(transport=_transport(clock, body, deadline=3.0)) as client:
            with pytest.raises(httpx.ReadTimeout, match="deadline of 3s"):
                await client.get("http://api.test/v2/payments")

    asyncio.run(main())
    assert clock.now == 4.0
    assert body.closed


def test_body_is_read_whole_without_a_deadline() -> None:
    clock, body = Clock(), SlowBody(Clock())
    body.clock = clock
    with httpx.Client(transport=_transport(clock, body, deadline=None)) as client:
        assert client.get("http://api.test/v2/payments").content == b" " * 10


class DripServer:
    """A loopback server that sends headers, then one body byte every 0.1 s for 30 s."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 300\r\n\r\n"
            )
            for _ in range(300):
                if self.stop.is_set():
                    return
                try:
                    conn.sendall(b" ")
                except OSError:
                    return
                time.sleep(0.1)

    def __enter__(self) -> DripServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.listener.close()


def _get_through_sync_client(base_url: str) -> None:
    with LarkpayClient(
        KEY, SECRET, base_url=base_url, deadline=1.0, timeout=0.8, max_retries=0
    ) as c:
        c.payments.get("pay_abc")


def _get_through_async_client(base_url: str) -> None:
    async def main() -> None:
        async with AsyncLarkpayClient(
            KEY, SECRET, base_url=base_url, deadline=1.0, timeout=0.8, max_retries=0
        ) as client:
            await client.payments.get("pay_abc")

    asyncio.run(main())


@pytest.mark.parametrize("get", [_get_through_sync_client, _get_through_async_client])
def test_client_call_against_a_dripping_server_ends_near_its_deadline(
    get: Callable[[str], None],
) -> None:
    with DripServer() as server:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            get(f"http://127.0.0.1:{server.port}/v2")
        elapsed = time.monotonic() - started
    # The body would take 30 s; the deadline (1 s) plus one drip interval ends it.
    assert elapsed < 3.0, elapsed


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_body_read_in_time_is_complete_with_a_deadline(kind: str) -> None:
    clock, body = Clock(), SlowBody(Clock())
    body.clock = clock
    transport = _transport(clock, body, deadline=60.0)
    if kind == "sync":
        with httpx.Client(transport=transport) as client:
            content = client.get("http://api.test/v2/payments").content
    else:

        async def main() -> bytes:
            async with httpx.AsyncClient(transport=transport) as client:
                return (await client.get("http://api.test/v2/payments")).content

        content = asyncio.run(main())
    assert content == b" " * 10


def test_closing_the_other_kind_of_stream_is_a_no_op() -> None:
    class SyncOnly(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b"x"

    sync_body = SyncOnly()
    wrapped = DeadlineStream(
        sync_body, deadline=1.0, budget=1.0, clock=Clock(), request=httpx.Request("GET", "http://a")
    )
    asyncio.run(wrapped.aclose())

    class AsyncOnly(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b"x"

    DeadlineStream(
        AsyncOnly(),
        deadline=1.0,
        budget=1.0,
        clock=Clock(),
        request=httpx.Request("GET", "http://a"),
    ).close()
    assert list(wrapped) == [b"x"]
