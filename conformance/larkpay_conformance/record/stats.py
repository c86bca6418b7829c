"""What one run did: HTTP requests (the traffic), hypothesis examples, failures and time per
layer; JSON for the reports and for merging the workers of a run.

One process-wide :data:`RECORDER`. Transports record every request they send
(:mod:`larkpay_conformance.record.traffic`); hypothesis-driven tests count their examples; the
pytest plugin adds one :class:`FailureRecord` per failing case.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from larkpay_conformance.record.traffic import Traffic

LAYERS = (
    "schema",
    "stateful",
    "workflows",
    "rules",
    "scenarios",
    "tenants",
    "webhooks",
    "clock",
)


@dataclass
class FailureRecord:
    """One failing case: where, every check that failed in it, why, and how to reproduce it."""

    layer: str
    operation: str
    checks: list[str]
    reason: str
    message: str = ""
    curl: str = ""
    rerun: str = ""
    test: str = ""
    #: requests the checks sent themselves ({"checks": [...], "curl": ...}), apart from ``curl``
    check_requests: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Recorder:
    """Thread-safe counters of one process (or, merged, of a whole run)."""

    traffic: Traffic = field(default_factory=Traffic)
    examples: Counter[str] = field(default_factory=Counter)
    failures: list[FailureRecord] = field(default_factory=list)
    layer_seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    webhook_events: Counter[str] = field(default_factory=Counter)
    #: check name -> how many times it ran (passed or failed): the rules it defends were exercised
    check_runs: Counter[str] = field(default_factory=Counter)
    #: layer -> why its tests were skipped (each reason once)
    skips: dict[str, list[str]] = field(default_factory=dict)
    #: moments of the run, in seconds since the process started (where the time went)
    timeline: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def example(self, layer: str, count: int = 1) -> None:
        """Count hypothesis examples (inputs of a @given test, runs of a state machine)."""
        with self._lock:
            self.examples[layer] += count

    def delivery(self, event_type: str) -> None:
        """Count a webhook delivery of ``event_type`` that a receiver got and checked."""
        with self._lock:
            self.webhook_events[event_type] += 1

    def ran(self, check: str, count: int = 1) -> None:
        """Count ``count`` runs of the check named ``check`` (whatever their outcome)."""
        with self._lock:
            self.check_runs[check] += count

    def mark(self, moment: str, seconds: float, *, first: bool = False) -> None:
        """Note when ``moment`` happened (``first``: keep the earliest)."""
        with self._lock:
            if not (first and moment in self.timeline):
                self.timeline[moment] = round(seconds, 3)

    def skip(self, layer: str, reason: str) -> None:
        """Remember why a test of ``layer`` was skipped."""
        with self._lock:
            reasons = self.skips.setdefault(layer, [])
            if reason not in reasons:
                reasons.append(reason)

    def failure(self, record: FailureRecord) -> None:
        """Remember a failure for the summary and the reports."""
        with self._lock:
            self.failures.append(record)

    def add_time(self, layer: str, seconds: float) -> None:
        """Add wall time spent in ``layer``'s tests."""
        with self._lock:
            self.layer_seconds[layer] += seconds

    def total_requests(self, layer: str | None = None) -> int:
        """HTTP requests sent, in all or by one layer."""
        return self.traffic.total(layer)

    def part(self) -> dict[str, Any]:
        """This process's share, JSON-ready, for :meth:`merge` in the process that reports."""
        return {
            "traffic": self.traffic.rows(),
            "examples": dict(self.examples),
            "failures": [asdict(f) for f in self.failures],
            "layer_seconds": dict(self.layer_seconds),
            "webhook_events": dict(self.webhook_events),
            "check_runs": dict(self.check_runs),
        }

    def merge(self, part: Mapping[str, Any], *, with_failures: bool = True) -> None:
        """Add another process's :meth:`part` (a worker of this run)."""
        self.traffic.merge(part.get("traffic", []))
        with self._lock:
            self.examples.update(part.get("examples", {}))
            self.webhook_events.update(part.get("webhook_events", {}))
            self.check_runs.update(part.get("check_runs", {}))
            for layer, seconds in part.get("layer_seconds", {}).items():
                self.layer_seconds[layer] += float(seconds)
            if with_failures:
                self.failures += [FailureRecord(**f) for f in part.get("failures", [])]

    def to_json(
        self, *, seed: int, profile: str, target: str, elapsed: float, workers: int = 1
    ) -> dict[str, Any]:
        """The summary of the run: the reports are written from it."""
        by_operation = self.traffic.by_operation()
        failures_by_layer = Counter(f.layer for f in self.failures)
        layers = {
            layer: {
                "http_requests": self.traffic.total(layer),
                "hypothesis_examples": self.examples.get(layer, 0),
                "failures": failures_by_layer.get(layer, 0),
                "test_seconds": round(self.layer_seconds.get(layer, 0.0), 3),
                "skipped": list(self.skips.get(layer, [])),
            }
            for layer in LAYERS
        }
        total = self.traffic.total()
        return {
            "seed": seed,
            "profile": profile,
            "target": target,
            "workers": workers,
            "elapsed_seconds": round(elapsed, 3),
            "elapsed_from": "process start",
            "elapsed_to": "summary",
            "http_requests": total,
            "hypothesis_examples": sum(self.examples.values()),
            "http_requests_per_second": round(total / elapsed, 1) if elapsed > 0 else 0.0,
            "layers": layers,
            "operations": [
                {"layer": layer, "operation": operation, "http_requests": count}
                for (layer, operation), count in sorted(by_operation.items())
            ],
            "webhook_deliveries": dict(sorted(self.webhook_events.items())),
            "check_runs": dict(sorted(self.check_runs.items())),
            "timeline_seconds": {**self.timeline, "summary": round(elapsed, 3)},
            "failures": [asdict(f) for f in self.failures],
            "traffic": self.traffic.rows(),
        }


RECORDER = Recorder()


def ran(check: str, count: int = 1) -> None:
    """Count runs of a check in this process's :data:`RECORDER`."""
    RECORDER.ran(check, count)
