"""The business, scenario and webhook layers drive the API through the SDK (``LarkpayClient``).

Under the SDK sits a :class:`CheckingTransport` that sees every raw exchange: it counts it as a
case of its layer and runs the single-exchange checks of :mod:`larkpay_conformance.checks`. Each
call returns a :class:`Reply` holding the raw envelope (for the model comparisons), the SDK's
typed result or typed error, and a curl command that reproduces the request. SDK retries are off
so that every answer is seen as the server gave it.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import larkpay

from larkpay_conformance.checks import CheckFailedError, Exchange
from larkpay_conformance.sdk_transport import TYPED_ERRORS, CheckingTransport
from larkpay_conformance.stats import Recorder
from larkpay_conformance.target import Target

SDK_ERROR = "larkpay_sdk_error"
SDK_MODEL = "larkpay_sdk_model"
NO_ANSWER = "larkpay_no_answer"


@dataclass(frozen=True)
class Reply:
    """One SDK call: the raw answer, the typed result or error, and how to reproduce it."""

    operation: str
    status: int
    envelope: dict[str, Any]
    exchange: Exchange
    curl: str
    result: Any = None
    error_obj: larkpay.APIStatusError | None = None

    @property
    def data(self) -> Any:
        """``envelope["data"]`` (raises KeyError on an error envelope)."""
        return self.envelope["data"]

    @property
    def error(self) -> dict[str, Any]:
        """``envelope["error"]``, or {} on success."""
        error = self.envelope.get("error")
        return error if isinstance(error, dict) else {}

    @property
    def code(self) -> str | None:
        """The error code, or None on success."""
        return self.error.get("code")

    def fail(self, check: str, message: str) -> CheckFailedError:
        """A CheckFailedError that shows this exchange and how to reproduce it."""
        body = self.exchange.body[:600].decode("utf-8", "replace")
        return CheckFailedError(
            check,
            f"{message}\n  HTTP {self.status}: {body}",
            operation=self.operation,
            curl=self.curl,
        )


class Api:
    """Checked SDK calls against one target for one layer."""

    def __init__(self, target: Target, recorder: Recorder, layer: str, timeout: float = 15.0):
        self.target = target
        self.transport = CheckingTransport(recorder, layer)
        self.client = larkpay.LarkpayClient(
            target.api_key,
            target.api_secret,
            base_url=target.base_url,
            timeout=timeout,
            max_retries=0,
            transport=self.transport,
        )
        self._keys = itertools.count()
        self._prefix = f"cf-{layer}-{os.getpid()}-{os.urandom(4).hex()}-"

        self.raw_client = httpx.Client(
            base_url=target.base_url, transport=self.transport, timeout=timeout
        )

    def close(self) -> None:
        """Close the SDK client."""
        self.client.close()
        self.raw_client.close()

    def raw(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        authorization: str | None = "default",
    ) -> Reply:
        """A request the SDK would never send (broken auth, huge or non-JSON bodies), checked
        like every other exchange. ``authorization=None`` sends no credentials."""
        sent = dict(headers or {})
        if authorization == "default":
            sent["Authorization"] = self.target.auth_header
        elif authorization is not None:
            sent["Authorization"] = authorization
        self.transport.operation = operation
        self.transport.violation = None
        self.transport.show_auth = authorization != "default"
        try:
            self.raw_client.request(method, path, content=content, headers=sent)
        except httpx.TransportError as exc:
            raise self._no_answer(operation, exc) from None
        finally:
            self.transport.show_auth = False
        if self.transport.violation is not None:
            raise self.transport.violation
        exchange = self.transport.last
        assert exchange is not None
        return Reply(
            operation, exchange.status, _envelope(exchange), exchange, self.transport.last_curl
        )

    def _no_answer(self, operation: str, exc: Exception) -> CheckFailedError:
        kind = (
            "timed out"
            if isinstance(exc, httpx.TimeoutException | larkpay.APITimeoutError)
            else "failed"
        )
        return CheckFailedError(
            NO_ANSWER,
            f"{operation}: no answer (request {kind}: {exc})",
            operation=operation,
            curl=self.transport.last_curl,
        )

    def new_key(self) -> str:
        """A fresh Idempotency-Key."""
        return f"{self._prefix}{next(self._keys)}"

    def sdk(self, operation: str, call: Callable[[larkpay.LarkpayClient], Any]) -> Reply:
        """Run one SDK call; check the exchange and that the SDK typed the answer right."""
        self.transport.operation = operation
        self.transport.violation = None
        self.transport.last = None
        result: Any = None
        error: larkpay.APIStatusError | None = None
        try:
            result = call(self.client)
        except larkpay.APIStatusError as exc:
            error = exc
        except larkpay.APIConnectionError as exc:
            raise self._no_answer(operation, exc) from None
        except larkpay.APIResponseValidationError as exc:
            last = self.transport.last
            if self.transport.violation is not None:
                raise self.transport.violation from None
            body = last.body[:600].decode("utf-8", "replace") if last else ""
            raise CheckFailedError(
                SDK_MODEL,
                f"the SDK cannot read the answer to {operation}: {exc}\n  {body}",
                operation=operation,
                curl=self.transport.last_curl,
            ) from None
        if self.transport.violation is not None:
            raise self.transport.violation
        exchange = self.transport.last
        assert exchange is not None, "the SDK sent no request"
        reply = Reply(
            operation,
            exchange.status,
            _envelope(exchange),
            exchange,
            self.transport.last_curl,
            result,
            error,
        )
        _check_typed_error(reply, operation)
        return reply

    # --- payments --------------------------------------------------------------------------
    def create_payment(self, body: dict[str, Any], key: str | None = None) -> Reply:
        """payments.create (a fresh Idempotency-Key unless one is given)."""
        idem = key or self.new_key()
        return self.sdk("createPayment", lambda c: c.payments.create(**body, idempotency_key=idem))

    def get_payment(self, payment_id: str) -> Reply:
        """payments.get."""
        return self.sdk("getPayment", lambda c: c.payments.get(payment_id))

    def update_payment(self, payment_id: str, body: dict[str, Any]) -> Reply:
        """payments.update."""
        idem = self.new_key()
        return self.sdk(
            "updatePayment", lambda c: c.payments.update(payment_id, **body, idempotency_key=idem)
        )

    def cancel_payment(self, payment_id: str) -> Reply:
        """payments.cancel."""
        idem = self.new_key()
        return self.sdk(
            "cancelPayment", lambda c: c.payments.cancel(payment_id, idempotency_key=idem)
        )

    def list_payments(self, **params: Any) -> Reply:
        """payments.list."""
        return self.sdk("listPayments", lambda c: c.payments.list(**params))

    def settle_payment(self, payment_id: str, outcome: str) -> Reply:
        """sandbox.settle_payment (sandbox only)."""
        idem = self.new_key()
        return self.sdk(
            "settlePayment",
            lambda c: c.sandbox.settle_payment(payment_id, outcome=outcome, idempotency_key=idem),
        )

    # --- refunds ---------------------------------------------------------------------------
    def create_refund(self, payment_id: str, body: dict[str, Any], key: str | None = None) -> Reply:
        """refunds.create."""
        idem = key or self.new_key()
        return self.sdk(
            "createRefund", lambda c: c.refunds.create(payment_id, **body, idempotency_key=idem)
        )

    def list_refunds(self, payment_id: str, **params: Any) -> Reply:
        """refunds.list."""
        return self.sdk("listRefunds", lambda c: c.refunds.list(payment_id, **params))

    def get_refund(self, refund_id: str) -> Reply:
        """refunds.get."""
        return self.sdk("getRefund", lambda c: c.refunds.get(refund_id))

    # --- webhooks and events ---------------------------------------------------------------
    def create_endpoint(self, body: dict[str, Any]) -> Reply:
        """webhook_endpoints.create."""
        idem = self.new_key()
        return self.sdk(
            "createWebhookEndpoint",
            lambda c: c.webhook_endpoints.create(**body, idempotency_key=idem),
        )

    def delete_endpoint(self, endpoint_id: str) -> Reply:
        """webhook_endpoints.delete."""
        return self.sdk("deleteWebhookEndpoint", lambda c: c.webhook_endpoints.delete(endpoint_id))

    def rotate_secret(self, endpoint_id: str, body: dict[str, Any]) -> Reply:
        """webhook_endpoints.rotate_secret."""
        idem = self.new_key()
        return self.sdk(
            "rotateWebhookSecret",
            lambda c: c.webhook_endpoints.rotate_secret(endpoint_id, **body, idempotency_key=idem),
        )

    def list_events(self, **params: Any) -> Reply:
        """events.list."""
        return self.sdk("listEvents", lambda c: c.events.list(**params))

    def redeliver(self, event_id: str) -> Reply:
        """events.redeliver."""
        idem = self.new_key()
        return self.sdk(
            "redeliverEvent", lambda c: c.events.redeliver(event_id, idempotency_key=idem)
        )

    def deliveries(self, event_id: str) -> Reply:
        """events.list_deliveries."""
        return self.sdk(
            "listEventDeliveries", lambda c: c.events.list_deliveries(event_id, limit=100)
        )


def _envelope(exchange: Exchange) -> dict[str, Any]:
    """The JSON object of the answer; {} when it has none (the checks report that)."""
    try:
        doc = exchange.json() if exchange.body else {}
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def _check_typed_error(reply: Reply, operation: str) -> None:
    if reply.status < 400:
        if reply.error_obj is not None:
            raise reply.fail(
                SDK_ERROR, f"{operation}: the SDK raised {reply.error_obj!r} on success"
            )
        return
    error = reply.error_obj
    expected = TYPED_ERRORS.get(str(reply.code))
    if error is None or (expected is not None and not isinstance(error, expected)):
        got = type(error).__name__ if error is not None else "no error"
        raise reply.fail(
            SDK_ERROR,
            f"{operation}: {reply.code} should raise {getattr(expected, '__name__', '?')}, "
            f"the SDK gave {got}",
        )
    if error.status_code != reply.status or error.code != reply.code:
        raise reply.fail(
            SDK_ERROR, f"{operation}: the SDK error says {error.status_code} {error.code}"
        )


def expect(reply: Reply, status: int, check: str, what: str) -> Reply:
    """Raise a CheckFailedError (with the exchange and curl) unless ``reply`` has ``status``."""
    if reply.status != status:
        raise reply.fail(check, f"{what}: expected HTTP {status}, got {reply.status}")
    return reply
