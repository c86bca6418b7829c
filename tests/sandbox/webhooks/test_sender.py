"""HttpSender: one POST over aiohttp, the status answered, at most 64 KiB of the answer read."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from larkpay_sandbox.webhooks.sender import MAX_RESPONSE_BYTES, USER_AGENT, HttpSender


class _Chatty(BaseHTTPRequestHandler):
    """Answers 202 with a body four times the read limit; records the last request."""

    seen: dict[str, object] = {}  # noqa: RUF012

    def do_POST(self) -> None:
        length = int(self.headers["content-length"])
        headers = {name.lower(): value for name, value in self.headers.items()}
        _Chatty.seen = {"body": self.rfile.read(length), "headers": headers}
        body = b"x" * (4 * MAX_RESPONSE_BYTES)
        self.send_response(202)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # the sender stops reading, drops it
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def chatty_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Chatty)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_post_sends_the_body_and_headers_and_answers_the_status(chatty_url: str) -> None:
    async def main() -> int:
        sender = HttpSender(timeout=5.0, max_connections=2)
        try:
            return await sender.post(chatty_url, {"webhook-id": "evt_1"}, b'{"a":1}')
        finally:
            await sender.close()
            await sender.close()

    assert asyncio.run(main()) == 202
    headers = _Chatty.seen["headers"]
    assert isinstance(headers, dict)
    assert headers["webhook-id"] == "evt_1"
    assert headers["user-agent"] == USER_AGENT
    assert _Chatty.seen["body"] == b'{"a":1}'


def test_post_to_a_closed_port_raises_a_connection_error() -> None:
    async def main() -> None:
        sender = HttpSender(timeout=5.0, max_connections=2)
        try:
            await sender.post("http://127.0.0.1:9/hook", {}, b"{}")
        finally:
            await sender.close()

    with pytest.raises(OSError, match="Cannot connect"):
        asyncio.run(main())
