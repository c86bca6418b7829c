"""One answer of the API as the suite's layers see it: the raw envelope, the SDK's typed result or
error, and the curl command that reproduces the request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import larkpay

from larkpay_conformance.checks.exchange import CheckFailedError, Exchange


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
