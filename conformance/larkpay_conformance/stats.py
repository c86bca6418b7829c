"""Counts of cases and failures per layer and operation, and the summary table printed at the end.

One process-wide :data:`RECORDER`; the layers call :meth:`Recorder.case` once per request they
send as a test case and :meth:`Recorder.failure` for each failure they find.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

LAYERS = ("schema", "stateful", "workflows", "scenarios", "webhooks")


@dataclass
class FailureRecord:
    """A failure as shown in the report: where, which check, what happened, how to reproduce."""

    layer: str
    operation: str
    check: str
    message: str
    reproduce: str = ""


@dataclass
class Recorder:
    """Thread-safe counters; ``started`` is the wall-clock start of the run."""

    cases: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[FailureRecord] = field(default_factory=list)
    layer_seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    started: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def case(self, layer: str, operation: str, count: int = 1) -> None:
        """Count ``count`` test cases (requests) of ``operation`` in ``layer``."""
        with self._lock:
            self.cases[(layer, operation)] += count

    def failure(self, record: FailureRecord) -> None:
        """Remember a failure for the summary and the report."""
        with self._lock:
            self.failures.append(record)

    def add_time(self, layer: str, seconds: float) -> None:
        """Add wall time spent in ``layer``'s tests."""
        with self._lock:
            self.layer_seconds[layer] += seconds

    def total_cases(self, layer: str | None = None) -> int:
        """All cases, or those of one layer."""
        return sum(n for (lay, _), n in self.cases.items() if layer is None or lay == layer)

    def to_json(self, *, seed: int, profile: str, target: str, elapsed: float) -> dict[str, Any]:
        """A JSON-ready summary of the run (for the report writer and the planted-fault test)."""
        layers = {
            layer: {
                "cases": self.total_cases(layer),
                "seconds": round(self.layer_seconds.get(layer, 0.0), 3),
                "failures": sum(1 for f in self.failures if f.layer == layer),
            }
            for layer in LAYERS
        }
        total = self.total_cases()
        return {
            "seed": seed,
            "profile": profile,
            "target": target,
            "elapsed_seconds": round(elapsed, 3),
            "total_cases": total,
            "cases_per_second": round(total / elapsed, 1) if elapsed > 0 else 0.0,
            "layers": layers,
            "operations": [
                {"layer": lay, "operation": op, "cases": n}
                for (lay, op), n in sorted(self.cases.items())
            ],
            "failures": [asdict(f) for f in self.failures],
        }


RECORDER = Recorder()


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """The human-readable summary table: layers, then operations, then failing checks."""
    failures_by_op = Counter((f["layer"], f["operation"]) for f in summary["failures"])
    lines = [
        f"Larkpay conformance: profile={summary['profile']} seed={summary['seed']} "
        f"target={summary['target']}",
        "",
        f"{'layer':<11} {'cases':>7} {'failures':>8} {'seconds':>8}",
    ]
    for layer, row in summary["layers"].items():
        lines.append(f"{layer:<11} {row['cases']:>7} {row['failures']:>8} {row['seconds']:>8.1f}")
    lines += [
        f"{'total':<11} {summary['total_cases']:>7} {len(summary['failures']):>8} "
        f"{summary['elapsed_seconds']:>8.1f}",
        f"cases per second: {summary['cases_per_second']}",
        "",
        f"{'layer':<11} {'operation':<44} {'cases':>7} {'failures':>8}",
    ]
    for row in summary["operations"]:
        fails = failures_by_op.get((row["layer"], row["operation"]), 0)
        lines.append(f"{row['layer']:<11} {row['operation'][:44]:<44} {row['cases']:>7} {fails:>8}")
    if summary["failures"]:
        checks = Counter(f["check"] for f in summary["failures"])
        lines += [
            "",
            "failing checks: " + ", ".join(f"{c} x{n}" for c, n in sorted(checks.items())),
        ]
    return lines


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    """Write the JSON summary, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
