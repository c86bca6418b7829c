"""The local receiver registered as the temporary webhook endpoint: every POST it gets is
forwarded to the handler, and the handler's status is its answer, so the handler's status is
the delivery's outcome."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from larkpay_devtools.listen.forwarding import HandlerClient
from larkpay_devtools.listen.report import Delivery, describe

MAX_BODY = 8 * 1024 * 1024


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A sender that went away mid-request is not worth a traceback."""


class Receiver:
    """Listens on 127.0.0.1 (a free port), forwards with ``handler`` and reports each delivery
    to ``on_delivery`` (from the server's threads)."""

    def __init__(self, handler: HandlerClient, on_delivery: Callable[[Delivery], None]) -> None:
        self.handler = handler
        self.on_delivery = on_delivery
        self._attempts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    @property
    def url(self) -> str:
        """The URL to register as the webhook endpoint."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/webhooks"

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def close(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()

    def count_attempt(self, event_id: str) -> int:
        """How many deliveries of this event listen has seen, this one included."""
        with self._lock:
            self._attempts[event_id] += 1
            return self._attempts[event_id]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length > MAX_BODY:
                    self._answer(413)
                    return
                body = self.rfile.read(length)
                headers = dict(self.headers.items())
                answer = receiver.handler.forward(body, headers)
                self._answer(answer.status)
                event_id, event_type, stamp = describe(
                    body, self.headers.get("webhook-id"), self.headers.get("webhook-timestamp")
                )
                attempt = receiver.count_attempt(event_id)
                receiver.on_delivery(Delivery(event_id, event_type, stamp, attempt, answer, body))

            def _answer(self, status: int) -> None:
                try:
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except (TimeoutError, ConnectionError):
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: listen prints its own lines."""

        return Handler
