"""Endpoint rows: their JSON, and their health (disabling by 410 or a failing streak, enabling)."""

from __future__ import annotations

import json

import pytest
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.endpoints import after_attempt, disable, enable, endpoint_json, load
from larkpay_sandbox.storage.outbox import Outbox

from tests.sandbox.doubles import FixedClock

NOW = 1_800_000_000.0
DAY = 86400.0


@pytest.fixture
def outbox() -> Outbox:
    return Outbox(Store(":memory:"), FixedClock(NOW))


def add_endpoint(outbox: Outbox, endpoint_id: str, events: str = '["*"]', key: str = "k") -> None:
    with outbox.store.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_endpoints(id, api_key, url, events, status, created_at, seq)"
            " VALUES (?, ?, 'http://127.0.0.1:1/', ?, 'enabled', 'then', 1)",
            (endpoint_id, key, events),
        )


def state(outbox: Outbox, endpoint_id: str) -> tuple[str, str | None, float | None]:
    row = outbox.store.query_one(
        "SELECT status, disabled_reason, failing_since FROM webhook_endpoints WHERE id=?",
        (endpoint_id,),
    )
    return row[0], row[1], row[2]


def failed_at(outbox: Outbox, endpoint_id: str, at: float, status: int | None = 500) -> str | None:
    with outbox.store.transaction() as conn:
        return after_attempt(
            conn,
            outbox,
            endpoint_id,
            at=at,
            status_code=status,
            succeeded=False,
            failing_period=3 * DAY,
        )


def disabled_events(outbox: Outbox) -> list[dict[str, object]]:
    rows = outbox.store.query_all(
        "SELECT body FROM events WHERE type='webhook_endpoint.disabled' ORDER BY seq"
    )
    return [json.loads(row[0]) for row in rows]


def test_endpoint_json_has_every_field_of_the_spec_and_no_secret() -> None:
    row = ("we_1", "http://x.test/h", '["*"]', None, "disabled", "then", "gone")
    assert endpoint_json(row) == {
        "id": "we_1",
        "object": "webhook_endpoint",
        "url": "http://x.test/h",
        "events": ["*"],
        "description": None,
        "status": "disabled",
        "disabled_reason": "gone",
        "created_at": "then",
    }


def test_a_410_disables_the_endpoint_at_once_as_gone(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    assert failed_at(outbox, "we_1", NOW, status=410) == "gone"
    assert state(outbox, "we_1") == ("disabled", "gone", None)


def test_failures_disable_the_endpoint_once_they_have_lasted_the_failing_period(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    assert failed_at(outbox, "we_1", NOW) is None
    assert state(outbox, "we_1") == ("enabled", None, NOW)
    assert failed_at(outbox, "we_1", NOW + 3 * DAY - 1) is None
    assert failed_at(outbox, "we_1", NOW + 3 * DAY) == "failing"
    assert state(outbox, "we_1") == ("disabled", "failing", None)


def test_a_success_ends_the_failing_streak(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    failed_at(outbox, "we_1", NOW)
    with outbox.store.transaction() as conn:
        after_attempt(
            conn, outbox, "we_1", at=NOW + DAY, status_code=204, succeeded=True, failing_period=1
        )
    assert state(outbox, "we_1") == ("enabled", None, None)
    assert failed_at(outbox, "we_1", NOW + 3 * DAY + 1) is None


def test_a_failing_period_of_zero_disables_at_the_first_failure(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    with outbox.store.transaction() as conn:
        reason = after_attempt(
            conn, outbox, "we_1", at=NOW, status_code=None, succeeded=False, failing_period=0
        )
    assert reason == "failing"


def test_disable_cancels_queued_deliveries_and_tells_the_keys_other_endpoints(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_gone")
    add_endpoint(outbox, "we_all")
    add_endpoint(outbox, "we_payments", '["payment.created"]')
    add_endpoint(outbox, "we_health", '["webhook_endpoint.disabled"]')
    add_endpoint(outbox, "we_other_key", key="other")
    with outbox.store.transaction() as conn:
        outbox.emit_event(conn, "k", "payment.created", {"id": "pay_1"})
    with outbox.store.transaction() as conn:
        endpoint = disable(conn, outbox, "we_gone", "manual")
    assert endpoint is not None
    assert (endpoint["status"], endpoint["disabled_reason"]) == ("disabled", "manual")
    [event] = disabled_events(outbox)
    assert event["data"] == endpoint
    queued = outbox.store.query_all(
        "SELECT endpoint_id, state FROM webhook_outbox WHERE event_id = ? ORDER BY id",
        (event["id"],),
    )
    assert queued == [("we_all", "pending"), ("we_health", "pending")]
    states = outbox.store.query_all(
        "SELECT state FROM webhook_outbox WHERE endpoint_id = 'we_gone'"
    )
    assert states == [("canceled",)]


def test_disabling_a_disabled_endpoint_changes_nothing_and_fires_nothing(
    outbox: Outbox,
) -> None:
    add_endpoint(outbox, "we_1")
    with outbox.store.transaction() as conn:
        disable(conn, outbox, "we_1", "gone")
        assert disable(conn, outbox, "we_1", "manual") is None
    assert state(outbox, "we_1") == ("disabled", "gone", None)
    assert len(disabled_events(outbox)) == 1
    assert failed_at(outbox, "we_1", NOW, status=410) is None


def test_enable_clears_the_reason_and_earlier_failures(outbox: Outbox) -> None:
    add_endpoint(outbox, "we_1")
    failed_at(outbox, "we_1", NOW)
    with outbox.store.transaction() as conn:
        disable(conn, outbox, "we_1", "manual")
        enable(conn, "we_1")
        found = load(conn, "we_1")
    assert state(outbox, "we_1") == ("enabled", None, None)
    assert found is not None
    assert found[0] == "k"
    assert found[1]["disabled_reason"] is None
    assert failed_at(outbox, "we_1", NOW + 4 * DAY) is None
