"""The clock layer's parts on their own: the endpoint-state check, the schema layer holding the
clock, the order and the scope the receiver tests run in, the time helpers."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from larkpay_conformance.checks import object_checks
from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.checks.exchange_checks import EXCHANGE_CHECKS
from larkpay_conformance.plugin.ordering import longest_first
from larkpay_conformance.plugin.outcomes import layer_of
from larkpay_conformance.plugin.scheduling import RECEIVER_SCOPE, LayerScheduling
from larkpay_conformance.schema.schema_runner import PAST, hold_the_clock
from larkpay_conformance.steps.sandbox_clock import format_time, parse_time


def answer(data: Any, status: int = 200) -> Exchange:
    body = json.dumps({"status": "success", "data": data}).encode()
    return Exchange("GET", "http://h/v2/webhook_endpoints", status, {}, body)


def endpoint(status: str, reason: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": "we_1", "object": "webhook_endpoint", "status": status,
            "disabled_reason": reason, **extra}  # fmt: skip


@pytest.mark.parametrize(
    "data",
    [
        endpoint("enabled", None),
        endpoint("disabled", "gone"),
        [endpoint("disabled", "manual"), endpoint("enabled", None)],
        {"id": "we_1", "object": "webhook_endpoint", "status": "disabled"},  # an older server
        {
            "object": "event",
            "event": "webhook_endpoint.disabled",
            "data": endpoint("disabled", "failing"),
        },
        {"id": "pay_1", "object": "payment", "status": "failed"},
    ],
)
def test_endpoint_state_accepts_an_endpoint_that_says_why_exactly_when_disabled(
    data: Any,
) -> None:
    object_checks.check_endpoint_state(answer(data))


@pytest.mark.parametrize(
    "data",
    [
        endpoint("disabled", None),
        endpoint("enabled", "gone"),
        endpoint("disabled", "tired"),
        [endpoint("enabled", None), endpoint("disabled", None)],
        {
            "object": "event",
            "event": "webhook_endpoint.disabled",
            "data": endpoint("enabled", None),
        },
    ],
)
def test_endpoint_state_names_itself_when_status_and_reason_disagree(data: Any) -> None:
    with pytest.raises(CheckFailedError, match="larkpay_endpoint_state"):
        object_checks.check_endpoint_state(answer(data))


def test_endpoint_state_is_one_of_the_exchange_checks() -> None:
    assert ("larkpay_endpoint_state", object_checks.check_endpoint_state) in EXCHANGE_CHECKS


def case(path: str, body: Any, method: str = "POST") -> Any:
    return SimpleNamespace(method=method, path=path, body=body)


def test_the_schema_layer_sends_valid_advances_that_move_nothing() -> None:
    by_seconds = case("/sandbox/clock/advance", {"seconds": 31_000_000})
    to_a_time = case("/sandbox/clock/advance", {"to": "2099-01-01T00:00:00Z"})
    hold_the_clock(by_seconds)
    hold_the_clock(to_a_time)
    assert by_seconds.body == {"seconds": 0}
    assert to_a_time.body == {"to": PAST}


@pytest.mark.parametrize(
    "sent",
    [
        case("/sandbox/clock/advance", {"seconds": "soon"}),
        case("/sandbox/clock/advance", ["not", "an", "object"]),
        case("/payments", {"seconds": 5}),
        case("/sandbox/clock/advance", {"seconds": 5}, method="GET"),
    ],
)
def test_the_schema_layer_leaves_other_cases_as_generated(sent: Any) -> None:
    before = json.dumps(sent.body)
    hold_the_clock(sent)
    assert json.dumps(sent.body) == before


def item(nodeid: str) -> Any:
    return SimpleNamespace(nodeid=nodeid, name=nodeid.rsplit("::", 1)[-1])


def test_receiver_tests_go_last_webhooks_then_health_then_clock() -> None:
    items = [
        item("layers/test_clock.py::test_a"),
        item("layers/test_endpoint_health.py::test_b"),
        item("layers/test_webhooks.py::test_c"),
        item("layers/test_limits.py::test_d"),
        item("layers/test_schema.py::test_schema[getPayment]"),
    ]
    longest_first(items)  # type: ignore[arg-type]
    assert [i.nodeid.split("::")[0].rsplit("/", 1)[-1] for i in items] == [
        "test_schema.py",
        "test_limits.py",
        "test_webhooks.py",
        "test_endpoint_health.py",
        "test_clock.py",
    ]


def test_receiver_tests_share_one_scope_and_the_others_go_one_by_one() -> None:
    split = LayerScheduling._split_scope
    scopes = {
        split(None, f"layers/{module}::test_x")
        for module in ("test_webhooks.py", "test_clock.py", "test_endpoint_health.py")
    }
    assert scopes == {RECEIVER_SCOPE}
    assert split(None, "layers/test_limits.py::test_x") == "layers/test_limits.py::test_x"


def test_endpoint_health_counts_in_the_clock_layer() -> None:
    assert layer_of("layers/test_endpoint_health.py::test_x") == "clock"
    assert layer_of("layers/test_clock.py::test_x") == "clock"


def test_format_and_parse_time_round_trip_to_the_microsecond() -> None:
    assert format_time(1_800_000_000.123456) == "2027-01-15T08:00:00.123456Z"
    assert parse_time("2027-01-15T08:00:00.123456Z") == 1_800_000_000.123456
