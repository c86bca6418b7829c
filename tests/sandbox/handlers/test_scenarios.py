"""The scenario table: every documented source, and any other source succeeds."""

from __future__ import annotations

from larkpay_sandbox.handlers.scenarios import SCENARIOS, outcome_for


def test_every_documented_source_has_a_scenario_and_others_succeed() -> None:
    assert set(SCENARIOS) == {
        "test_success",
        "test_failure",
        "test_insufficient_funds",
        "test_pending",
        "test_pending_failure",
        "test_rate_limited",
        "test_unavailable_once",
        "test_slow",
    }
    assert outcome_for("tok_visa").status == "succeeded"
    assert outcome_for("test_pending_failure").settles_to == "failed"
