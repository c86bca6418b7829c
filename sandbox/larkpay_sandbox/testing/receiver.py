"""A webhook receiver on loopback for the sandbox tests, the conformance suite and the benchmarks.

It listens in a background thread, records every request it gets (path, headers, body, arrival
time, answer), and can be told to answer chosen statuses, to fail a share of requests with 500
(to exercise retries), or to hold its answers back (to keep deliveries in flight).
"""

from __future__ import annotations

import random
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

HOLD_LIMIT = 60.0
"""A held answer is sent after this many seconds even without release(), so no test hangs."""

_UNSPECIFIED = {"0.0.0.0": "127.0.0.1", "::": "::1"}


def reachable_host(listen_host: str) -> str:
    """The address by which this machine reaches a server listening on ``listen_host``: an
    unspecified address (``0.0.0.0``, ``::``) is where to listen, not where to send, so its
    loopback stands in for it."""
    return _UNSPECIFIED.get(listen_host, listen_host)


@dataclass(frozen=True)
class Delivery:
    """One request the receiver got, and the status it answered."""

    path: str
    headers: dict[str, str]
    body: bytes
    received_at: float
    answered: int

    @property
    def webhook_id(self) -> str:
        """The ``webhook-id`` header (the event id)."""
        return self.headers.get("webhook-id", "")


class _QuietServer(ThreadingHTTPServer):
    """Drops connections reset by a dying sender without printing a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _QuietServer6(_QuietServer):
    address_family = socket.AF_INET6


class WebhookReceiver:
    """Records the POSTs sent below :attr:`url` and answers each one; a context manager.

    It listens on ``host`` (127.0.0.1 by default) and ``port`` (0: a free one). The first
    requests get ``statuses`` in order; after them, the first ``fail_first`` requests of every
    webhook-id and a ``fail_rate`` share of all (random, reproducible by ``seed``) get 500, the
    others 204; :meth:`script` gives the URLs below one path their own answers. ``delay``
    (seconds, settable) holds each answer back, as does :meth:`hold`
    until :meth:`release`; ``peak_concurrency`` is the most requests it has held at once.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        fail_rate: float = 0.0,
        fail_first: int = 0,
        statuses: Sequence[int] = (),
        seed: int = 0,
    ) -> None:
        if not 0.0 <= fail_rate <= 1.0:
            raise ValueError(f"fail_rate must be within 0..1, got {fail_rate}")
        self.fail_rate = fail_rate
        self.fail_first = fail_first
        self.delay = 0.0
        self.peak_concurrency = 0
        self._statuses = list(statuses)
        self._random = random.Random(seed)
        self._gate = threading.Event()
        self._gate.set()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._deliveries: list[Delivery] = []
        self._seen: dict[str, int] = {}
        self._scripts: dict[str, tuple[list[int], int]] = {}
        self._active = 0
        server_class = _QuietServer6 if ":" in host else _QuietServer
        self._server = server_class((host, port), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The URL to register as a webhook endpoint (any path below it is recorded too).

        A receiver listening on every address (``0.0.0.0`` or ``::``) gives its loopback
        address (:func:`reachable_host`).
        """
        host, port = self._server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else str(host)
        host = reachable_host(host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/hooks"

    @property
    def deliveries(self) -> list[Delivery]:
        """A copy of every request received so far, in arrival order."""
        with self._lock:
            return list(self._deliveries)

    def start(self) -> WebhookReceiver:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def hold(self) -> None:
        """Record arriving requests but hold every answer back until :meth:`release`."""
        self._gate.clear()

    def release(self) -> None:
        """Answer the held requests (and answer new ones at once again)."""
        self._gate.set()

    def wait_for(
        self,
        match: Callable[[Delivery], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[Delivery]:
        """Wait until ``count`` deliveries ``match`` (any delivery without ``match``); returns
        the matching ones, fewer if ``timeout`` seconds passed first."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = [d for d in self._deliveries if match is None or match(d)]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    return found
                self._arrived.wait(remaining)

    def script(self, path: str, statuses: Sequence[int], then: int = 204) -> None:
        """Answer the requests to URLs ending in ``path`` with ``statuses`` in turn, then
        ``then`` (before any of the receiver-wide rules)."""
        with self._lock:
            self._scripts[path] = (list(statuses), then)

    def _answer_for(self, webhook_id: str, path: str = "") -> int:
        with self._lock:
            for scripted, (statuses, then) in self._scripts.items():
                if path.endswith(scripted):
                    return statuses.pop(0) if statuses else then
            if self._statuses:
                return self._statuses.pop(0)
            seen = self._seen.get(webhook_id, 0)
            self._seen[webhook_id] = seen + 1
            if seen < self.fail_first or self._random.random() < self.fail_rate:
                return 500
            return 204

    def _record(self, delivery: Delivery) -> None:
        with self._arrived:
            self._deliveries.append(delivery)
            self._active += 1
            self.peak_concurrency = max(self.peak_concurrency, self._active)
            self._arrived.notify_all()

    def _answered(self) -> None:
        with self._lock:
            self._active -= 1

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
                answer = receiver._answer_for(headers.get("webhook-id", ""), self.path)
                receiver._record(Delivery(self.path, headers, body, received_at, answer))
                try:
                    if receiver.delay:
                        time.sleep(receiver.delay)
                    receiver._gate.wait(timeout=HOLD_LIMIT)
                finally:
                    receiver._answered()
                self.send_response(answer)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                """Stay quiet: tests read the recorded deliveries instead."""

        return Handler
