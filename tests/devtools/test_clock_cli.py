"""``larkpay clock``: show the sandbox's time, advance it, print what ran."""

from __future__ import annotations

import argparse

import pytest
from larkpay import LarkpayClient
from larkpay_devtools.clock.cli import main, parse_duration, parse_time
from larkpay_sandbox.testing import RunningSandbox


@pytest.mark.parametrize(
    ("text", "seconds"), [("35", 35), ("90s", 90), ("1.5m", 90), ("2h", 7200), ("7d", 604800)]
)
def test_parse_duration_reads_seconds_minutes_hours_and_days(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "-5", "5w", "five"])
def test_parse_duration_refuses_anything_else(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="not a duration"):
        parse_duration(text)


def test_show_prints_the_time_and_the_offset(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 0
    assert "(the wall clock + " in capsys.readouterr().out


def test_advance_prints_each_step_that_ran(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    with LarkpayClient(base_url=sandbox_env.base_url) as client:
        payment = client.payments.create(amount=5, currency="USD", source="test_pending_failure")
    assert main(["advance", "5s"]) == 0
    out = capsys.readouterr().out
    first, *steps = out.splitlines()
    assert "1 settlement" in first
    assert any(f"settlement        {payment.id} -> failed" in line for line in steps)


def test_advance_to_an_earlier_time_exits_1_with_the_apis_reason(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["advance", "--to", "2020-01-01T00:00:00Z"]) == 1
    assert "never goes back" in capsys.readouterr().err


def test_advance_needs_exactly_one_of_a_duration_and_to(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["advance"])
    assert exited.value.code == 2
    assert "DURATION or --to" in capsys.readouterr().err


def test_no_answer_exits_1_naming_the_url_and_what_to_start(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LARKPAY_BASE_URL", "http://127.0.0.1:9/v2")
    assert main(["--api-key", "lk_test_" + "D" * 24]) == 1
    err = capsys.readouterr().err
    assert "cannot reach http://127.0.0.1:9/v2" in err
    assert "larkpay-sandbox" in err


def test_a_deployment_without_a_clock_exits_1_saying_so(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--base-url", sandbox_env.base_url.replace("/v2", "/v9")]) == 1
    assert "has no test clock (not a sandbox)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "rfc3339"),
    [
        ("2027-01-15", "2027-01-15T00:00:00.000000Z"),
        ("2027-01-15T08:30:00Z", "2027-01-15T08:30:00.000000Z"),
        ("2027-01-15T09:30:00+01:00", "2027-01-15T08:30:00.000000Z"),
        ("2027-01-15 08:30", "2027-01-15T08:30:00.000000Z"),
    ],
)
def test_parse_time_reads_dates_and_offsets_as_utc(text: str, rfc3339: str) -> None:
    assert parse_time(text) == rfc3339


def test_parse_time_refuses_what_is_not_a_time() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="not a time like 2027-01-15"):
        parse_time("next tuesday")


def test_advance_too_far_exits_1_printing_the_apis_field_details(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["advance", "99999999999"]) == 1
    err = capsys.readouterr().err
    assert "see details" in err
    assert "\n  seconds: " in err


def test_advance_counts_idempotency_expiries_and_lists_them_only_with_all(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    with LarkpayClient(base_url=sandbox_env.base_url) as client:
        payment = client.payments.create(amount=5, currency="USD", source="test_pending")
        assert main(["advance", "1d"]) == 0
        first, *steps = capsys.readouterr().out.splitlines()
        client.payments.create(amount=5, currency="USD", source="test_success")
        assert main(["advance", "1d", "--all"]) == 0
        listed = capsys.readouterr().out
    assert "idempotency expiry" in first
    assert any(f"settlement        {payment.id}" in line for line in steps)
    assert not any("idempotency key expired" in line for line in steps)
    assert "idempotency key expired" in listed
