"""larkpay_specdiff.wire.stable: equal nodes are skipped only if their $refs are equal too."""

from __future__ import annotations

from pathlib import Path

from larkpay_specdiff.report import load_spec
from larkpay_specdiff.wire.stable import Stability

SPEC = """openapi: 3.1.0
info: {title: t, version: 1.0.0}
components:
  schemas:
    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: string, maxLength: LIMIT}
    Loop: {type: object, properties: {next: {$ref: '#/components/schemas/Loop'}}}
"""


def _stability(folder: Path, limit: int) -> tuple[Stability, object, object]:
    (folder / "b.yaml").write_text(SPEC.replace("LIMIT", "10"))
    (folder / "h.yaml").write_text(SPEC.replace("LIMIT", str(limit)))
    base, head = load_spec("b.yaml", cwd=folder), load_spec("h.yaml", cwd=folder)
    return Stability(base, head), base, head


def _at(spec: object, name: str) -> tuple[tuple[str, tuple[str, ...]], object]:
    pointer = ("components", "schemas", name)
    return (spec.root_file, pointer), spec.get((spec.root_file, pointer))  # type: ignore[attr-defined]


def test_equal_nodes_whose_refs_are_equal_are_the_same(tmp_path: Path) -> None:
    stability, base, head = _stability(tmp_path, 10)
    assert stability.same(_at(base, "A"), _at(head, "A"))


def test_equal_nodes_whose_ref_target_changed_are_not_the_same(tmp_path: Path) -> None:
    stability, base, head = _stability(tmp_path, 5)
    assert not stability.same(_at(base, "A"), _at(head, "A"))
    assert not stability.same(_at(base, "B"), _at(head, "B"))


def test_a_recursive_schema_is_decided_without_looping(tmp_path: Path) -> None:
    stability, base, head = _stability(tmp_path, 5)
    assert stability.same(_at(base, "Loop"), _at(head, "Loop"))
