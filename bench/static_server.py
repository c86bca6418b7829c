"""A trivial HTTP/1.1 keep-alive server that answers every GET with one fixed JSON body.

It stands in for a server that costs almost nothing per request, so the client's own overhead
is most of what a client benchmark measures. Run as ``python -m bench.static_server PORT FILE``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from larkpay_sandbox.testing import free_port

START_TIMEOUT = 20.0


def _handler(body: bytes) -> type[BaseHTTPRequestHandler]:
    # Status line, headers and body in one write: separate small writes would meet Nagle's
    # algorithm and delayed ACKs and cost ~40 ms per request.
    response = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"X-Request-Id: req_bench0000000000000000\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            """Answer the fixed body, whatever the path."""
            self.wfile.write(response)

        def log_message(self, format: str, *args: object) -> None:
            """Silent: a log line per request would be most of this server's work."""

    return Handler


def serve(port: int, body: bytes) -> None:
    """Serve ``body`` on 127.0.0.1:``port`` until killed (a thread per connection)."""
    ThreadingHTTPServer(("127.0.0.1", port), _handler(body)).serve_forever()


@contextmanager
def static_server(body: bytes) -> Iterator[str]:
    """Run the server as a subprocess (its own CPU, not the client's GIL); yield its URL."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="larkpay-bench-static-") as tmp:
        body_file = Path(tmp) / "body.json"
        body_file.write_bytes(body)
        argv = [sys.executable, "-m", "bench.static_server", str(port), str(body_file)]
        process = subprocess.Popen(argv, cwd=Path(__file__).resolve().parent.parent)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    httpx.get(url + "/health", timeout=1.0)
                    break
                except httpx.TransportError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("the static server did not start") from None
                    time.sleep(0.05)
            yield url
        finally:
            process.kill()
            process.wait(timeout=10)


if __name__ == "__main__":
    serve(int(sys.argv[1]), Path(sys.argv[2]).read_bytes())
