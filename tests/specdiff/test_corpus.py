"""The corpus: every spec pair reports exactly its expected rule ids; every rule has a case
that triggers it and a near-miss that must not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from larkpay_specdiff.report import load_spec
from larkpay_specdiff.rules import RULES
from larkpay_specdiff.wire.engine import diff_specs

from tests.specdiff.corpus_cases import Case, load_cases

CASES = load_cases()
TODAY = date(2026, 1, 1)


def test_corpus_has_at_least_120_pairs_with_unique_names() -> None:
    names = [case.name for case in CASES]
    assert len(CASES) >= 120
    assert len(names) == len(set(names))


def test_corpus_names_only_rules_of_the_catalogue() -> None:
    named = {case.covers for case in CASES if case.covers} | {r for c in CASES for r in c.expect}
    assert named - set(RULES) == set()


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_a_trigger_and_a_near_miss(rule: str) -> None:
    triggers = [c for c in CASES if c.covers == rule and c.kind == "trigger" and rule in c.expect]
    near_misses = [
        c for c in CASES if c.covers == rule and c.kind == "near-miss" and rule not in c.expect
    ]
    assert triggers, f"no case triggers {rule}"
    assert near_misses, f"no near-miss for {rule}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_reports_exactly_the_expected_rules(case: Case, tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(case.base_text)
    (tmp_path / f"head{case.head_suffix}").write_text(case.head_text)
    base = load_spec("base.yaml", cwd=tmp_path)
    head = load_spec(f"head{case.head_suffix}", cwd=tmp_path)
    found = tuple(sorted(f.rule for f in diff_specs(base, head, today=TODAY)))
    assert found == case.expect
