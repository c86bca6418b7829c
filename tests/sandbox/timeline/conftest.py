"""The test clock's tests: a sandbox with a short retry schedule, and helpers to advance it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from larkpay_sandbox.core.clock import parse_timestamp
from starlette.testclient import TestClient

from tests.sandbox.conftest import make_client

SCHEDULE = (5.0, 30.0, 120.0)


@pytest.fixture
def sandbox() -> Iterator[TestClient]:
    """A sandbox whose retries wait 5 s, 30 s, 2 min, and whose payments settle after 2 s."""
    with make_client(retry_schedule=SCHEDULE, settle_delay=2.0) as test_client:
        yield test_client


def endpoint(client: TestClient, url: str, events: list[str] | None = None) -> dict[str, Any]:
    body = {"url": url, "events": events or ["*"]}
    created: dict[str, Any] = client.post("/webhook_endpoints", json=body).json()["data"]
    return created


def advance(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/sandbox/clock/advance", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def clock_time(client: TestClient) -> float:
    return parse_timestamp(client.get("/sandbox/clock").json()["data"]["time"]).timestamp()


def steps(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [step for step in data["ran"] if step["kind"] == kind]
