"""The mutation harness: every mutant still matches the code exactly once (a refactor that
moves its text shows here), applies to a copy only, and the mutants spread over every layer of
the sandbox that holds behaviour."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tools.mutation.harness import (
    AREAS,
    KILLING_EXITS,
    PACKAGE,
    Outcome,
    apply,
    find_count,
    mutated_copy,
    summary_lines,
)
from tools.mutation.mutants import MUTANTS, Mutant


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.id for m in MUTANTS])
def test_mutant_text_occurs_exactly_once_in_the_current_code(mutant: Mutant) -> None:
    assert find_count(mutant) == 1, f"{mutant.id}: update its find text in {mutant.file}"
    assert mutant.find != mutant.replace
    assert mutant.description
    assert mutant.area in AREAS


def test_every_mutant_applies_to_a_copy_once_and_never_to_the_tree(tmp_path: Path) -> None:
    before = _tree_digest(PACKAGE)
    for number, mutant in enumerate(MUTANTS):
        root = mutated_copy(mutant, tmp_path / str(number))
        changed = (root / mutant.file).read_text(encoding="utf-8")
        assert changed.count(mutant.replace) >= 1
        assert changed != (PACKAGE / mutant.file).read_text(encoding="utf-8")
        with pytest.raises(ValueError, match="not once"):
            apply(Mutant(mutant.id, mutant.file, "no such text!", "", "", mutant.area), root)
    assert _tree_digest(PACKAGE) == before


def test_mutants_are_many_unique_and_spread_over_every_layer_with_behaviour() -> None:
    assert len(MUTANTS) >= 60
    assert len({m.id for m in MUTANTS}) == len(MUTANTS)
    layers = {m.file.split("/", 1)[0] for m in MUTANTS}
    assert {
        "handlers",
        "storage",
        "server",
        "webhooks",
        "workers",
        "spec",
        "core",
        "timeline",
    } <= layers
    modules = {m.file for m in MUTANTS}
    for module in ("server/auth.py", "server/ratelimit.py", "server/body.py", "server/pipeline.py",
                   "server/idempotency.py", "storage/paging.py", "storage/idempotency.py",
                   "storage/outbox.py", "webhooks/signing.py", "webhooks/schedule.py",
                   "workers/dispatcher.py", "timeline/advance.py", "storage/endpoints.py",
                   "handlers/clock.py", "handlers/api_keys.py", "storage/api_keys.py"):  # fmt: skip
        assert module in modules, module


def test_summary_prints_score_time_and_each_survivor_with_its_exit() -> None:
    outcomes = [
        Outcome("a", True, 1, 3.0, ["larkpay_x"], "bug a"),
        Outcome("b", False, 70, 2.0, [], "bug b"),
    ]
    lines = summary_lines(outcomes, 61.4, 2)
    assert lines[0] == "mutation score: 1/2 killed = 50.0% in 61 s wall (2 at a time)"
    assert lines[1:] == ["  survivor b (exit 70): bug b"]


def test_only_a_failed_check_or_a_refused_preflight_kills_a_mutant() -> None:
    assert set(KILLING_EXITS) == {1, 3}
