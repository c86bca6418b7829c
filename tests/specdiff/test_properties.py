"""Property tests on openapi.yaml: rewrites that keep its meaning give no finding; each breaking
mutation gives at least one breaking finding, of the rule it targets."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.report import load_spec
from larkpay_specdiff.wire.engine import diff_specs

from tests.specdiff import rewrites

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.load((ROOT / "openapi.yaml").read_text(), Loader=yaml.CSafeLoader)
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def base() -> Any:
    return load_spec(str(ROOT / "openapi.yaml"))


def _diff(base: Any, document: dict[str, Any], folder: Path, as_json: bool) -> list[Finding]:
    path = folder / ("head.json" if as_json else "head.yaml")
    if as_json:
        path.write_text(json.dumps(document))
    else:
        path.write_text(yaml.dump(document, Dumper=yaml.CSafeDumper, sort_keys=False))
    return diff_specs(base, load_spec(str(path)))


@SETTINGS
@given(
    seed=st.integers(0, 2**32 - 1),
    inline=st.floats(0, 1),
    extract=st.floats(0, 1),
    as_json=st.booleans(),
)
def test_meaning_preserving_rewrites_give_no_finding(
    base: Any, tmp_path: Path, seed: int, inline: float, extract: float, as_json: bool
) -> None:
    rnd = random.Random(seed)
    document = rewrites.inline_refs(SPEC, rnd, inline)
    document = rewrites.extract_schemas(document, rnd, extract)
    document = rewrites.shuffle_keys(document, rnd)
    findings = _diff(base, document, tmp_path, as_json)
    assert findings == [], [f"{f.rule}: {f.message}" for f in findings]


@SETTINGS
@given(
    mutation=st.sampled_from(rewrites.MUTATIONS), pick=st.integers(0, 10_000), as_json=st.booleans()
)
def test_breaking_mutations_give_a_breaking_finding_of_their_rule(
    base: Any, tmp_path: Path, mutation: rewrites.Mutation, pick: int, as_json: bool
) -> None:
    document = copy.deepcopy(SPEC)
    rule = mutation(document, pick)
    breaking = [
        f.rule for f in _diff(base, document, tmp_path, as_json) if f.severity is Severity.BREAKING
    ]
    assert breaking, f"{mutation.__name__} gave no breaking finding"
    assert any(found.endswith(rule) for found in breaking), (rule, breaking)


@pytest.mark.parametrize("mutation", rewrites.MUTATIONS, ids=lambda m: m.__name__)
def test_each_breaking_mutation_gives_a_breaking_finding_of_its_rule(
    base: Any, tmp_path: Path, mutation: rewrites.Mutation
) -> None:
    document = copy.deepcopy(SPEC)
    rule = mutation(document, 0)
    breaking = [
        f.rule for f in _diff(base, document, tmp_path, False) if f.severity is Severity.BREAKING
    ]
    assert any(found.endswith(rule) for found in breaking), (rule, breaking)
