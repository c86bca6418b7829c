"""The transport under the SDK that sees, counts and checks every raw exchange, and the typed
error the SDK must raise for each error code."""

from __future__ import annotations

import httpx
import larkpay

from larkpay_conformance.checks import CheckFailedError, Exchange, check_exchange
from larkpay_conformance.repro import curl_command
from larkpay_conformance.stats import Recorder

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
    """Sends over a real HTTP transport and checks and counts every exchange."""

    def __init__(self, recorder: Recorder, layer: str) -> None:
        self._inner = httpx.HTTPTransport()
        self.recorder = recorder
        self.layer = layer
        self.operation = "?"
        self.last: Exchange | None = None
        self.last_curl = ""
        self.violation: CheckFailedError | None = None
        self.show_auth = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        body = response.read()
        self.recorder.case(self.layer, self.operation)
        self.last_curl = curl_command(
            request.method,
            str(request.url),
            dict(request.headers),
            request.content or None,
            show_auth=self.show_auth,
        )
        self.last = Exchange(
            method=request.method,
            url=str(request.url),
            status=response.status_code,
            headers=Exchange.lower(dict(response.headers)),
            body=body,
            request_headers=Exchange.lower(dict(request.headers)),
            request_body=request.content or None,
        )
        try:
            check_exchange(self.last)
        except CheckFailedError as exc:
            self.violation = CheckFailedError(
                exc.check, f"{exc.detail}\n\nReproduce:\n\n    {self.last_curl}"
            )
        return response

    def close(self) -> None:
        self._inner.close()
