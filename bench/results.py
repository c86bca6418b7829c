"""One measured comparison (ours vs a peer) and how it is rendered in RESULTS.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    """A figure of ours next to the peer's figure from the same run.

    ``higher_is_better`` says which way the ratio ``ours / peer`` must go to meet ``target``
    (e.g. throughput: ratio >= 3.0; overhead in wall time: ratio <= 1.10). A row without a
    target is informational.
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

    @property
    def ratio(self) -> float:
        """``paired_ratio`` if given (e.g. the median of per-round ratios), else ``ours / peer``."""
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
        """``>= 3x``, ``<= 1.1x``, or ``-`` for an informational row."""
        if self.target is None:
            return "- (info)"
        return f"{'>=' if self.higher_is_better else '<='} {self.target:g}x"


def figure(value: float) -> str:
    """A figure rounded for reading: whole numbers with thousands separators from 100 up."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(rows: list[Comparison]) -> str:
    """The Markdown table: what, ours, peer, ratio, target, met?"""
    lines = [
        "| what | ours | peer | ratio | target | met? |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.what} | {figure(row.ours)} {row.unit} | {figure(row.peer)} {row.unit} "
            f"({row.peer_name}) | {row.ratio:.3f}x | {row.target_text} | "
            f"{_met_text(row.met)} |"
        )
    return "\n".join(lines)


def _met_text(met: bool | None) -> str:
    if met is None:
        return "-"
    return "yes" if met else "**no**"


def notes(rows: list[Comparison]) -> str:
    """The notes of the rows that have one, as a bullet list."""
    return "\n".join(f"- {row.what}: {row.note}" for row in rows if row.note)
