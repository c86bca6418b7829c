"""The summary a person reads at the end of a run: per layer, HTTP requests and hypothesis
examples counted apart, the rate from the command's start to the summary, then every failing
case with its operation, checks, reason, curl command and rerun command."""

from __future__ import annotations

from typing import Any

_CURL_WIDTH = 400


def rate_line(summary: dict[str, Any]) -> str:
    """How many HTTP requests in how long, from the command's start to this summary."""
    return (
        f"{summary['http_requests']:,} HTTP requests and {summary['hypothesis_examples']:,} "
        f"hypothesis examples in {summary['elapsed_seconds']:.1f} s from the command's start to "
        f"this summary = {summary['http_requests_per_second']:g} HTTP requests/s"
    )


def layer_lines(summary: dict[str, Any]) -> list[str]:
    """The table of layers, then the totals and the rate."""
    lines = [
        f"{'layer':<10} {'HTTP requests':>13} {'hypothesis examples':>19} {'failures':>8} "
        f"{'test s':>7}"
    ]
    for layer, row in summary["layers"].items():
        line = (
            f"{layer:<10} {row['http_requests']:>13,} {row['hypothesis_examples']:>19,} "
            f"{row['failures']:>8} {row['test_seconds']:>7.1f}"
        )
        if row.get("skipped") and not row["http_requests"]:
            line = f"{layer:<10} skipped: {'; '.join(row['skipped'])}"
        lines.append(line)
    lines += [
        f"{'total':<10} {summary['http_requests']:>13,} {summary['hypothesis_examples']:>19,} "
        f"{len(summary['failures']):>8}",
        rate_line(summary),
    ]
    return lines


def operation_lines(summary: dict[str, Any]) -> list[str]:
    """HTTP requests and failures per layer and operation."""
    failures: dict[tuple[str, str], int] = {}
    for failure in summary["failures"]:
        key = (failure["layer"], failure["operation"])
        failures[key] = failures.get(key, 0) + 1
    lines = [f"{'layer':<10} {'operation':<28} {'HTTP requests':>13} {'failures':>8}"]
    for row in summary["operations"]:
        count = failures.get((row["layer"], row["operation"]), 0)
        lines.append(
            f"{row['layer']:<10} {row['operation'][:28]:<28} {row['http_requests']:>13,} {count:>8}"
        )
    return lines


def _short(text: str) -> str:
    return (
        text
        if len(text) <= _CURL_WIDTH
        else text[:_CURL_WIDTH] + " ... (whole command in the report)"
    )


def failure_lines(summary: dict[str, Any]) -> list[str]:
    """Each failing case: test, operation, checks, then reason, curl and rerun, one line each."""
    failures = summary["failures"]
    if not failures:
        return ["no failures"]
    lines = [f"{len(failures)} failing case(s):"]
    for number, failure in enumerate(failures, 1):
        lines += [
            f"{number:>3}. {failure['test']}  operation {failure['operation']}  "
            f"check(s) {', '.join(failure['checks'])}",
            f"     reason: {failure['reason']}",
            f"     curl:   {_short(failure['curl'])}",
        ]
        lines += [
            f"     curl sent by {', '.join(sent['checks'])}: {_short(sent['curl'])}"
            for sent in failure.get("check_requests", [])
        ]
        lines.append(f"     rerun:  {failure['rerun']}")
    return lines


def header_line(summary: dict[str, Any]) -> str:
    """Target, profile, seed and workers of the run."""
    workers = summary["workers"]
    return (
        f"target {summary['target']}  profile {summary['profile']}  seed {summary['seed']}  "
        f"{workers} worker process{'es' if workers != 1 else ''}"
    )
