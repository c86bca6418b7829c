"""The default output: one block per finding, breaking first, then the gate's verdict."""

from __future__ import annotations

from larkpay_specdiff.findings import Finding
from larkpay_specdiff.output.common import (
    gate_line,
    ignored_ids,
    ignored_line,
    operations_text,
    sdk_unavailable,
    side_text,
    summary,
)
from larkpay_specdiff.report import Report


def _block(finding: Finding, ignored: bool) -> list[str]:
    label = finding.severity.value.upper() + (" (ignored)" if ignored else "")
    lines = [f"{label:<20} {finding.id:<4} {finding.rule}  {finding.subject}"]
    lines.append(f"{'':25}{finding.message}")
    lines.append(f"{'':25}base: {finding.base}")
    lines.append(f"{'':25}head: {finding.head}")
    if finding.operations:
        lines.append(f"{'':25}affects: {operations_text(finding)}")
    if finding.caused_by:
        lines.append(f"{'':25}caused by: {', '.join(finding.caused_by)}")
    return lines


def render_text(report: Report) -> str:
    """The report as plain text for a terminal or a CI log."""
    ignored = ignored_ids(report)
    lines = [
        f"larkpay spec diff: {side_text(report, True)} -> {side_text(report, False)}",
        summary(report),
        "",
    ]
    if not report.findings:
        lines.append("No changes to the API contract.")
    for finding in report.findings:
        lines += [*_block(finding, finding.id in ignored), ""]
    if report.sdk_error is not None:
        lines += [sdk_unavailable(report), ""]
    if report.sdk is not None:
        lines += ["SDK surface (the client generated from each side):", ""]
        if not report.sdk:
            lines.append("No changes to the SDK's public API.")
        for finding in report.sdk:
            lines += [*_block(finding, finding.id in ignored), ""]
    lines += [ignored_line(report, finding, entry) for finding, entry in report.verdict.ignored]
    lines += [f"Warning: {warning}" for warning in report.verdict.warnings]
    lines += [f"Gate failure: {failure}" for failure in report.verdict.failures[1:]]
    lines.append(f"Gate: {gate_line(report)}")
    return "\n".join(lines) + "\n"
