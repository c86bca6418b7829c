"""Request fields that the spec's schema cannot check fully, read with a 400 naming them."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.core.api_error import invalid
from larkpay_sandbox.core.clock import parse_timestamp


def time_field(body: dict[str, Any], field: str) -> float:
    """The RFC 3339 time in ``body[field]`` in seconds since the epoch; its pattern lets
    through dates that do not exist (month 13), which answer 400 naming the field."""
    try:
        return parse_timestamp(str(body[field])).timestamp()
    except (ValueError, OverflowError) as exc:
        raise invalid(field, f"is not a valid time: {exc}") from exc
