"""Merging the schema layer's process into the main run: summary counts, failures, JUnit."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from larkpay_conformance.cli import build_parser, splits
from larkpay_conformance.split import merge_junit, merge_summary
from larkpay_conformance.stats import FailureRecord, Recorder


def _options(*argv: str) -> argparse.Namespace:
    return build_parser("larkpay conformance").parse_args(list(argv))


def test_merge_summary_adds_cases_failures_and_time_of_the_other_process() -> None:
    recorder = Recorder()
    recorder.case("schema", "GET /payments", 2)
    other = Recorder()
    other.case("schema", "GET /payments", 5)
    other.case("schema", "POST /payments", 3)
    other.add_time("schema", 4.0)
    other.failure(FailureRecord("schema", "POST /payments", "not_a_server_error", "500", "r"))
    merge_summary(recorder, other.to_json(seed=1, profile="quick", target="t", elapsed=1.0))
    assert recorder.cases[("schema", "GET /payments")] == 7
    assert recorder.total_cases("schema") == 10
    assert recorder.layer_seconds["schema"] == 4.0
    assert [f.check for f in recorder.failures] == ["not_a_server_error"]


def test_merge_junit_appends_test_cases_and_adds_the_counts(tmp_path: Path) -> None:
    main = tmp_path / "main.xml"
    extra = tmp_path / "extra.xml"
    main.write_text(
        '<testsuites><testsuite name="s" tests="1" failures="0" errors="0" skipped="0" time="9">'
        '<testcase name="a"/></testsuite></testsuites>'
    )
    extra.write_text(
        '<testsuites><testsuite name="s" tests="2" failures="1" errors="0" skipped="0" time="5">'
        '<testcase name="b"/><testcase name="c"><failure message="x"/></testcase>'
        "</testsuite></testsuites>"
    )
    merge_junit(main, extra)
    text = main.read_text()
    assert 'tests="3"' in text
    assert 'failures="1"' in text
    assert 'time="9"' in text
    assert text.index('name="a"') < text.index('name="b"') < text.index('name="c"')


def test_split_only_for_a_whole_run_against_the_embedded_sandbox(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LARKPAY_BASE_URL", raising=False)
    assert splits(_options())
    assert not splits(_options("--base-url", "http://x/v2"))
    assert not splits(_options("-k", "webhooks"))
    assert not splits(_options("-x"))
