"""The end of a run, in the reporting process: the summary before any traceback pytest prints,
then the JSON, Markdown and HTML reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from larkpay_conformance.deployment.target import spec_path
from larkpay_conformance.record.clock import seconds_since_process_start
from larkpay_conformance.record.repro import rerun_command
from larkpay_conformance.report.coverage_report import compute_coverage, coverage_lines
from larkpay_conformance.report.html_report import write_html
from larkpay_conformance.report.report import write_report
from larkpay_conformance.report.summary import (
    failure_lines,
    header_line,
    layer_lines,
    operation_lines,
)
from larkpay_conformance.run import suite as suite_module
from larkpay_conformance.run.suite import Suite

REPORT_NAMES = {
    "summary": "conformance-summary.json",
    "markdown": "conformance-report.md",
    "html": "conformance-report.html",
    "junit": "conformance-junit.xml",
}


def run_summary(suite: Suite) -> dict[str, Any]:
    """The run's summary as of now, with its coverage: the time from the command's start to
    this summary (the command itself prints the figure to its exit, after the reports and
    teardown)."""
    summary = suite.recorder.to_json(
        seed=suite.options.seed,
        profile=suite.options.profile.name,
        target=suite.target_label,
        elapsed=seconds_since_process_start(),
        workers=max(suite.workers, 1),
    )
    assert suite.target is not None
    summary["skipped_checks"] = skipped_check_notes(suite)
    summary["coverage"] = compute_coverage(
        summary,
        spec_document(suite),
        embedded=suite.target.embedded,
        sandbox=suite.target.is_sandbox,
    )
    return summary


def spec_document(suite: Suite) -> dict[str, Any]:
    """openapi.yaml as a document (the schema's, when this process loaded one)."""
    if suite.schema is not None:
        return dict(suite.schema.raw_schema)
    import yaml

    with spec_path().open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def skipped_check_notes(suite: Suite) -> list[str]:
    """Checks the run could not do, and why (e.g. tenant isolation without a second key)."""
    notes = []
    if suite.target is not None and suite.target.second_tenant is None:
        notes.append(f"tenant isolation checks skipped: {suite.target.second_key_note}")
    return notes


def coverage_verdict(suite: Suite, summary: dict[str, Any]) -> str | None:
    """Why the run fails its --fail-under-coverage, or None."""
    wanted = suite.options.fail_under_coverage
    percent = summary["coverage"]["percent"]
    if wanted is None or percent >= wanted:
        return None
    return f"coverage {percent:g}% is below --fail-under-coverage {wanted:g}%"


def write_reports(report_dir: Path, summary: dict[str, Any], rerun: str) -> list[Path]:
    """The JSON summary, the Markdown and the HTML report; their paths."""
    report_dir.mkdir(parents=True, exist_ok=True)
    paths = [report_dir / REPORT_NAMES[name] for name in ("summary", "markdown", "html")]
    paths[0].write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    write_report(paths[1], summary, rerun)
    write_html(paths[2], summary, rerun)
    return paths


def show_summary(terminalreporter: Any, verbose: bool, exitstatus: int = 0) -> None:
    """Write the summary, the failing cases and where the reports went; or, when no test was
    selected, say so and write no report."""
    suite = suite_module.CURRENT
    if suite is None or suite.target is None or not suite.reporting:
        return
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        keyword = terminalreporter.config.option.keyword
        terminalreporter.write_line(
            f"no test matched -k {keyword!r}: no report written" if keyword else "no test ran"
        )
        return
    summary = run_summary(suite)
    write = terminalreporter.write_line
    terminalreporter.section("Larkpay conformance summary")
    write(header_line(summary))
    if suite.preflight:
        write(suite.preflight)
    for line in layer_lines(summary):
        write(line)
    if verbose:
        write("")
        for line in operation_lines(summary):
            write(line)
    write("")
    for line in coverage_lines(summary["coverage"]):
        write(line)
    for note in summary["skipped_checks"]:
        write(note)
    write("")
    for line in failure_lines(summary):
        write(line)
    verdict = coverage_verdict(suite, summary)
    if verdict is not None:
        write(f"FAILED: {verdict}")
    rerun = rerun_command(
        seed=suite.options.seed,
        profile=suite.options.profile.name,
        base_url=suite.rerun_base_url,
        pytest_path=suite.options.pytest_path,
    )
    write(f"rerun this seed: {rerun}")
    if suite.options.report_dir is not None:
        paths = write_reports(suite.options.report_dir, summary, rerun)
        write("reports: " + ", ".join(str(p) for p in paths))
