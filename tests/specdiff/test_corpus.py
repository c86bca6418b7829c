"""The corpus: every spec pair reports exactly its expected findings, rule and place on both
sides; every rule has a case that triggers it and a near-miss, a neighbouring change that must
report something else (or nothing, for a stated reason)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from larkpay_specdiff.findings import Location
from larkpay_specdiff.loading.document import parse_pointer
from larkpay_specdiff.report import load_spec
from larkpay_specdiff.rules import RULES
from larkpay_specdiff.wire.engine import diff_specs

from tests.specdiff.corpus_cases import KINDS, Case, load_cases

CASES = load_cases()
TODAY = date(2026, 1, 1)


def test_corpus_has_at_least_120_pairs_with_unique_names() -> None:
    names = [case.name for case in CASES]
    assert len(CASES) >= 120
    assert len(names) == len(set(names))


def test_corpus_names_only_rules_of_the_catalogue_and_known_kinds() -> None:
    named = {case.covers for case in CASES if case.covers} | {r for c in CASES for r in c.rules}
    assert named - set(RULES) == set()
    assert {case.kind for case in CASES} <= set(KINDS)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_a_trigger_and_a_near_miss(rule: str) -> None:
    triggers = [c for c in CASES if c.covers == rule and c.kind == "trigger" and rule in c.rules]
    near_misses = [
        c for c in CASES if c.covers == rule and c.kind == "near-miss" and rule not in c.rules
    ]
    assert triggers, f"no case triggers {rule}"
    assert near_misses, f"no near-miss for {rule}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_is_a_real_change_of_its_kind(case: Case) -> None:
    """A near-miss changes the spec and reports another rule, or says why it reports none;
    an equivalent rewrite changes the text but reports nothing."""
    base, head = yaml.safe_load(case.base_text), yaml.safe_load(case.head_text)
    if case.kind == "near-miss":
        assert base != head, "a near-miss must change something"
        assert case.expect or case.why, "a near-miss that reports nothing must say why"
    if case.kind == "equivalent":
        assert case.base_text != case.head_text
        assert not case.expect


def _holds(text: str, location: Location) -> bool:
    """Whether the reported line is where the pointer's last key (or list item) is written."""
    segments = parse_pointer(location.pointer)
    if not segments:
        return location.line in (None, 1)
    assert location.line is not None, location
    line = text.splitlines()[location.line - 1]
    last = segments[-1]
    if any(f"{key}:" in line for key in (last, f"'{last}'", f'"{last}"')):
        return True
    parent = segments[-2] if len(segments) > 1 else ""  # an item of a list
    return last.isdigit() and (line.lstrip().startswith("-") or f"{parent}:" in line)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_reports_exactly_the_expected_findings_at_their_places(
    case: Case, tmp_path: Path
) -> None:
    (tmp_path / "base.yaml").write_text(case.base_text)
    (tmp_path / f"head{case.head_suffix}").write_text(case.head_text)
    base = load_spec("base.yaml", cwd=tmp_path)
    head = load_spec(f"head{case.head_suffix}", cwd=tmp_path)
    findings = diff_specs(base, head, today=TODAY)
    found = sorted((f.rule, f.base.pointer, f.head.pointer) for f in findings)
    assert found == sorted((e.rule, e.base, e.head) for e in case.expect)
    for finding in findings:
        assert _holds(case.base_text, finding.base), finding.base
        assert _holds(case.head_text, finding.head), finding.head
