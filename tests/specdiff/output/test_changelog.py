"""larkpay_specdiff.output.changelog: the next release's section from the diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from larkpay_specdiff.output.changelog import render_changelog
from larkpay_specdiff.report import Report, compare, load_spec

from tests.specdiff.pairs import write_pair


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("pair")
    base, head = write_pair(folder, head_version="2.0.0")
    return compare(load_spec(str(folder / base)), load_spec(str(folder / head)), sdk=True)


def test_changelog_titles_the_section_with_the_new_version_and_date(report: Report) -> None:
    text = render_changelog(report, today=date(2026, 5, 1))
    assert text.startswith("## [2.0.0] - 2026-05-01\n")


def test_changelog_groups_changes_and_puts_sdk_effects_under_their_cause(report: Report) -> None:
    text = render_changelog(report, today=date(2026, 5, 1))
    sections = [line for line in text.splitlines() if line.startswith("### ")]
    assert sections == ["### Breaking changes", "### Added", "### Changed"]
    breaking = text.split("### Breaking changes")[1].split("###")[0]
    assert "Response field `Item.id` is no longer always present" in breaking
    assert "  - SDK: `models.Item.id`: the type of a model attribute changed" in breaking
    assert "`POST /items` was added" in text.split("### Added")[1]
    assert "got new enum values" in text.split("### Changed")[1]


def test_changelog_without_a_version_bump_is_unreleased(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path)
    report = compare(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path))
    assert render_changelog(report).startswith("## [Unreleased] (info.version is still 1.0.0)")
