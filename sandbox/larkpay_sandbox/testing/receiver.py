"""A loopback webhook receiver for tests, conformance runs and benchmarks.

It listens on 127.0.0.1 in a background thread, records every request it gets (headers, body,
arrival time), and can be told to fail a share of requests with 500 to exercise retries.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A held answer is sent after this many seconds even without release(), so no test hangs.
HOLD_LIMIT = 60.0


class _QuietServer(ThreadingHTTPServer):
    """Drops connections reset by a dying sender without printing a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReceivedRequest:
    """One request the receiver got, and what it answered."""

    headers: dict[str, str]
    body: bytes
    received_at: float
    answered: int

    @property
    def webhook_id(self) -> str:
        """The ``webhook-id`` header (the event id)."""
        return self.headers.get("webhook-id", "")


class WebhookReceiver:
    """Records POSTs on ``url``; answers 500 to a ``fail_rate`` share of them, else 204.

    ``fail_first`` makes the first n requests of every webhook-id fail, whatever the rate;
    ``delay`` (seconds, settable) holds each answer back, as does :meth:`hold` until
    :meth:`release`; ``peak_concurrency`` is the most
    requests it has held at once.
    """

    def __init__(self, fail_rate: float = 0.0, fail_first: int = 0, seed: int = 0) -> None:
        if not 0.0 <= fail_rate <= 1.0:
            raise ValueError(f"fail_rate must be within 0..1, got {fail_rate}")
        self.fail_rate = fail_rate
        self.fail_first = fail_first
        self.delay = 0.0
        self._gate = threading.Event()
        self._gate.set()
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._requests: list[ReceivedRequest] = []
        self._seen: dict[str, int] = {}
        self._active = 0
        self.peak_concurrency = 0
        self._arrived = threading.Condition(self._lock)
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The URL to register as a webhook endpoint."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/hooks"

    @property
    def requests(self) -> list[ReceivedRequest]:
        """A copy of every request received so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def start(self) -> WebhookReceiver:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()

    def hold(self) -> None:
        """Record arriving requests but hold every answer back until :meth:`release`."""
        self._gate.clear()

    def release(self) -> None:
        """Answer the held requests (and answer new ones at once again)."""
        self._gate.set()

    def wait_for(self, predicate: Callable[[list[ReceivedRequest]], bool], timeout: float) -> bool:
        """Wait until ``predicate(requests)`` is true; return whether it became true in time."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while not predicate(list(self._requests)):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._arrived.wait(remaining)
        return True

    def _answer_for(self, webhook_id: str) -> int:
        with self._lock:
            seen = self._seen.get(webhook_id, 0)
            self._seen[webhook_id] = seen + 1
            if seen < self.fail_first or self._random.random() < self.fail_rate:
                return 500
            return 204

    def _enter(self) -> None:
        with self._lock:
            self._active += 1
            self.peak_concurrency = max(self.peak_concurrency, self._active)

    def _leave(self) -> None:
        with self._lock:
            self._active -= 1

    def _record(self, request: ReceivedRequest) -> None:
        with self._arrived:
            self._requests.append(request)
            self._arrived.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                if len(body) < length:
                    # The sender died mid-request (a kill -9 test): nothing to answer or record.
                    self.close_connection = True
                    return
                received_at = time.time()
                headers = {k.lower(): v for k, v in self.headers.items()}
                answer = receiver._answer_for(headers.get("webhook-id", ""))
                receiver._record(ReceivedRequest(headers, body, received_at, answer))
                receiver._enter()
                try:
                    if receiver.delay:
                        time.sleep(receiver.delay)
                    receiver._gate.wait(timeout=HOLD_LIMIT)
                finally:
                    receiver._leave()
                self.send_response(answer)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                """Stay quiet: tests read the recorded requests instead."""

        return Handler


@contextmanager
def running_receiver(
    fail_rate: float = 0.0, fail_first: int = 0, seed: int = 0
) -> Iterator[WebhookReceiver]:
    """Run a :class:`WebhookReceiver` for the duration of the ``with`` block."""
    receiver = WebhookReceiver(fail_rate, fail_first, seed).start()
    try:
        yield receiver
    finally:
        receiver.close()
