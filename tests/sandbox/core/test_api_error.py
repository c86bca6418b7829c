"""ApiError: every code of the design brief with its status, rendered as the error envelope."""

from __future__ import annotations

import json

import pytest
from larkpay_sandbox.core.api_error import STATUS_BY_CODE, ApiError, invalid, not_found

from tests.design_brief import error_statuses


def test_status_by_code_is_the_design_briefs_table(design_brief: str) -> None:
    assert error_statuses(design_brief) == STATUS_BY_CODE


def test_body_is_the_error_envelope_with_the_request_id_and_extras() -> None:
    error = ApiError(
        "PAYMENT_FAILED", "declined", reason="card_declined", extra={"payment_id": "p"}
    )
    envelope = json.loads(error.body("req_1"))
    assert envelope == {
        "status": "error",
        "error": {
            "code": "PAYMENT_FAILED",
            "message": "declined",
            "reason": "card_declined",
            "details": [],
            "request_id": "req_1",
            "payment_id": "p",
        },
    }
    assert error.status == 402


def test_invalid_and_not_found_name_what_is_wrong() -> None:
    assert invalid("amount", "must be >= 1").details == [
        {"field": "amount", "message": "must be >= 1"}
    ]
    assert not_found("payment", "pay_x").status == 404


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError):
        ApiError("TEAPOT", "no")
