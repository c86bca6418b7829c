"""The summary lines, the Markdown report and the self-contained HTML report."""

from __future__ import annotations

import re
from typing import Any

from larkpay_conformance.record.stats import FailureRecord, Recorder
from larkpay_conformance.report.html_report import render_html
from larkpay_conformance.report.report import render_report
from larkpay_conformance.report.summary import failure_lines, layer_lines


def summary(*failures: FailureRecord) -> dict[str, Any]:
    recorder = Recorder()
    recorder.traffic.record("schema", "GET", "http://h/v2/payments", 200)
    recorder.skip("webhooks", "pass --webhook-listen HOST:PORT")
    for failure in failures:
        recorder.failure(failure)
    return recorder.to_json(seed=7, profile="quick", target="t", elapsed=2.0, workers=2)


HOSTILE = FailureRecord(
    layer="schema",
    operation="<script>alert(1)</script>",
    checks=["x&y"],
    reason='"><img src=https://evil.example/x.png>',
    message="<b>boom</b>",
    curl="curl 'http://h/v2/payments?a=<x>'",
    rerun="larkpay conformance --seed 7 -k 'test_schema[createPayment]'",
    test="test_schema.py::test_schema[createPayment]",
)


def test_layer_lines_name_requests_and_examples_and_show_skips() -> None:
    text = "\n".join(layer_lines(summary()))
    assert "HTTP requests" in text
    assert "hypothesis examples" in text
    assert "webhooks   skipped: pass --webhook-listen HOST:PORT" in text
    assert "from the command's start to this summary" in text


def test_failure_lines_give_operation_checks_reason_curl_and_rerun() -> None:
    lines = failure_lines(summary(HOSTILE))
    assert lines[0] == "1 failing case(s):"
    assert "check(s) x&y" in lines[1]
    assert [line.split(":", 1)[0].strip() for line in lines[2:]] == ["reason", "curl", "rerun"]


def test_markdown_report_lists_each_case_with_its_commands() -> None:
    text = render_report(summary(HOSTILE), "larkpay conformance --seed 7")
    assert "## Failing cases (1)" in text
    assert HOSTILE.curl in text
    assert HOSTILE.rerun in text


def test_html_report_escapes_everything_and_loads_nothing_from_outside() -> None:
    page = render_html(summary(HOSTILE), "larkpay conformance --seed 7")
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "<img" not in page
    assert not re.search(r"<[^>]*\s(src|href)\s*=", page)
    assert "https://evil.example" in page  # as escaped text only
    assert "default-src 'none'" in page
