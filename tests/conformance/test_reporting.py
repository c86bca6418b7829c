"""Counting, the summary table, the Markdown report, reproduction commands and check names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from larkpay_conformance.checks import CheckFailedError
from larkpay_conformance.cli import build_parser, pytest_args
from larkpay_conformance.profiles import get_profile
from larkpay_conformance.report import render_report, write_report
from larkpay_conformance.repro import check_names, curl_command, rerun_command
from larkpay_conformance.stats import FailureRecord, Recorder, summary_lines, write_summary


def recorder_with_data() -> Recorder:
    recorder = Recorder()
    recorder.case("schema", "GET /payments", 30)
    recorder.case("schema", "POST /payments", 10)
    recorder.case("webhooks", "createPayment", 2)
    recorder.failure(
        FailureRecord("schema", "POST /payments", "larkpay_envelope", "bad", "Rerun: x")
    )
    return recorder


def test_summary_counts_cases_per_layer_and_rate() -> None:
    summary = recorder_with_data().to_json(seed=7, profile="quick", target="t", elapsed=2.0)
    assert summary["total_cases"] == 42
    assert summary["cases_per_second"] == 21.0
    assert summary["layers"]["schema"] == {"cases": 40, "seconds": 0.0, "failures": 1}
    assert summary["layers"]["webhooks"]["cases"] == 2


def test_summary_lines_show_seed_operations_and_failing_checks() -> None:
    summary = recorder_with_data().to_json(seed=7, profile="quick", target="t", elapsed=2.0)
    text = "\n".join(summary_lines(summary))
    assert "seed=7" in text
    assert "POST /payments" in text
    assert "failing checks: larkpay_envelope x1" in text


def test_report_lists_failures_with_reproduction(tmp_path: Path) -> None:
    summary = recorder_with_data().to_json(seed=7, profile="full", target="t", elapsed=1.0)
    write_report(tmp_path / "r.md", summary, "pytest conformance/ --seed 7")
    text = (tmp_path / "r.md").read_text()
    assert "`larkpay_envelope` in schema / POST /payments" in text
    assert "Rerun this seed: `pytest conformance/ --seed 7`" in text
    write_summary(tmp_path / "s.json", summary)
    assert json.loads((tmp_path / "s.json").read_text())["seed"] == 7


def test_report_without_failures_says_so() -> None:
    summary = Recorder().to_json(seed=1, profile="quick", target="t", elapsed=1.0)
    assert "All checks passed." in render_report(summary, "cmd")


def test_curl_command_quotes_body_and_drops_transport_headers() -> None:
    curl = curl_command("post", "http://h/v2/payments", {"Host": "h", "X-A": "it's"}, b'{"a": 1}')
    assert curl.startswith("curl -sS -i -X POST")
    assert "Host" not in curl
    assert "'X-A: it'\"'\"'s'" in curl
    assert "--data-binary '{\"a\": 1}'" in curl


def test_curl_command_never_writes_the_credentials() -> None:
    curl = curl_command("get", "http://h/v2/payments", {"Authorization": "Basic c2VjcmV0"})
    assert "c2VjcmV0" not in curl
    assert '-u "$LARKPAY_API_KEY:$LARKPAY_API_SECRET"' in curl


def test_rerun_command_names_seed_profile_url_and_test() -> None:
    command = rerun_command(
        seed=5, profile="full", base_url="http://x/v2", nodeid="conformance/test_a.py::t"
    )
    assert command == (
        "pytest conformance/test_a.py::t --profile full --seed 5 --base-url http://x/v2"
    )


def test_check_names_walks_exception_groups() -> None:
    group = ExceptionGroup("g", [CheckFailedError("larkpay_a", "x"), ValueError("y")])
    assert check_names(group) == ["larkpay_a", "ValueError"]


def test_unknown_profile_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="full"):
        get_profile("huge")


def test_cli_builds_pytest_args_with_reports_and_seed() -> None:
    options = build_parser("larkpay conformance").parse_args(
        ["--profile", "quick", "--base-url", "http://x/v2", "--report-dir", "out"]
    )
    args = pytest_args(options, seed=9)
    assert args[args.index("--seed") + 1] == "9"
    assert "--junitxml=out/conformance-junit.xml" in args
    assert args[args.index("--base-url") + 1] == "http://x/v2"
