"""larkpay_specdiff.rules and .sdk.rules: the catalogue is complete and direction-aware."""

from __future__ import annotations

import pytest
from larkpay_specdiff.findings import Severity
from larkpay_specdiff.rules import RULES
from larkpay_specdiff.schema_rules import READ_CONTEXTS, REQUEST_CONTEXTS, SCHEMA_CHANGES
from larkpay_specdiff.sdk.rules import SDK_RULES


def test_wire_and_sdk_rule_ids_are_distinct_and_sdk_ids_are_prefixed() -> None:
    assert not set(RULES) & set(SDK_RULES)
    assert all(rule.startswith("sdk-") for rule in SDK_RULES)
    assert not any(rule.startswith("sdk-") for rule in RULES)


@pytest.mark.parametrize("rule", [*RULES.values(), *SDK_RULES.values()], ids=lambda r: r.id)
def test_every_rule_says_what_it_detects_and_what_to_do(rule: object) -> None:
    assert rule.summary
    assert rule.action
    assert rule.summary[0].islower()
    assert not rule.summary.endswith(".")


@pytest.mark.parametrize(
    "change",
    [
        "type-narrowed",
        "enum-value-removed",
        "max-decreased",
        "min-increased",
        "pattern-added",
        "became-not-nullable",
    ],
)
def test_narrowing_breaks_requests_only(change: str) -> None:
    for context in REQUEST_CONTEXTS:
        assert RULES[f"{context}-{change}"].severity is Severity.BREAKING
    for context in READ_CONTEXTS:
        assert RULES[f"{context}-{change}"].severity is Severity.INFO


@pytest.mark.parametrize("change", ["type-widened", "became-nullable"])
def test_loosening_what_a_response_guarantees_breaks_readers_only(change: str) -> None:
    for context in READ_CONTEXTS:
        assert RULES[f"{context}-{change}"].severity is Severity.BREAKING
    for context in REQUEST_CONTEXTS:
        assert RULES[f"{context}-{change}"].severity is Severity.INFO


def test_a_response_enum_or_union_that_grows_is_a_warning() -> None:
    assert RULES["response-property-enum-value-added"].severity is Severity.WARNING
    assert RULES["response-property-variant-added"].severity is Severity.WARNING
    assert RULES["webhook-property-enum-value-added"].severity is Severity.WARNING
    assert RULES["request-property-enum-value-added"].severity is Severity.INFO


def test_default_changes_exist_for_requests_only() -> None:
    assert set(SCHEMA_CHANGES) - {"default-changed"} <= {
        k.split("-", 2)[2] for k in RULES if k.startswith("response-header-")
    }
    assert "response-property-default-changed" not in RULES
