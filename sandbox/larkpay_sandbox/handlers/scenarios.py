"""The sandbox's test scenarios: what creating a payment does, chosen by its ``source``."""

from __future__ import annotations

from dataclasses import dataclass

FAILURE_MESSAGES = {
    "card_declined": "The card was declined.",
    "insufficient_funds": "The card has insufficient funds.",
}


@dataclass(frozen=True)
class Outcome:
    """What creating a payment with a given source does."""

    status: str
    failure_code: str | None = None
    settles_to: str | None = None
    rate_limited: bool = False
    unavailable_once: bool = False
    slow: bool = False


SCENARIOS: dict[str, Outcome] = {
    "test_success": Outcome("succeeded"),
    "test_failure": Outcome("failed", failure_code="card_declined"),
    "test_insufficient_funds": Outcome("failed", failure_code="insufficient_funds"),
    "test_pending": Outcome("pending", settles_to="succeeded"),
    "test_pending_failure": Outcome("pending", settles_to="failed"),
    "test_rate_limited": Outcome("succeeded", rate_limited=True),
    "test_unavailable_once": Outcome("succeeded", unavailable_once=True),
    "test_slow": Outcome("succeeded", slow=True),
}
DEFAULT_OUTCOME = Outcome("succeeded")


def outcome_for(source: str) -> Outcome:
    """The scenario of a source; any unknown source simply succeeds."""
    return SCENARIOS.get(source, DEFAULT_OUTCOME)
