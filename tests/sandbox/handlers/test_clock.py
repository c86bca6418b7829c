"""The clock operations: getClock's shape, advanceClock's input and answer."""

from __future__ import annotations

from typing import Any

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.steps import STEP_KINDS
from larkpay_sandbox.handlers.fields import time_field
from starlette.testclient import TestClient

from tests.sandbox.conftest import loaded_spec, make_client


def test_get_clock_answers_the_time_and_a_zero_offset_before_any_advance(
    client: TestClient,
) -> None:
    data = client.get("/sandbox/clock").json()["data"]
    assert data["object"] == "sandbox_clock"
    assert data["offset_seconds"] == 0
    assert data["time"].endswith("Z")


def test_get_clock_names_the_delays_of_the_due_work() -> None:
    settings = {"settle_delay": 0.5, "retry_schedule": (1.0, 2.5), "failing_endpoint_period": 60.0}
    with make_client(**settings) as client:
        data = client.get("/sandbox/clock").json()["data"]
    assert data["settle_delay_seconds"] == 0.5
    assert data["retry_schedule_seconds"] == [1.0, 2.5]
    assert data["failing_endpoint_period_seconds"] == 60.0


def test_advance_answers_every_count_even_when_nothing_ran(client: TestClient) -> None:
    data = client.post("/sandbox/clock/advance", json={"seconds": 0}).json()["data"]
    assert data["object"] == "clock_advance"
    assert data["counts"] == dict.fromkeys(STEP_KINDS, 0)
    assert (data["ran"], data["ran_truncated"]) == ([], False)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"seconds": 1, "to": "2030-01-01T00:00:00Z"},
        {"seconds": -1},
        {"to": "2030-02-30T00:00:00Z"},
    ],
)
def test_advance_refuses_anything_but_one_of_seconds_and_to(
    client: TestClient, body: dict[str, Any]
) -> None:
    response = client.post("/sandbox/clock/advance", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "INVALID_REQUEST"


@pytest.mark.parametrize(
    ("body", "rule"),
    [({}, "at least 1 property"), ({"seconds": 1, "to": "2030-01-01T00:00:00Z"}, "at most 1")],
)
def test_advance_with_neither_or_both_fields_says_to_send_exactly_one(
    client: TestClient, body: dict[str, Any], rule: str
) -> None:
    response = client.post("/sandbox/clock/advance", json=body)
    [detail] = response.json()["error"]["details"]
    assert rule in detail["message"]
    assert detail["message"].endswith("Exactly one of `seconds` and `to`.")


def test_the_step_kinds_are_those_of_the_spec() -> None:
    schemas = loaded_spec().document["components"]["schemas"]
    kinds = [
        schemas[ref["$ref"].rsplit("/", 1)[1]]["properties"]["kind"]["const"]
        for ref in schemas["ClockStep"]["oneOf"]
    ]
    assert tuple(kinds) == STEP_KINDS
    assert tuple(schemas["ClockStepCounts"]["required"]) == STEP_KINDS


def test_time_field_reads_rfc_3339_and_refuses_a_date_that_does_not_exist() -> None:
    assert time_field({"to": "1970-01-01T00:01:00Z"}, "to") == 60.0
    with pytest.raises(ApiError) as refused:
        time_field({"to": "2030-02-30T00:00:00Z"}, "to")
    assert refused.value.status == 400
    assert refused.value.details[0]["field"] == "to"
