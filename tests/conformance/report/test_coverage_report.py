"""Coverage from recorded traffic: what was seen of what the spec documents, unreachable items
apart with their reasons, rules exercised by their checks, and the renderings."""

from __future__ import annotations

from typing import Any

from larkpay_conformance.report.coverage_render import coverage_html, coverage_markdown
from larkpay_conformance.report.coverage_report import compute_coverage, coverage_lines
from larkpay_conformance.spec.rules import RULES

SPEC: dict[str, Any] = {
    "paths": {
        "/things": {
            "post": {
                "operationId": "createThing",
                "responses": {
                    "201": {"links": {"GetThing": {"operationId": "getThing", "parameters": {}}}},
                    "400": {},
                    "500": {},
                },
            }
        },
        "/things/{id}": {"get": {"operationId": "getThing", "responses": {"200": {}, "404": {}}}},
    },
    "webhooks": {"thing.created": {}, "refund.updated": {}},
}


def row(operation: str, status: int, **fields: Any) -> dict[str, Any]:
    return {
        "layer": "schema",
        "operation": operation,
        "method": "GET",
        "path": "/",
        "status": status,
        "error_code": None,
        "event_types": [],
        "source": None,
        "link": None,
        "count": 1,
        **fields,
    }


def summary(rows: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"traffic": rows, "failures": [], "check_runs": {}, "webhook_deliveries": {}, **extra}


def test_seen_pairs_count_and_a_documented_500_is_unreachable_with_its_reason() -> None:
    rows = [row("createThing", 201), row("createThing", 400), row("getThing", 200)]
    coverage = compute_coverage(summary(rows), SPEC, embedded=True, sandbox=True)
    pairs = coverage["categories"]["operation statuses"]
    assert (pairs["covered"], pairs["reachable"]) == (3, 4)
    assert pairs["missing"] == ["getThing 404"]
    assert "bug" in pairs["unreachable"]["createThing 500"]
    assert coverage["operations"]["getThing"]["missing"] == [404]


def test_events_links_and_codes_are_counted_from_the_traffic() -> None:
    link = "POST /things -> [201] GetThing -> GET /things/{id}"
    rows = [row("getThing", 200, event_types=["thing.created"], link=link, error_code="NOT_FOUND")]
    coverage = compute_coverage(
        summary(rows, webhook_deliveries={"thing.created": 2}), SPEC, embedded=True, sandbox=True
    )
    categories = coverage["categories"]
    assert categories["links"]["covered"] == 1
    assert categories["event types listed"]["covered"] == 1
    assert "refund.updated" in categories["event types delivered"]["unreachable"]
    assert categories["error codes"]["covered"] == 1
    assert "INTERNAL_ERROR" in categories["error codes"]["unreachable"]


def test_a_rule_is_exercised_when_one_of_its_checks_ran_and_failures_are_counted() -> None:
    first = RULES[0]
    runs = {first.checks[0]: 5}
    failures = [{"checks": [first.checks[1]]}]
    coverage = compute_coverage(
        summary([], check_runs=runs, failures=failures), SPEC, embedded=True, sandbox=True
    )
    rule = coverage["rules"][first.id]
    assert rule["exercised"]
    assert rule["failed"] == 1
    assert not coverage["rules"][RULES[1].id]["exercised"]
    sharing = sum(1 for rule in RULES if first.checks[0] in rule.checks)
    assert coverage["categories"]["rules"]["covered"] == sharing


def test_renderings_name_every_category_and_what_is_missing() -> None:
    coverage = compute_coverage(
        summary([row("createThing", 201)]), SPEC, embedded=True, sandbox=True
    )
    text = "\n".join(coverage_lines(coverage))
    assert "operation statuses" in text
    assert "getThing 200" in text
    markdown = "\n".join(coverage_markdown(coverage))
    assert "| getThing | 200 404 | - | 200 404 | - |" in markdown
    assert "INTERNAL_ERROR is a bug" in markdown
    assert "<table>" in coverage_html(coverage)
