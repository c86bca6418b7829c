"""What ran while the test clock advanced: one :class:`Step` per item of due work, in due order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from larkpay_sandbox.core.clock import format_timestamp

STEP_KINDS = (
    "settlement",
    "delivery_attempt",
    "endpoint_disabled",
    "secret_expiry",
    "idempotency_expiry",
)
"""Every kind of step, in the order the spec lists them."""


@dataclass(frozen=True)
class Step:
    """One item of due work that ran at sandbox time ``at``, for the API key ``api_key``."""

    kind: str
    at: float
    api_key: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The step as the spec's ClockStep object (without the API key)."""
        return {"kind": self.kind, "at": format_timestamp(self.at), **self.details}


@dataclass(frozen=True)
class Advance:
    """One advance of the clock: from ``previous`` to ``time``, and every step that ran."""

    previous: float
    time: float
    steps: list[Step]
