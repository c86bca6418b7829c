"""A rewriting HTTP proxy that plants faults between the conformance suite and a sandbox.

Every request is forwarded unchanged to the upstream server; the answer passes through a
``Fault`` that may rewrite its status, headers or body before it goes back to the client.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "content-encoding"}
)


@dataclass
class Answer:
    """One proxied exchange; a fault rewrites ``status``, ``headers`` or ``body`` in place."""

    method: str
    path: str
    request_body: bytes
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The response body as JSON, or None."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def set_json(self, doc: Any) -> None:
        """Replace the body with ``doc``."""
        self.body = json.dumps(doc).encode()


Fault = Callable[[Answer], None]


def no_fault(answer: Answer) -> None:
    """Pass everything through (the control run)."""


def drop_field_from_get_payment(answer: Answer) -> None:
    """A field missing from a response: GET /payments/{id} loses ``currency``."""
    doc = answer.json()
    is_get_payment = answer.method == "GET" and answer.path.startswith("/v2/payments/pay_")
    if is_get_payment and answer.status == 200 and isinstance(doc["data"], dict):
        doc["data"].pop("currency", None)
        answer.set_json(doc)


def wrong_status_on_create(answer: Answer) -> None:
    """A wrong status code: POST /payments answers 200 instead of 201."""
    if answer.method == "POST" and answer.path == "/v2/payments" and answer.status == 201:
        answer.status = 200


def replay_changes_body(answer: Answer) -> None:
    """An idempotent replay that changes the body: the replayed amount is off by one."""
    doc = answer.json()
    if answer.headers.get("idempotent-replayed") == "true" and isinstance(doc, dict):
        data = doc.get("data")
        if isinstance(data, dict) and isinstance(data.get("amount"), int):
            data["amount"] = data["amount"] % 99_999_999 + 1
        elif isinstance(doc.get("error"), dict):
            doc["error"]["message"] += " (replayed)"
        else:
            doc["replayed"] = True
        answer.set_json(doc)


def refund_exceeds_amount(answer: Answer) -> None:
    """A refund that exceeds the amount: a refused over-refund is answered 201 as if made."""
    doc = answer.json()
    is_refund = answer.method == "POST" and answer.path.endswith("/refunds")
    if not (is_refund and answer.status == 409 and doc["error"]["code"] == "INVALID_STATE"):
        return
    requested = json.loads(answer.request_body or b"{}").get("amount", 1)
    payment_id = answer.path.split("/")[3]
    answer.status = 201
    answer.set_json(
        {
            "status": "success",
            "data": {
                "id": "re_" + os.urandom(12).hex(),
                "object": "refund",
                "payment_id": payment_id,
                "amount": requested,
                "currency": "USD",
                "reason": None,
                "status": "succeeded",
                "created_at": "2026-11-27T10:20:00.000000Z",
                "updated_at": "2026-11-27T10:20:00.000000Z",
            },
        }
    )


def wrong_webhook_secret(answer: Answer) -> None:
    """Webhooks signed with the wrong secret: the secret the client is told is not the signer."""
    doc = answer.json()
    data = doc.get("data") if isinstance(doc, dict) else None
    if isinstance(data, dict) and isinstance(data.get("secret"), str):
        data["secret"] = "whsec_" + base64.b64encode(os.urandom(32)).decode()
        answer.set_json(doc)


def drop_request_id(answer: Answer) -> None:
    """A response without X-Request-Id."""
    answer.headers.pop("x-request-id", None)


def not_found_as_400(answer: Answer) -> None:
    """An error code with the wrong HTTP status: NOT_FOUND sent as 400."""
    doc = answer.json()
    if (
        answer.status == 404
        and isinstance(doc, dict)
        and doc.get("error", {}).get("code") == "NOT_FOUND"
    ):
        answer.status = 400


def disabled_without_reason(answer: Answer) -> None:
    """A disabled endpoint that does not say why: ``disabled_reason`` null on every one."""
    doc = answer.json()
    data = doc.get("data") if isinstance(doc, dict) else None
    changed = False
    for item in data if isinstance(data, list) else [data]:
        if (
            isinstance(item, dict)
            and item.get("status") == "disabled"
            and "disabled_reason" in item
        ):
            item["disabled_reason"] = None
            changed = True
    if changed:
        answer.set_json(doc)


def advance_hides_retries(answer: Answer) -> None:
    """An advance of the clock that does not list the delivery attempts it made."""
    doc = answer.json()
    if answer.path.endswith("/sandbox/clock/advance") and answer.status == 200:
        data = doc["data"]
        data["ran"] = [step for step in data["ran"] if step["kind"] != "delivery_attempt"]
        answer.set_json(doc)


class FaultProxy:
    """Forwards 127.0.0.1:PORT to ``upstream`` (scheme://host:port), applying ``fault``."""

    def __init__(self, upstream: str, fault: Fault = no_fault) -> None:
        parts = urlsplit(upstream)
        self.fault = fault
        self._client = httpx.Client(base_url=f"{parts.scheme}://{parts.netloc}", timeout=30.0)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # One buffered write per answer and no Nagle: split small writes on a keep-alive
            # connection stall on delayed ACKs (40 ms a request).
            wbufsize = 1 << 16
            disable_nagle_algorithm = True

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                upstream_answer = proxy._client.request(
                    self.command, self.path, headers=headers, content=body
                )
                answer = Answer(
                    method=self.command,
                    path=self.path.split("?", 1)[0],
                    request_body=body,
                    status=upstream_answer.status_code,
                    headers={
                        k.lower(): v
                        for k, v in upstream_answer.headers.items()
                        if k.lower() not in _HOP_BY_HOP
                    },
                    body=upstream_answer.content,
                )
                proxy.fault(answer)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.body)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _forward  # noqa: N815
            do_HEAD = do_OPTIONS = do_TRACE = _forward  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The proxied API base URL (…/v2)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v2"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._client.close()
