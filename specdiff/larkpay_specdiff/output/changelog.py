"""The changelog section of the next release, in Markdown (Keep a Changelog headings), from the
diff against the last release. Each breaking wire change lists the SDK changes it causes."""

from __future__ import annotations

from datetime import date

from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.output.common import operations_text
from larkpay_specdiff.report import Report

_SECTIONS = ("Breaking changes", "Deprecated", "Added", "Removed", "Changed")


def _section(finding: Finding) -> str:
    if finding.severity is Severity.BREAKING:
        return "Breaking changes"
    if "deprecated" in finding.rule:
        return "Deprecated"
    if finding.rule.endswith(("-added", "-added-required")) and "enum" not in finding.rule:
        return "Added"
    if "removed" in finding.rule:
        return "Removed"
    return "Changed"


def _item(finding: Finding) -> str:
    where = operations_text(finding, limit=4)
    where = f" Affects {where}." if where else ""
    return f"- {finding.message}{where} (`{finding.rule}`)"


def _title(report: Report, today: date) -> str:
    base, head = report.base.version, report.head.version
    if head and head != base:
        return f"## [{head}] - {today.isoformat()}"
    return f"## [Unreleased] (info.version is still {base or 'unset'})"


def render_changelog(report: Report, today: date | None = None) -> str:
    """The section for the next release: breaking changes first, each with its SDK effects."""
    day = today or date.today()
    sdk = report.sdk or []
    lines = [
        _title(report, day),
        "",
        f"Compared with {report.base.version or 'the base'} (`{report.base.source.display}`).",
        "",
    ]
    grouped: dict[str, list[str]] = {name: [] for name in _SECTIONS}
    for finding in report.findings:
        items = [_item(finding)]
        for effect in sdk:
            if finding.id in effect.caused_by:
                items.append(f"  - SDK: {effect.message} (`{effect.rule}`)")
        grouped[_section(finding)] += items
    for effect in sdk:
        if not effect.caused_by and effect.severity is not Severity.INFO:
            grouped[_section(effect)].append(f"- SDK: {effect.message} (`{effect.rule}`)")
    for name in _SECTIONS:
        if grouped[name]:
            lines += [f"### {name}", "", *grouped[name], ""]
    if not report.findings and not any(f.severity is not Severity.INFO for f in sdk):
        lines += ["No changes to the API contract.", ""]
    return "\n".join(lines).rstrip() + "\n"
