"""larkpay_specdiff.gate.ignore: reading spec-diff-ignore.yaml and matching findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from larkpay_specdiff.errors import IgnoreFileError
from larkpay_specdiff.gate.ignore import IgnoreEntry, load_ignore_file

from tests.specdiff.findings_factory import finding

RULES = {"response-property-became-optional", "sdk-attribute-type-changed"}


def _entry(location: str, rule: str = "response-property-became-optional") -> IgnoreEntry:
    return IgnoreEntry(rule, location, "accepted", date(2030, 1, 1), 1)


@pytest.mark.parametrize(
    "location",
    [
        "/components/schemas/Payment/required",
        "/components/schemas/Payment",
        "/components/schemas/Payment/required/12",
        "GET /payments/{payment_id}",
        "get /payments/{payment_id}",
        "Payment.updated_at",
    ],
)
def test_an_entry_matches_by_pointer_prefix_operation_or_subject(location: str) -> None:
    assert _entry(location).matches(finding())


@pytest.mark.parametrize(
    "location",
    [
        "/components/schemas/Pay",
        "/components/schemas/Payment/properties",
        "GET /payments",
        "Payment",
    ],
)
def test_an_entry_does_not_match_a_partial_segment_or_other_place(location: str) -> None:
    assert not _entry(location).matches(finding())


def test_an_entry_for_another_rule_does_not_match() -> None:
    assert not _entry("Payment.updated_at", "sdk-attribute-type-changed").matches(finding())


def test_an_entry_rule_may_be_a_pattern_over_rule_ids() -> None:
    assert _entry("Payment.updated_at", "*-property-became-optional").matches(finding())
    assert not _entry("Payment.updated_at", "request-*").matches(finding())


def test_an_entry_is_expired_only_after_its_date() -> None:
    entry = _entry("x")
    assert not entry.expired(date(2030, 1, 1))
    assert entry.expired(date(2030, 1, 2))


def test_load_reads_entries_with_dates(tmp_path: Path) -> None:
    path = tmp_path / "ignore.yaml"
    path.write_text(
        "ignore:\n  - rule: response-property-became-optional\n    location: Payment.updated_at\n"
        "    reason: known\n    expires: 2030-01-01\n"
    )
    [entry] = load_ignore_file(path, RULES)
    assert entry.expires == date(2030, 1, 1)
    assert entry.reason == "known"
    assert entry.number == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("ignore: {a: 1}", "expected a list under `ignore:`"),
        ("ignore:\n  - rule: x\n", "entry 1: `location` is missing"),
        (
            "ignore:\n  - {rule: nope, location: l, reason: r, expires: 2030-01-01}",
            "unknown rule 'nope'",
        ),
        (
            "ignore:\n  - {rule: response-property-became-optional, location: l, reason: r,\n"
            "     expires: soon}",
            "must be a date",
        ),
        (
            "ignore:\n  - {rule: response-property-became-optional, location: l, reason: r,\n"
            "     expires: 2030-01-01, why: x}",
            "unknown field 'why'",
        ),
        ("ignore: [", "cannot be read as YAML"),
        (
            "ignore:\n  - {rule: 'webhook-*', location: l, reason: r, expires: 2030-01-01}",
            "unknown rule 'webhook-\\*'",
        ),
    ],
)
def test_load_names_the_first_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "ignore.yaml"
    path.write_text(text)
    with pytest.raises(IgnoreFileError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load_ignore_file(path, RULES)


def test_load_of_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(IgnoreFileError, match="no such ignore file"):
        load_ignore_file(tmp_path / "none.yaml", RULES)
