"""The transport under the SDK that sees, counts and checks every raw exchange, and the typed
error the SDK must raise for each error code."""

from __future__ import annotations

import httpx
import larkpay

from larkpay_conformance.checks import deferred
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.checks.exchange_checks import check_protocol, rule_violations
from larkpay_conformance.record import last_request
from larkpay_conformance.record.stats import Recorder, ran
from larkpay_conformance.record.traffic import NO_ANSWER

REQUEST_IDS = "larkpay_model_request_ids"

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
        #: the spec's link the next request follows (recorded with it)
        self.link: str | None = None
        #: when a set: every X-Request-Id seen, each must be new (the model layer's check)
        self.unique_request_ids: set[str] | None = None

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
            link=self.link,
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
        for found in rule_violations(self.last):
            deferred.keep(
                CheckFailedError(
                    found.check, found.detail, operation=self.operation, curl=self.last_curl
                )
            )
        try:
            check_protocol(self.last)
            self._check_unique_request_id(self.last)
        except CheckFailedError as exc:
            self.violation = CheckFailedError(
                exc.check, exc.detail, operation=self.operation, curl=self.last_curl
            )
        return response

    def _check_unique_request_id(self, exchange: Exchange) -> None:
        if self.unique_request_ids is None:
            return
        ran(REQUEST_IDS)
        request_id = exchange.headers.get("x-request-id", "")
        if request_id in self.unique_request_ids:
            raise CheckFailedError(REQUEST_IDS, f"X-Request-Id {request_id} was sent before")
        self.unique_request_ids.add(request_id)

    def close(self) -> None:
        self._inner.close()
