"""Steps: what an advance of the clock ran, as the spec's ClockStep objects."""

from __future__ import annotations

from larkpay_sandbox.core.clock import format_timestamp
from larkpay_sandbox.core.steps import Step


def test_step_as_json_has_kind_time_and_details_but_not_the_api_key() -> None:
    step = Step("settlement", 1_800_000_000.5, "lk_test_x", {"payment_id": "pay_1"})
    assert step.as_json() == {
        "kind": "settlement",
        "at": format_timestamp(1_800_000_000.5),
        "payment_id": "pay_1",
    }
