"""The human-readable Markdown report written next to the JUnit XML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from larkpay_conformance.stats import summary_lines


def render_report(summary: dict[str, Any], rerun: str) -> str:
    """Markdown: the summary table, then each failure with its reproduction."""
    out = ["# Larkpay conformance report", "", "```", *summary_lines(summary), "```", ""]
    failures = summary["failures"]
    if not failures:
        out.append("All checks passed.")
    else:
        out.append(f"## Failures ({len(failures)})")
        for number, failure in enumerate(failures, 1):
            out += [
                "",
                f"### {number}. `{failure['check']}` in "
                f"{failure['layer']} / {failure['operation']}",
                "",
                "```",
                failure["message"].strip(),
                "```",
            ]
            if failure.get("reproduce"):
                out += ["", "Reproduce:", "", "```", failure["reproduce"].strip(), "```"]
    out += ["", f"Rerun this seed: `{rerun}`", ""]
    return "\n".join(out)


def write_report(path: Path, summary: dict[str, Any], rerun: str) -> None:
    """Write the Markdown report, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(summary, rerun), encoding="utf-8")
