"""What the repository's openapi.yaml documents, as the rules layer and the coverage read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from larkpay_conformance.spec.spec_facts import (
    event_types,
    links,
    operations,
    path_allows,
    scenario_sources,
)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[3] / "openapi.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_operations_carry_auth_body_statuses_and_examples(spec: dict[str, Any]) -> None:
    ops = operations(spec)
    assert not ops["getHealth"].requires_auth
    settle = ops["settlePayment"]
    assert settle.tags == ("sandbox",)
    assert settle.has_body
    assert settle.example_body == {"outcome": "succeeded"}
    assert settle.parameters == ("payment_id",)
    assert 409 in settle.statuses


def test_links_name_source_status_and_target(spec: dict[str, Any]) -> None:
    ops = operations(spec)
    labels = {link.label(ops) for link in links(spec)}
    assert "POST /payments -> [201] GetPayment -> GET /payments/{payment_id}" in labels


def test_events_scenarios_and_allowed_methods(spec: dict[str, Any]) -> None:
    assert "payment.created" in event_types(spec)
    assert {"test_success", "test_unavailable_once"} <= set(scenario_sources(spec))
    assert path_allows(spec)["/payments/{payment_id}"] == {"GET", "PATCH"}
