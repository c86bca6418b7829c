"""JUnit XML for CI test reports: one test case per finding and one for the version gate.

A finding is a failure while the gate fails because of its severity (a breaking one without a
major bump, a warning with ``--fail-on warning``) and no ignore entry covers it; other findings
pass, with their message as output, so they still show in the CI's test view. An SDK diff that
could not run is an error case.
"""

from __future__ import annotations

from xml.etree import ElementTree

from larkpay_specdiff.output.common import ignored_ids, operations_text
from larkpay_specdiff.report import Report


def render_junit(report: Report) -> str:
    """The report as a JUnit XML document."""
    ignored = ignored_ids(report)
    suite = ElementTree.Element("testsuite", name="larkpay spec diff")
    failures = 0
    for finding in report.all_findings():
        case = ElementTree.SubElement(
            suite, "testcase", classname=finding.rule, name=f"{finding.id} {finding.subject}"
        )
        text = f"{finding.message}\nbase: {finding.base}\nhead: {finding.head}"
        if finding.operations:
            text += f"\naffects: {operations_text(finding, limit=50)}"
        if finding.severity in report.verdict.failing and finding.id not in ignored:
            failures += 1
            failure = ElementTree.SubElement(case, "failure", message=finding.message)
            failure.set("type", finding.severity.value)
            failure.text = text
        else:
            ElementTree.SubElement(case, "system-out").text = f"[{finding.severity.value}] {text}"
    errors = 0
    if report.sdk_error is not None:
        errors += 1
        sdk = ElementTree.SubElement(suite, "testcase", classname="sdk-diff", name="SDK diff")
        error = ElementTree.SubElement(sdk, "error", message="SDK diff not available")
        error.text = report.sdk_error
    gate = ElementTree.SubElement(suite, "testcase", classname="version-gate", name="version gate")
    if not report.verdict.passed:
        failures += 1
        failure = ElementTree.SubElement(gate, "failure", message=report.verdict.failures[0])
        failure.text = "\n".join(report.verdict.failures)
    if report.verdict.warnings:
        ElementTree.SubElement(gate, "system-out").text = "\n".join(report.verdict.warnings)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ElementTree.Element("testsuites")
    root.append(suite)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, "unicode") + "\n"
