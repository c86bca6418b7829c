"""larkpay_specdiff.output: text, Markdown, JSON and JUnit renderings of one report."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from larkpay_specdiff.findings import Severity
from larkpay_specdiff.output.jsonout import render_json
from larkpay_specdiff.output.junit import render_junit
from larkpay_specdiff.output.markdown import render_markdown
from larkpay_specdiff.output.text import render_text
from larkpay_specdiff.report import Report, compare, load_spec

from tests.specdiff.pairs import write_pair


@pytest.fixture
def report(tmp_path: Path) -> Report:
    base, head = write_pair(tmp_path)
    return compare(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path))


def test_text_lists_each_finding_with_both_locations_and_the_verdict(report: Report) -> None:
    text = render_text(report)
    assert "1 breaking, 1 warning, 1 info (wire)" in text
    assert "BREAKING             W1   response-property-became-optional  Item.id" in text
    assert "base: base.yaml:20 /components/schemas/Item/required/0" in text
    assert "head: head.yaml:26 /components/schemas/Item/required" in text
    assert "affects: GET /items/{item_id}" in text
    assert text.rstrip().endswith("set it to 2.0.0, or revert the change.")


def test_markdown_has_a_verdict_and_a_table_per_severity(report: Report) -> None:
    markdown = render_markdown(report)
    assert markdown.startswith("## API diff: base.yaml (1.0.0) → head.yaml (1.0.0)")
    assert "❌ Version gate: FAILED" in markdown
    for title in ("### Wire: Breaking changes", "### Wire: Warnings", "### Wire: Other changes"):
        assert title in markdown
    assert "| W1 | `response-property-became-optional` |" in markdown


def test_json_carries_findings_locations_gate_and_exit_code(report: Report) -> None:
    document = json.loads(render_json(report))
    first = document["findings"][0]
    assert first["rule"] == "response-property-became-optional"
    assert first["base"] == {
        "file": "base.yaml",
        "pointer": "/components/schemas/Item/required/0",
        "line": 20,
    }
    assert document["sdk_findings"] is None
    assert document["gate"]["passed"] is False
    assert document["exit_code"] == 1
    assert [f["severity"] for f in document["findings"]] == ["breaking", "warning", "info"]


def test_junit_fails_the_breaking_finding_and_the_gate_only(report: Report) -> None:
    root = ElementTree.fromstring(render_junit(report))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "4"
    assert suite.get("failures") == "2"
    failed = [
        case.get("classname") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    assert failed == ["response-property-became-optional", "version-gate"]


def test_junit_has_no_failure_once_the_major_is_bumped(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path, head_version="2.0.0")
    report = compare(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path))
    root = ElementTree.fromstring(render_junit(report))
    assert root.find("testsuite").get("failures") == "0"  # type: ignore[union-attr]


def test_junit_with_fail_on_warning_fails_the_warnings_too(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path, head_version="2.0.0")
    report = compare(
        load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path), fail_on=Severity.WARNING
    )
    suite = ElementTree.fromstring(render_junit(report)).find("testsuite")
    assert suite is not None
    failed = [
        case.get("classname") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    assert failed == ["response-property-enum-value-added", "version-gate"]


def test_every_format_shows_an_sdk_diff_that_could_not_run(report: Report) -> None:
    broken = dataclasses.replace(report, sdk_error="openapi-python-client failed on head.yaml")
    assert broken.exit_code == 2
    assert "SDK diff not available: openapi-python-client failed" in render_text(broken)
    assert "SDK diff not available: openapi-python-client failed" in render_markdown(broken)
    assert json.loads(render_json(broken))["sdk_error"].startswith("openapi-python-client")
    suite = ElementTree.fromstring(render_junit(broken)).find("testsuite")
    assert suite is not None
    assert suite.get("errors") == "1"
