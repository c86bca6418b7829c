"""What a run exercised, computed from its recorded traffic (``summary["traffic"]``) against
what the spec documents: each documented (operation, status) pair, each error code, each event
type listed and delivered, each scenario source, each link, and each rule of
:data:`~larkpay_conformance.spec.rules.RULES` (a check of it ran; how many failed).

Each category counts what was seen among what is reachable; what is not (see
:mod:`~larkpay_conformance.spec.unreachable`, plus what this kind of target cannot show) is listed
with its reason. The run's coverage is every category's seen items over all reachable ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from larkpay_conformance.checks.checks import ERROR_STATUS
from larkpay_conformance.spec.rules import RULES, Rule
from larkpay_conformance.spec.spec_facts import event_types, links, operations, scenario_sources
from larkpay_conformance.spec.unreachable import (
    UNREACHABLE_CODES,
    UNREACHABLE_EVENTS,
    status_reason,
)

CATEGORIES = (
    "operation statuses",
    "error codes",
    "event types listed",
    "event types delivered",
    "scenarios",
    "links",
    "rules",
)


def _target_reason(operation: Any, status: int, *, embedded: bool, sandbox: bool) -> str | None:
    if (not sandbox and status in (402, 503)) or (not sandbox and status == 429 and not embedded):
        return "needs a sandbox's test scenarios"
    if status == 429 and not embedded and operation.operation_id != "createPayment":
        return "needs a sandbox with a small rate limit (started only for the embedded target)"
    return None


def _category(
    seen: Iterable[str], documented: Iterable[str], unreachable: Mapping[str, str]
) -> dict[str, Any]:
    seen_set = set(seen)
    reachable = [item for item in documented if item not in unreachable]
    covered = [item for item in reachable if item in seen_set]
    return {
        "covered": len(covered),
        "reachable": len(reachable),
        "percent": round(100.0 * len(covered) / len(reachable), 1) if reachable else 100.0,
        "missing": [item for item in reachable if item not in seen_set],
        "unreachable": dict(unreachable),
        "seen_unreachable": sorted(seen_set & set(unreachable)),
    }


def _rule_row(rule: Rule, runs: Mapping[str, int], failed: Counter[str]) -> dict[str, Any]:
    checks = {
        name: {"runs": int(runs.get(name, 0)), "failures": failed[name]} for name in rule.checks
    }
    return {
        "text": rule.text,
        "checks": checks,
        "exercised": any(row["runs"] for row in checks.values()),
        "failed": sum(row["failures"] for row in checks.values()),
    }


def compute_coverage(
    summary: Mapping[str, Any], spec: Mapping[str, Any], *, embedded: bool, sandbox: bool
) -> dict[str, Any]:
    """The coverage of one run (``summary`` as :meth:`Recorder.to_json` makes it)."""
    ops = {
        op_id: op for op_id, op in operations(spec).items() if sandbox or "sandbox" not in op.tags
    }
    statuses: defaultdict[str, set[int]] = defaultdict(set)
    codes: Counter[str] = Counter()
    listed: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    followed: Counter[str] = Counter()
    for record in summary.get("traffic", []):
        statuses[record["operation"]].add(int(record["status"]))
        if record.get("error_code"):
            codes[record["error_code"]] += record["count"]
        for kind in record.get("event_types") or ():
            listed[kind] += record["count"]
        if record.get("source"):
            sources[record["source"]] += record["count"]
        if record.get("link"):
            followed[record["link"]] += record["count"]
    per_operation: dict[str, Any] = {}
    pairs: list[str] = []
    pair_reasons: dict[str, str] = {}
    for op_id, op in sorted(ops.items()):
        row: dict[str, Any] = {"documented": list(op.statuses), "seen": sorted(statuses[op_id])}
        reasons = {}
        for status in op.statuses:
            reason = status_reason(op_id, status) or _target_reason(
                op, status, embedded=embedded, sandbox=sandbox
            )
            label = f"{op_id} {status}"
            pairs.append(label)
            if reason:
                reasons[str(status)] = pair_reasons[label] = reason
        row["unreachable"] = reasons
        row["missing"] = [
            s for s in op.statuses if str(s) not in reasons and s not in statuses[op_id]
        ]
        per_operation[op_id] = row
    seen_pairs = [f"{op_id} {s}" for op_id, found in statuses.items() for s in found]
    spec_events = event_types(spec)
    delivered = summary.get("webhook_deliveries", {})
    failed: Counter[str] = Counter(
        name for failure in summary.get("failures", []) for name in failure.get("checks", [])
    )
    runs = summary.get("check_runs", {})
    rules = {rule.id: _rule_row(rule, runs, failed) for rule in RULES}
    spec_scenarios = scenario_sources(spec) if sandbox else []
    labels = [link.label(ops) for link in links(spec) if link.source in ops and link.target in ops]
    categories = {
        "operation statuses": _category(seen_pairs, pairs, pair_reasons),
        "error codes": _category(codes, ERROR_STATUS, UNREACHABLE_CODES),
        "event types listed": _category(listed, spec_events, UNREACHABLE_EVENTS),
        "event types delivered": _category(delivered, spec_events, UNREACHABLE_EVENTS),
        "scenarios": _category(sources, spec_scenarios, {}),
        "links": _category(followed, labels, {}),
        "rules": _category([r for r, row in rules.items() if row["exercised"]], rules, {}),
    }
    covered = sum(c["covered"] for c in categories.values())
    reachable = sum(c["reachable"] for c in categories.values())
    return {
        "percent": round(100.0 * covered / reachable, 1) if reachable else 100.0,
        "covered": covered,
        "reachable": reachable,
        "categories": categories,
        "operations": per_operation,
        "rules": rules,
        "counts": {
            "error_codes": dict(sorted(codes.items())),
            "event_types_listed": dict(sorted(listed.items())),
            "event_types_delivered": dict(sorted(delivered.items())),
            "scenarios": dict(sorted(sources.items())),
            "links": dict(sorted(followed.items())),
        },
    }


def coverage_lines(coverage: Mapping[str, Any], *, limit: int = 6) -> list[str]:
    """The compact form for the terminal: one line per category, then what is missing."""
    lines = [
        f"coverage {coverage['percent']:g}% ({coverage['covered']}/{coverage['reachable']} "
        "reachable items of the spec and the rules exercised)"
    ]
    for name, category in coverage["categories"].items():
        line = (
            f"  {name:<22} {category['covered']:>4}/{category['reachable']:<4} "
            f"{category['percent']:>5.1f}%"
        )
        if category["unreachable"]:
            line += f"  ({len(category['unreachable'])} unreachable, see the report)"
        lines.append(line)
        if category["missing"]:
            shown = ", ".join(category["missing"][:limit])
            more = len(category["missing"]) - limit
            lines.append(f"    not exercised: {shown}" + (f" and {more} more" if more > 0 else ""))
    failing = [rule for rule, row in coverage["rules"].items() if row["failed"]]
    if failing:
        lines.append(f"  rules with failing checks: {', '.join(failing)}")
    return lines
