"""Fixtures for the sandbox tests: an in-process app (fast) with the demo credentials."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any

import httpx
import pytest

# Starlette 1.x nudges towards httpx2; the httpx-based TestClient still works and is what we have.
warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
from larkpay_sandbox.app import create_app  # noqa: E402
from larkpay_sandbox.core.clock import Clock  # noqa: E402
from larkpay_sandbox.core.settings import DEMO_API_KEY, DEMO_API_SECRET, Settings  # noqa: E402
from larkpay_sandbox.core.wakeup import Wakeup  # noqa: E402
from larkpay_sandbox.server.contract import Services  # noqa: E402
from larkpay_sandbox.spec.routes import Spec  # noqa: E402
from larkpay_sandbox.storage.database import Store  # noqa: E402
from larkpay_sandbox.storage.outbox import Outbox  # noqa: E402
from larkpay_sandbox.testing import basic_auth  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from tests.sandbox.doubles import UnusedTimeline  # noqa: E402

AUTH = basic_auth(DEMO_API_KEY, DEMO_API_SECRET)


@cache
def loaded_spec() -> Spec:
    """The spec, parsed and compiled once per test session."""
    return Spec.load()


def make_client(**overrides: Any) -> TestClient:
    """A TestClient on a fresh in-memory sandbox, authenticated with the demo key."""
    settings = Settings(db_path=":memory:", rate_limit=0).with_overrides(**overrides)
    app = create_app(settings, loaded_spec())
    return TestClient(app, base_url="http://sandbox.test/v2", headers={"Authorization": AUTH})


def make_services(store: Store, clock: Clock | None = None) -> Services:
    """What handlers get, on ``store`` and ``clock`` (the wall clock by default)."""
    clock = clock or Clock()
    return Services(
        store=store,
        outbox=Outbox(store, clock),
        settings=Settings(db_path=store.db_path),
        clock=clock,
        settlements_due=Wakeup(),
        unavailable_seen=set(),
        timeline=UnusedTimeline(),
    )


@pytest.fixture
def client() -> Iterator[TestClient]:
    """An authenticated client on a fresh in-memory sandbox (lifespan running)."""
    with make_client() as test_client:
        yield test_client


def create_payment(client: TestClient, source: str = "test_success", **fields: Any) -> Any:
    """POST /payments and return the response."""
    body = {"amount": 2500, "currency": "USD", "source": source, **fields}
    return client.post("/payments", json=body)


def all_events(client: httpx.Client) -> list[dict[str, Any]]:
    """Every event of the client's API key, following the cursors."""
    events: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        page = client.get("/events", params=params).json()
        events += page["data"]
        if not page["has_more"]:
            return events
        params["cursor"] = page["next_cursor"]
