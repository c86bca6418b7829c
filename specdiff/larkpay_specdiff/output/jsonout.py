"""JSON for tools: every finding with its locations, the verdict and the exit code."""

from __future__ import annotations

import json
from typing import Any

from larkpay_specdiff.findings import Finding, Location
from larkpay_specdiff.output.common import ignored_ids
from larkpay_specdiff.report import Report


def _location(location: Location) -> dict[str, Any]:
    return {"file": location.file, "pointer": location.pointer, "line": location.line}


def finding_dict(finding: Finding, ignored: set[str]) -> dict[str, Any]:
    """One finding as a JSON object."""
    return {
        "id": finding.id,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "subject": finding.subject,
        "message": finding.message,
        "base": _location(finding.base),
        "head": _location(finding.head),
        "operations": list(finding.operations),
        "details": dict(finding.details),
        "caused_by": list(finding.caused_by),
        "ignored": finding.id in ignored,
    }


def render_json(report: Report) -> str:
    """The report as one JSON document."""
    ignored = ignored_ids(report)
    document = {
        "base": {"spec": report.base.source.display, "version": report.base.version},
        "head": {"spec": report.head.source.display, "version": report.head.version},
        "findings": [finding_dict(f, ignored) for f in report.findings],
        "sdk_findings": None
        if report.sdk is None
        else [finding_dict(f, ignored) for f in report.sdk],
        "sdk_error": report.sdk_error,
        "ignored": [
            {
                "id": f.id,
                "entry": e.number,
                "reason": e.reason,
                "expires": str(e.expires),
                "through": list(report.verdict.through.get(f.id, ())),
            }
            for f, e in report.verdict.ignored
        ],
        "gate": {
            "passed": report.verdict.passed,
            "failures": report.verdict.failures,
            "warnings": report.verdict.warnings,
        },
        "exit_code": report.exit_code,
    }
    return json.dumps(document, indent=2) + "\n"
