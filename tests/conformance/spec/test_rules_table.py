"""The rule table: every rule names at least two checks, each of which exists in the suite
(a check name the code raises or counts, or a schemathesis check it runs), and
conformance/README.md shows exactly this table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from larkpay_conformance.schema.st_checks import BUILT_IN_CHECKS
from larkpay_conformance.spec.rules import RULES, rule_checks
from schemathesis.checks import CHECKS, load_all_checks

PACKAGE = Path(__file__).resolve().parents[3] / "conformance" / "larkpay_conformance"
README = PACKAGE.parent / "README.md"


def _names_in_code() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "rules.py":
            found |= set(re.findall(r'"(larkpay_[a-z_]+)"', path.read_text(encoding="utf-8")))
    return found


def render_table() -> list[str]:
    """The Markdown table README.md must carry."""
    lines = ["| rule | what must hold | defended by (check names) |", "| --- | --- | --- |"]
    for rule in RULES:
        checks = ", ".join(f"`{name}`" for name in rule.checks)
        lines.append(f"| `{rule.id}` | {rule.text} | {checks} |")
    return lines


def test_every_rule_names_at_least_two_distinct_checks() -> None:
    for rule in RULES:
        assert len(set(rule.checks)) >= 2, rule.id
        assert len(set(rule.checks)) == len(rule.checks), rule.id


@pytest.mark.parametrize("check", sorted(rule_checks()))
def test_every_check_of_the_table_exists_in_the_suite(check: str) -> None:
    if check.startswith("larkpay_"):
        assert check in _names_in_code(), f"{check} is named by a rule but nowhere in the suite"
    else:
        load_all_checks()
        assert check in BUILT_IN_CHECKS
        assert check in {c.__name__ for c in CHECKS.get_all()}


def test_readme_shows_the_rule_table() -> None:
    text = README.read_text(encoding="utf-8")
    assert "\n".join(render_table()) in text, "regenerate the table: " + "\n".join(render_table())


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
