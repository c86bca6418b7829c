"""The suite against a server nobody here wrote (the pinned Prism mock): the report a person gets
is short and actionable - the summary with no traceback flood, one entry per failing case, each
with its operation, checks, reason, curl and rerun command, and a self-contained HTML file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.prism import running_prism

pytestmark = pytest.mark.slow

KEYS = {
    "LARKPAY_API_KEY": "lk_test_DemoDemoDemoDemo00000001",
    "LARKPAY_API_SECRET": "lsk_DemoDemoDemoDemoDemoDemo0000000001",
}
SEED = 4242


def _suite(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **KEYS}
    env.pop("LARKPAY_BASE_URL", None)
    command = [sys.executable, "-m", "larkpay_cli", "conformance", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def prism_url() -> Iterator[str]:
    with running_prism() as base_url:
        yield base_url


@pytest.fixture(scope="module")
def run(
    prism_url: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, str, dict[str, Any], Path]:
    reports = tmp_path_factory.mktemp("prism-reports")
    # The webhook and clock layers only wait out their timeouts against a mock (nothing is
    # delivered): left out to stay quick.
    receivers = "not test_webhooks and not test_clock and not test_endpoint_health"
    done = _suite(
        "--base-url", prism_url, "--profile", "quick", "--seed", str(SEED), "--workers", "2",
        "--report-dir", str(reports), "-k", receivers,
    )  # fmt: skip
    summary = json.loads((reports / "conformance-summary.json").read_text(encoding="utf-8"))
    return done.returncode, done.stdout + done.stderr, summary, reports


def test_the_summary_comes_without_a_traceback_flood(run: Any) -> None:
    code, output, summary, _ = run
    assert code == 1, output[-3000:]
    assert "Traceback" not in output
    lines = output.splitlines()
    summary_at = next(i for i, line in enumerate(lines) if "Larkpay conformance summary" in line)
    assert summary_at < 15, lines[:summary_at]
    assert len(lines) < summary_at + 20 + 6 * len(summary["failures"])


def test_prism_is_a_sandbox_because_it_answers_the_sandbox_operations(run: Any) -> None:
    _, output, summary, _ = run
    assert "a sandbox (GET /sandbox/clock answers" in output
    assert summary["target"].endswith("(remote, sandbox)")


def test_each_failing_case_is_listed_once_with_every_check_it_broke(run: Any) -> None:
    _, output, summary, _ = run
    failures = summary["failures"]
    assert len(failures) >= 10
    keys = [(f["test"], f["operation"], tuple(f["checks"]), f["reason"]) for f in failures]
    assert len(keys) == len(set(keys))
    assert all(len(f["checks"]) == len(set(f["checks"])) for f in failures)
    schema_tests = [f["test"] for f in failures if f["layer"] == "schema"]
    assert schema_tests
    assert all(re.search(r"::test_schema\[[A-Za-z]+\]$", t) for t in schema_tests)
    assert any(len(f["checks"]) > 1 for f in failures), "no case shows several checks"
    listed = re.findall(r"^ *\d+\. (\S+)  operation ", output, flags=re.MULTILINE)
    assert len(listed) == len(failures)


def test_every_failure_has_operation_check_reason_curl_and_rerun(run: Any) -> None:
    _, _, summary, _ = run
    for failure in summary["failures"]:
        assert failure["operation"] not in ("", "(no request sent)"), failure
        assert failure["checks"], failure
        assert failure["reason"].strip(), failure
        assert "\n" not in failure["reason"], failure
        assert failure["curl"].startswith("curl "), failure
        assert failure["rerun"].startswith(f"larkpay conformance --seed {SEED} "), failure
        assert " -k " in failure["rerun"], failure


def test_a_timeout_is_reported_like_any_failure(run: Any) -> None:
    _, _, summary, _ = run
    # Prism never answers broken JSON: the limits test times out, and says where.
    [timeout] = [f for f in summary["failures"] if "larkpay_no_answer" in f["checks"]]
    assert timeout["operation"] == "createPayment"
    assert "--data-binary" in timeout["curl"]


def test_a_large_body_is_sent_from_a_file_beside_the_reports(run: Any) -> None:
    _, _, summary, reports = run
    [large] = [f for f in summary["failures"] if "over_one_mebibyte" in f["test"]]
    [name] = re.findall(r"--data-binary @(\S+)", large["curl"])
    assert Path(name).parent == reports / "bodies"
    assert Path(name).stat().st_size > 1024 * 1024
    for report in reports.glob("conformance-*"):
        assert report.stat().st_size < 400_000, report


def test_a_check_that_sent_its_own_request_shows_that_request(run: Any) -> None:
    _, output, summary, _ = run
    # Prism accepts any credentials: ignored_auth fails on its probe with broken ones.
    failing = [f for f in summary["failures"] if "ignored_auth" in f["checks"]]
    assert failing
    for failure in failing:
        [sent] = [r for r in failure["check_requests"] if "ignored_auth" in r["checks"]]
        assert "-H 'Authorization: Basic " in sent["curl"]
        assert "$LARKPAY_API_KEY" in failure["curl"]
    assert "curl sent by ignored_auth: curl " in output


def test_the_html_report_is_one_file_with_nothing_from_outside(run: Any) -> None:
    _, _, summary, reports = run
    page = (reports / "conformance-report.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"<[^>]*\s(src|href)\s*=", page)
    assert not re.search(r"@import|url\(", page)
    assert page.count("class=case") == len(summary["failures"])
    assert "Request sent by <code>ignored_auth</code>" in page


def test_a_base_url_with_the_v2_prefix_stops_in_the_preflight(
    prism_url: str, tmp_path: Path
) -> None:
    done = _suite("--base-url", prism_url + "/v2", "--report-dir", str(tmp_path))
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        f"larkpay conformance: GET {prism_url}/v2/health answered HTTP 404: this server answers "
        f"without the /v2 prefix: use --base-url {prism_url}."
    ]
    # Stopped before any layer: no pytest session, no report.
    assert "passed" not in done.stdout
    assert "failed" not in done.stdout
    assert list(tmp_path.iterdir()) == []
