"""The business, scenario and webhook layers drive the API through the SDK (``LarkpayClient``).

Under the SDK sits a :class:`CheckingTransport` that sees every raw exchange: it counts it as a case
of its layer and runs the single-exchange checks of :mod:`larkpay_conformance.checks.checks`. Each
call returns a :class:`Reply` holding the raw envelope (for the model comparisons), the SDK's typed
result or typed error, and a curl command that reproduces the request. SDK retries are off so that
every answer is seen as the server gave it.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from typing import Any

import httpx
import larkpay

from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import Recorder, ran
from larkpay_conformance.sdk.api_calls import OperationCalls
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.sdk.sdk_transport import TYPED_ERRORS, CheckingTransport

SDK_ERROR = "larkpay_sdk_error"
SDK_MODEL = "larkpay_sdk_model"
NO_ANSWER = "larkpay_no_answer"


class Api(OperationCalls):
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
        link: str | None = None,
    ) -> Reply:
        """A request the SDK would never send (broken auth, huge or non-JSON bodies), checked
        like every other exchange. ``authorization=None`` sends no credentials; ``link`` names
        the spec's link this request follows (for the traffic record)."""
        sent = dict(headers or {})
        if authorization == "default":
            sent["Authorization"] = self.target.auth_header
        elif authorization is not None:
            sent["Authorization"] = authorization
        self.transport.operation = operation
        self.transport.violation = None
        self.transport.show_auth = authorization != "default"
        self.transport.link = link
        try:
            self.raw_client.request(method, path, content=content, headers=sent)
        except httpx.TransportError as exc:
            raise self._no_answer(operation, exc) from None
        finally:
            self.transport.show_auth = False
            self.transport.link = None
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
        ran(SDK_ERROR)
        ran(SDK_MODEL)
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
