"""`larkpay conformance`: its pytest command line (workers, tracebacks, reports), its option
checks, exit codes, and a -k that selects nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from larkpay_conformance.run.cli import EXIT_CRASH, build_parser, main, pytest_args


def args_for(*argv: str) -> list[str]:
    return pytest_args(build_parser("larkpay conformance").parse_args(list(argv)), seed=9)


def test_pytest_args_carry_seed_reports_and_target() -> None:
    args = args_for("--profile", "quick", "--base-url", "http://x/v2", "--report-dir", "out")
    assert args[args.index("--seed") + 1] == "9"
    assert "--junitxml=out/conformance-junit.xml" in args
    assert args[args.index("--base-url") + 1] == "http://x/v2"
    assert "--larkpay-cli" in args


def test_workers_hand_out_one_test_at_a_time() -> None:
    args = args_for("--workers", "3")
    assert args[args.index("-n") + 1] == "3"
    assert args[args.index("--dist") + 1] == "load"
    assert args[args.index("--maxschedchunk") + 1] == "1"
    assert "-n" not in args_for("--workers", "1")


def test_tracebacks_only_with_verbose() -> None:
    assert "--tb=no" in args_for()
    assert "--tb=short" in args_for("-v")


@pytest.mark.parametrize("value", ["0", "-2", "abc", "1.5"])
def test_workers_must_be_a_positive_whole_number(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        build_parser("larkpay conformance").parse_args(["--workers", value])
    err = capsys.readouterr().err
    assert "--workers takes a whole number, 1 or more" in err
    assert "_workers" not in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--webhook-listen", "8800"], "expected HOST:PORT"),
        (["--webhook-listen", "0.0.0.0:1", "--webhook-public-url", "x"], "is not an http"),
        (["--webhook-public-url", "https://hooks.example.com"], "needs --webhook-listen"),
    ],
)
def test_bad_webhook_flags_stop_before_any_target_starts(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert said in captured.err
    assert "preflight" not in captured.out + captured.err


def test_a_refused_target_exits_3_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LARKPAY_API_KEY", raising=False)
    assert main(["--base-url", "http://127.0.0.1:9/v2"], prog="larkpay conformance") == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "larkpay conformance: a --base-url target needs credentials: "
        "set LARKPAY_API_KEY and LARKPAY_API_SECRET"
    ]
    assert EXIT_CRASH == 70


@pytest.mark.slow
def test_a_k_matching_nothing_says_so_and_writes_no_report(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    command = [
        sys.executable, "-m", "larkpay_cli", "conformance", "--profile", "quick",
        "--workers", "2", "-k", "nothing_is_called_this", "--report-dir", str(reports),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 5, done.stdout + done.stderr
    assert "no test matched -k 'nothing_is_called_this': no report written" in done.stdout
    assert "no failures" not in done.stdout
    assert "bringing up nodes" not in done.stdout
    assert not reports.exists() or list(reports.iterdir()) == []
