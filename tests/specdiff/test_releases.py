"""larkpay_specdiff.releases: the newest committed snapshot by version number."""

from __future__ import annotations

from pathlib import Path

import pytest
from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.releases import latest_release, released_specs

ROOT = Path(__file__).resolve().parents[2]


def test_snapshots_sort_by_version_number_not_text(tmp_path: Path) -> None:
    for name in ("2.0.0.yaml", "10.0.0.yaml", "9.1.0.json", "notes.md", "draft.yaml"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in released_specs(tmp_path)] == ["2.0.0.yaml", "9.1.0.json", "10.0.0.yaml"]
    assert latest_release(tmp_path).name == "10.0.0.yaml"


def test_no_snapshot_says_how_to_add_one(tmp_path: Path) -> None:
    with pytest.raises(SpecInputError, match="copy the spec of the last release there"):
        latest_release(tmp_path / "none")


def test_the_repository_keeps_the_released_2_0_0_spec() -> None:
    latest = latest_release(ROOT / "specs" / "released")
    assert latest.name == "2.0.0.yaml"
    assert "\n  version: 2.0.0\n" in latest.read_text()
