"""Checking an event log against the events each change must have fired."""

from __future__ import annotations

import re
from typing import Any

import pytest
from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.steps.event_log import Expected, check_events

from tests.conformance.replies import LATER, payment, reply


def event(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"evt_{kind}", "object": "event", "event": kind, "data": data}


CREATED, UPDATED = payment(), payment(description="x", updated_at=LATER)


def run(events: list[dict[str, Any]], expected: list[Expected]) -> None:
    check_events(events, expected, reply([]), sequence_check="seq", data_check="data")


def test_matching_log_passes_and_an_inexact_item_checks_only_its_type() -> None:
    expected = [Expected("payment.created", CREATED), Expected("payment.updated", UPDATED)]
    run([event("payment.created", CREATED), event("payment.updated", UPDATED)], expected)
    loose = [
        Expected("payment.created", CREATED),
        Expected("payment.updated", {"id": "pay_1"}, exact=False),
    ]
    run([event("payment.created", CREATED), event("payment.updated", UPDATED)], loose)


@pytest.mark.parametrize(
    ("events", "check", "fragment"),
    [
        (
            [event("payment.created", CREATED)],
            "seq",
            "expected ['payment.created', 'payment.updated']",
        ),
        (
            [event("payment.created", CREATED), event("payment.updated", CREATED)],
            "data",
            "description",
        ),
        (
            [event("payment.created", UPDATED), event("payment.updated", UPDATED)],
            "data",
            "updated_at",
        ),
    ],
)
def test_wrong_log_fails_naming_the_check(
    events: list[dict[str, Any]], check: str, fragment: str
) -> None:
    expected = [Expected("payment.created", CREATED), Expected("payment.updated", UPDATED)]
    with pytest.raises(CheckFailedError, match=re.escape(fragment)) as info:
        run(events, expected)
    assert info.value.check == check


def test_updated_at_going_back_fails() -> None:
    with pytest.raises(CheckFailedError, match="does not move forward"):
        run(
            [event("payment.updated", UPDATED), event("payment.updated", CREATED)],
            [Expected("payment.updated", UPDATED), Expected("payment.updated", CREATED)],
        )


def test_updated_at_standing_still_across_a_change_fails() -> None:
    with pytest.raises(CheckFailedError, match="does not move forward") as info:
        run(
            [event("payment.created", CREATED), event("payment.updated", CREATED)],
            [Expected("payment.created", CREATED), Expected("payment.updated", CREATED)],
        )
    assert info.value.check == "data"
