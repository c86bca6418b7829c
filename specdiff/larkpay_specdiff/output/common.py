"""Small pieces every output format shares."""

from __future__ import annotations

from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.gate.ignore import IgnoreEntry
from larkpay_specdiff.report import Report

SHOWN_OPERATIONS = 6


def operations_text(finding: Finding, limit: int = SHOWN_OPERATIONS) -> str:
    """``GET /a, POST /b (+3 more)``; empty when the finding is spec-wide."""
    shown = ", ".join(finding.operations[:limit])
    more = len(finding.operations) - limit
    return f"{shown} (+{more} more)" if more > 0 else shown


def side_text(report: Report, base: bool) -> str:
    """``openapi.yaml (2.0.0)``."""
    spec = report.base if base else report.head
    return f"{spec.source.display} ({spec.version or 'no version'})"


def summary(report: Report) -> str:
    """``2 breaking, 1 warning, 4 info (wire); 1 breaking, 0 warnings, 2 info (SDK)``."""

    def counts(sdk: bool) -> str:
        parts = []
        for severity in Severity:
            number = report.count(severity, sdk=sdk)
            name = severity.value if number == 1 or severity is not Severity.WARNING else "warnings"
            parts.append(f"{number} {name}")
        return ", ".join(parts)

    text = f"{counts(False)} (wire)"
    if report.sdk is not None:
        text += f"; {counts(True)} (SDK)"
    return text


def gate_line(report: Report) -> str:
    """``PASSED`` or ``FAILED``, with the first reason."""
    if report.verdict.passed:
        return "PASSED"
    return "FAILED: " + report.verdict.failures[0]


def ignored_ids(report: Report) -> set[str]:
    """Ids of the findings that the ignore file suppressed."""
    return {finding.id for finding, _ in report.verdict.ignored}


def sdk_unavailable(report: Report) -> str:
    """Why the SDK diff is missing (empty when it ran or was not asked for)."""
    if report.sdk_error is None:
        return ""
    return (
        f"SDK diff not available: {report.sdk_error}\nThe gate judged the wire findings "
        "only; fix the side the generator fails on and run again (exit 2)."
    )


def ignored_line(report: Report, finding: Finding, entry: IgnoreEntry) -> str:
    """``Ignored W1 by entry 1 (...) until ...: reason``; an SDK finding names its causes."""
    through = report.verdict.through.get(finding.id)
    via = f" (through {', '.join(through)}, which it caused)" if through else ""
    return f"Ignored {finding.id} by {entry.describe()}{via}, until {entry.expires}: {entry.reason}"
