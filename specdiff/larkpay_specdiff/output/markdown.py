"""Markdown for a pull-request comment: a summary table, then the findings by severity."""

from __future__ import annotations

from larkpay_specdiff.findings import Finding, Severity
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

TITLES = {
    Severity.BREAKING: "Breaking changes",
    Severity.WARNING: "Warnings",
    Severity.INFO: "Other changes",
}


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _loc(finding: Finding) -> str:
    base, head = finding.base, finding.head
    return f"base `{base}`<br>head `{head}`"


def _table(findings: list[Finding], ignored: set[str]) -> list[str]:
    lines = ["| id | rule | change | where |", "| --- | --- | --- | --- |"]
    for finding in findings:
        note = " *(ignored)*" if finding.id in ignored else ""
        cause = f"<br>caused by {', '.join(finding.caused_by)}" if finding.caused_by else ""
        where = operations_text(finding)
        where = f"{cell(where)}<br>{_loc(finding)}" if where else _loc(finding)
        lines.append(
            f"| {finding.id} | `{finding.rule}`{note} | {cell(finding.message)}{cause} | {where} |"
        )
    return lines


def render_markdown(report: Report) -> str:
    """The report as Markdown."""
    ignored = ignored_ids(report)
    verdict = "✅" if report.verdict.passed else "❌"
    lines = [
        f"## API diff: {side_text(report, True)} → {side_text(report, False)}",
        "",
        f"{verdict} Version gate: {gate_line(report)}",
        "",
        f"{summary(report)}.",
        "",
    ]
    for title, findings in (("Wire", report.findings), ("SDK", report.sdk)):
        if findings is None:
            continue
        for severity in Severity:
            chosen = [f for f in findings if f.severity is severity]
            if chosen:
                lines += [f"### {title}: {TITLES[severity]}", "", *_table(chosen, ignored), ""]
    if not report.all_findings():
        lines += ["No changes to the API contract.", ""]
    if report.sdk_error is not None:
        lines += ["**" + sdk_unavailable(report).replace("\n", "**\n\n", 1), ""]
    extra = [ignored_line(report, finding, entry) for finding, entry in report.verdict.ignored]
    extra += report.verdict.warnings + report.verdict.failures[1:]
    lines += [f"- {item}" for item in extra]
    return "\n".join(lines).rstrip() + "\n"
