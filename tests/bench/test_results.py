"""bench.results: ratios and targets in both directions, and how figures are rounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.results import Comparison, figure
from bench.run import SECTIONS, TITLES, main, splice


def comparison(ours: float, peer: float, target: float | None, higher: bool) -> Comparison:
    return Comparison("what", "req/s", ours, peer, "peer", target, higher)


def test_throughput_target_is_met_only_at_or_above_the_ratio() -> None:
    assert comparison(300, 100, 3.0, higher=True).met is True
    assert comparison(299, 100, 3.0, higher=True).met is False
    assert comparison(300, 100, 3.0, higher=True).target_text == ">= 3x"


def test_overhead_target_is_met_only_at_or_below_the_ratio() -> None:
    assert comparison(110, 100, 1.10, higher=False).met is True
    assert comparison(111, 100, 1.10, higher=False).met is False
    assert comparison(1, 1, 1.10, higher=False).target_text == "<= 1.1x"


def test_paired_ratio_wins_over_the_ratio_of_medians() -> None:
    row = Comparison("sdk", "us", 120, 100, "httpx", 1.10, False, paired_ratio=1.05)
    assert row.ratio == 1.05
    assert row.met is True


def test_row_without_target_is_informational() -> None:
    row = comparison(1, 2, None, higher=True)
    assert row.met is None
    assert row.target_text == "- (info)"


@pytest.mark.parametrize(
    ("value", "text"), [(14098.37, "14,098"), (33.64, "33.6"), (2.345, "2.35"), (0.0, "0.00")]
)
def test_figure_rounds_for_reading(value: float, text: str) -> None:
    assert figure(value) == text


def test_from_rounds_takes_the_median_of_paired_ratios_not_the_ratio_of_medians() -> None:
    rounds = [(1000.0, 100.0), (900.0, 150.0), (1200.0, 100.0)]  # 10x, 6x, 12x
    row = Comparison.from_rounds("GET", "req/s", rounds, "prism", 8.0, higher_is_better=True)
    assert row.ratio == 10.0
    assert (row.ours, row.peer) == (1000.0, 100.0)
    assert row.met is True
    assert row.rounds_text == "1,000/100 = 10.00x; 900/150 = 6.00x; 1,200/100 = 12.00x"


def test_from_rounds_needs_rounds() -> None:
    with pytest.raises(ValueError, match="no rounds"):
        Comparison.from_rounds("GET", "req/s", [], "prism", 8.0, higher_is_better=True)


def test_a_row_without_rounds_says_it_was_not_paired() -> None:
    assert comparison(2, 1, None, higher=True).rounds_text == "not measured in pairs"


def test_splice_replaces_only_the_sections_run_and_keeps_the_others() -> None:
    existing = (
        f"# Results\n\nfigures\n\n{TITLES['delivery']}\n\nold delivery\n\n"
        f"{TITLES['specdiff']}\n\nkept\n"
    )
    text = splice(existing, {"delivery": "new delivery", "clock": "7 days"}, "- run: today")
    assert "old delivery" not in text
    assert f"{TITLES['delivery']}\n\n- run: today\n\nnew delivery\n" in text
    assert text.index("new delivery") < text.index("kept") < text.index("7 days")
    assert text.startswith("# Results\n\nfigures\n")
    assert f"{TITLES['clock']}\n\n- run: today\n\n7 days" in text


def test_bench_takes_a_section_name_alone_and_rewrites_only_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "RESULTS.md"
    output.write_text(f"# Results\n\nkept figures\n\n{TITLES['clock']}\n\nold\n")
    monkeypatch.setitem(SECTIONS, "clock", lambda _profile: "measured")
    main(["clock", "--output", str(output)])
    text = output.read_text()
    assert "kept figures" in text
    assert "old" not in text
    assert text.endswith("measured\n")
    assert "load average (1 min / 5 min)" in text
