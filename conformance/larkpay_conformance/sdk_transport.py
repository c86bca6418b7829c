"""The transport under the SDK that sees, counts and checks every raw exchange, and the typed
error the SDK must raise for each error code."""

from __future__ import annotations

import httpx
import larkpay

from larkpay_conformance import last_request
from larkpay_conformance.checks import CheckFailedError, Exchange, check_exchange
from larkpay_conformance.stats import Recorder
from larkpay_conformance.traffic import NO_ANSWER

#: error.code -> the typed exception the SDK must raise for it.
TYPED_ERRORS: dict[str, type[larkpay.APIStatusError]] = {
    "INVALID_REQUEST": larkpay.InvalidRequestError,
    "AUTH_FAILED": larkpay.AuthenticationError,
    "PAYMENT_FAILED": larkpay.PaymentFailedError,
    "NOT_FOUND": larkpay.NotFoundError,
    "METHOD_NOT_ALLOWED": larkpay.MethodNotAllowedError,
    "INVALID_STATE": larkpay.InvalidStateError,
    "IDEMPOTENCY_IN_PROGRESS": larkpay.IdempotencyInProgressError,
    "PAYLOAD_TOO_LARGE": larkpay.PayloadTooLargeError,
    "UNSUPPORTED_MEDIA_TYPE": larkpay.UnsupportedMediaTypeError,
    "IDEMPOTENCY_KEY_REUSED": larkpay.IdempotencyKeyReusedError,
    "RATE_LIMITED": larkpay.RateLimitError,
    "INTERNAL_ERROR": larkpay.InternalServerError,
    "SERVICE_UNAVAILABLE": larkpay.ServiceUnavailableError,
}


class CheckingTransport(httpx.BaseTransport):
    """Sends over a real HTTP transport; records and checks every exchange."""

    def __init__(self, recorder: Recorder, layer: str) -> None:
        self._inner = httpx.HTTPTransport()
        self.recorder = recorder
        self.layer = layer
        self.operation = "?"
        self.last: Exchange | None = None
        self.last_sent: last_request.SentRequest | None = None
        self.violation: CheckFailedError | None = None
        self.show_auth = False

    @property
    def last_curl(self) -> str:
        """The last request as a curl command (built only when a failure needs it)."""
        return self.last_sent.curl() if self.last_sent is not None else ""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.content or None
        sent = last_request.SentRequest(
            self.operation,
            request.method,
            str(request.url),
            dict(request.headers),
            body,
            show_auth=self.show_auth,
        )
        last_request.remember(sent)
        self.last_sent = sent
        try:
            response = self._inner.handle_request(request)
            content = response.read()
        except httpx.TransportError:
            self.recorder.traffic.record(
                self.layer, request.method, str(request.url), NO_ANSWER, request_body=body
            )
            raise
        self.recorder.traffic.record(
            self.layer,
            request.method,
            str(request.url),
            response.status_code,
            request_body=body,
            response_body=content,
        )
        self.last = Exchange(
            method=request.method,
            url=str(request.url),
            status=response.status_code,
            headers=Exchange.lower(dict(response.headers)),
            body=content,
            request_headers=Exchange.lower(dict(request.headers)),
            request_body=body,
        )
        try:
            check_exchange(self.last)
        except CheckFailedError as exc:
            self.violation = CheckFailedError(
                exc.check, exc.detail, operation=self.operation, curl=self.last_curl
            )
        return response

    def close(self) -> None:
        self._inner.close()
