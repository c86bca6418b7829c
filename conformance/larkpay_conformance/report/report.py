"""The Markdown report written next to the JUnit XML, the HTML report and the JSON summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from larkpay_conformance.report.coverage_render import coverage_markdown
from larkpay_conformance.report.summary import header_line, layer_lines, operation_lines


def render_report(summary: dict[str, Any], rerun: str) -> str:
    """Markdown: the layers, each failing case with its reproduction, the operations."""
    out = ["# Larkpay conformance report", "", header_line(summary), ""]
    out += ["```", *layer_lines(summary), "```", ""]
    failures = summary["failures"]
    if not failures:
        out.append("All checks passed.")
    else:
        out.append(f"## Failing cases ({len(failures)})")
        for number, failure in enumerate(failures, 1):
            out += [
                "",
                f"### {number}. `{failure['test']}`: {failure['operation']}",
                "",
                f"- check(s): {', '.join(f'`{c}`' for c in failure['checks'])}",
                f"- reason: {failure['reason']}",
                "",
                "Request:",
                "",
                "```sh",
                failure["curl"],
                "```",
                "",
            ]
            for sent in failure.get("check_requests", []):
                checks = ", ".join(f"`{c}`" for c in sent["checks"])
                out += [f"Request sent by {checks}:", "", "```sh", sent["curl"], "```", ""]
            out += [
                "Rerun just this test:",
                "",
                "```sh",
                failure["rerun"],
                "```",
                "",
                "Details:",
                "",
                "```",
                failure["message"].strip(),
                "```",
            ]
    if "coverage" in summary:
        out += ["", "## Coverage", "", *coverage_markdown(summary["coverage"])]
    for note in summary.get("skipped_checks", []):
        out += ["", f"Note: {note}"]
    out += ["", "## Operations", "", "```", *operation_lines(summary), "```"]
    out += ["", f"Rerun this seed: `{rerun}`", ""]
    return "\n".join(out)


def write_report(path: Path, summary: dict[str, Any], rerun: str) -> None:
    """Write the Markdown report, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(summary, rerun), encoding="utf-8")
