"""One measured comparison (ours vs a peer) and how it is rendered in RESULTS.md.

A comparison is measured in rounds that alternate ours and the peer on the same machine; its
ratio is the MEDIAN OF THE PAIRED PER-ROUND RATIOS (ours_i / peer_i), and every round is listed,
so that one lucky round of either side decides nothing. ``ours`` and ``peer`` shown beside it
are the medians of each side's rounds.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    """A figure of ours next to the peer's figure from the same run.

    ``higher_is_better`` says which way the ratio ``ours / peer`` must go to meet ``target``
    (e.g. throughput: ratio >= 8.0; overhead in wall time: ratio <= 1.05). A row without a
    target is informational. ``rounds`` holds (ours, peer) of every round; without rounds (a
    benchmark not yet measured in pairs) the ratio is ``paired_ratio`` or ``ours / peer``.
    """

    what: str
    unit: str
    ours: float
    peer: float
    peer_name: str
    target: float | None
    higher_is_better: bool
    note: str = ""
    paired_ratio: float | None = None
    rounds: tuple[tuple[float, float], ...] = ()

    @classmethod
    def from_rounds(
        cls,
        what: str,
        unit: str,
        rounds: Sequence[tuple[float, float]],
        peer_name: str,
        target: float | None,
        higher_is_better: bool,
        note: str = "",
    ) -> Comparison:
        """A comparison from (ours, peer) per round: medians and the median paired ratio."""
        if not rounds:
            raise ValueError(f"{what}: no rounds measured")
        return cls(
            what=what,
            unit=unit,
            ours=statistics.median(o for o, _ in rounds),
            peer=statistics.median(p for _, p in rounds),
            peer_name=peer_name,
            target=target,
            higher_is_better=higher_is_better,
            note=note,
            paired_ratio=median_ratio(rounds),
            rounds=tuple(rounds),
        )

    @property
    def ratio(self) -> float:
        """``paired_ratio`` if given (the median of per-round ratios), else ``ours / peer``."""
        if self.paired_ratio is not None:
            return self.paired_ratio
        return self.ours / self.peer if self.peer else float("inf")

    @property
    def met(self) -> bool | None:
        """Whether the ratio reaches the target in the direction that counts (None: no target)."""
        if self.target is None:
            return None
        if self.higher_is_better:
            return self.ratio >= self.target
        return self.ratio <= self.target

    @property
    def target_text(self) -> str:
        """``>= 8x``, ``<= 1.05x``, or ``-`` for an informational row."""
        if self.target is None:
            return "- (info)"
        return f"{'>=' if self.higher_is_better else '<='} {self.target:g}x"

    @property
    def rounds_text(self) -> str:
        """Every round as ``ours/peer = ratio``, or why there are none."""
        if not self.rounds:
            return "not measured in pairs"
        return "; ".join(
            f"{figure(o)}/{figure(p)} = {o / p if p else float('inf'):.2f}x" for o, p in self.rounds
        )


def median_ratio(rounds: Sequence[tuple[float, float]]) -> float:
    """The median of ours / peer over the rounds."""
    return statistics.median(o / p if p else float("inf") for o, p in rounds)


def figure(value: float) -> str:
    """A figure rounded for reading: whole numbers with thousands separators from 100 up."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(rows: list[Comparison]) -> str:
    """The Markdown table: what, ours, peer, median paired ratio, target, met?, every round."""
    lines = [
        "| what | ours (median) | peer (median) | ratio (median of paired rounds) | target | met? "
        "| rounds: ours/peer = ratio |",
        "| --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.what} | {figure(row.ours)} {row.unit} | {figure(row.peer)} {row.unit} "
            f"({row.peer_name}) | {row.ratio:.3f}x | {row.target_text} | "
            f"{_met_text(row.met)} | {row.rounds_text} |"
        )
    return "\n".join(lines)


def _met_text(met: bool | None) -> str:
    if met is None:
        return "-"
    return "yes" if met else "**no**"


def notes(rows: list[Comparison]) -> str:
    """The notes of the rows that have one, as a bullet list."""
    return "\n".join(f"- {row.what}: {row.note}" for row in rows if row.note)
