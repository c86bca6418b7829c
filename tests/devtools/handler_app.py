"""A webhook handler for the listen tests, run as a subprocess on a free port.

    python handler_app.py --record FILE [--secret-file FILE] [--statuses 500,500]
                          [--hang SECONDS] [--hang-count N]

It prints its port, then for every POST: verifies the delivery with the SDK's ``Webhook`` (the
secret is read from --secret-file at each request, since listen prints it only once it runs),
holds the first --hang-count answers back --hang seconds, answers the next --statuses in turn
(then 200), and appends a JSON line to --record: webhook-id, webhook-timestamp, the status it
answered, whether the signature verified and the body.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from larkpay import Webhook, WebhookVerificationError


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", required=True)
    parser.add_argument("--secret-file")
    parser.add_argument("--statuses", default="")
    parser.add_argument("--hang", type=float, default=0.0)
    parser.add_argument("--hang-count", type=int, default=0)
    options = parser.parse_args()
    statuses = [int(part) for part in options.statuses.split(",") if part]
    lock = threading.Lock()
    hangs = [options.hang_count]

    def verified(body: bytes, headers: dict[str, str]) -> bool | None:
        path = Path(options.secret_file) if options.secret_file else None
        if path is None or not path.exists():
            return None
        try:
            Webhook(path.read_text().strip()).verify(body, headers)
        except WebhookVerificationError:
            return False
        return True

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {name.lower(): value for name, value in self.headers.items()}
            with lock:
                hang = hangs[0] > 0
                hangs[0] -= 1
                status = statuses.pop(0) if statuses and not hang else 200
            if hang:
                time.sleep(options.hang)
            record = {
                "webhook_id": headers.get("webhook-id"),
                "timestamp": headers.get("webhook-timestamp"),
                "status": status,
                "hung": hang,
                "verified": verified(body, headers),
                "body": body.decode(),
            }
            with lock, open(options.record, "a", encoding="utf-8") as out:
                out.write(json.dumps(record) + "\n")
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
