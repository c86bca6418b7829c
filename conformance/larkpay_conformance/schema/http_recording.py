"""A ``requests`` adapter that records every request of the schema and stateful layers
(test cases, replays and the extra requests schemathesis' checks send) in the traffic."""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

from larkpay_conformance.record import last_request
from larkpay_conformance.record.traffic import NO_ANSWER, Traffic


def _body(request: requests.PreparedRequest) -> bytes | None:
    body = request.body
    if isinstance(body, str):
        return body.encode("utf-8", "surrogateescape")
    return body if isinstance(body, bytes) else None


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


class RecordingAdapter(HTTPAdapter):
    """Sends like :class:`HTTPAdapter`; records each request, with ``link`` when set."""

    def __init__(self, traffic: Traffic, layer: str) -> None:
        super().__init__()
        self.traffic = traffic
        self.layer = layer
        #: the link of the spec that produced the request being sent (stateful layer)
        self.link: str | None = None

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        method = str(request.method)
        url = str(request.url)
        body = _body(request)
        try:
            response = super().send(request, *args, **kwargs)
        except requests.RequestException:
            record = self.traffic.record(
                self.layer, method, url, NO_ANSWER, request_body=body, link=self.link
            )
            self._remember(record.operation, request, body)
            raise
        content_type = response.headers.get("Content-Type", "")
        # An event stream may never end: its body is left to schemathesis, which bounds it.
        content = None if "event-stream" in content_type else response.content
        record = self.traffic.record(
            self.layer,
            method,
            url,
            response.status_code,
            request_body=body,
            response_body=content,
            link=self.link,
        )
        self._remember(record.operation, request, body)
        return response

    @staticmethod
    def _remember(operation: str, request: requests.PreparedRequest, body: bytes | None) -> None:
        last_request.remember(
            last_request.SentRequest(
                operation,
                str(request.method),
                str(request.url),
                {str(k): _text(v) for k, v in request.headers.items()},
                body,
            )
        )


def recording_session(traffic: Traffic, layer: str, *, trust_env: bool) -> requests.Session:
    """A keep-alive session whose every request is recorded as ``layer``'s."""
    session = requests.Session()
    session.trust_env = trust_env
    adapter = RecordingAdapter(traffic, layer)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
