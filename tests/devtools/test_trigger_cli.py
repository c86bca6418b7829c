"""``larkpay trigger`` against a real sandbox: every packaged fixture fires its event."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from larkpay_devtools.trigger.cli import main
from larkpay_devtools.trigger.fixtures import packaged_events
from larkpay_sandbox.testing import RunningSandbox


@pytest.mark.parametrize("event", packaged_events())
def test_each_packaged_fixture_fires_its_event(
    event: str, sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([event, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["fired"] is True
    assert event in [found["event"] for found in result["events"]]
    touched = {step["result"].get("id") for step in result["steps"]}
    assert all(found["data"]["id"] in touched for found in result["events"])


def test_payment_updated_prints_the_objects_and_the_events_in_order(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["payment.updated", "--override", "settled:outcome=failed"]) == 0
    out = capsys.readouterr().out
    assert "settled  sandbox.settle_payment" in out
    assert "(failed)" in out
    assert out.index("payment.created") < out.index("payment.updated  ")
    assert "Events (2):" in out


def test_a_users_fixture_chains_ids_and_takes_overrides(
    sandbox_env: RunningSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "described.yaml"
    path.write_text(
        "event: payment.updated\ndescription: A payment gets a description.\nsteps:\n"
        "  - {name: payment, call: createPayment,"
        " params: {amount: 100, currency: EUR, source: test_success}}\n"
        "  - {name: described, call: payments.update,"
        " params: {payment_id: '${payment.id}', description: 'for ${payment.id}'}}\n"
    )
    assert main(["--fixture", str(path), "--override", "amount=4200", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    payment, described = (step["result"] for step in result["steps"])
    assert payment["amount"] == 4200
    assert described["description"] == f"for {payment['id']}"


def test_a_failing_call_exits_1_with_the_apis_error_and_its_details(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["payment.created", "--override", "amount=0"]) == 1
    err = capsys.readouterr().err
    assert "INVALID_REQUEST (HTTP 400)" in err
    assert "amount:" in err


def test_a_fixture_whose_event_does_not_happen_exits_1(
    sandbox_env: RunningSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wrong.yaml"
    path.write_text("event: refund.created\nsteps:\n  - {call: events.list, params: {limit: 1}}\n")
    assert main(["--fixture", str(path)]) == 1
    assert "no refund.created event appeared" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "name an event type"),
        (["payment.bogus"], "no fixture for 'payment.bogus'"),
        (["refund.updated"], "the sandbox never sends refund.updated"),
        (["payment.updated", "--override", "oops"], "is not [step:]field=value"),
        (["payment.created", "--fixture", "/no/such/file.yaml"], "cannot read the fixture"),
        (["payment.created", "--override", "currency=XXX"], "not a valid Currency"),
    ],
)
def test_bad_input_exits_2_saying_what_to_fix(
    argv: list[str], message: str, sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_the_dispatcher_runs_trigger_list() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "larkpay_cli", "trigger", "--list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "payment.updated" in result.stdout


def test_a_call_failing_half_way_lists_what_the_steps_before_it_made(
    sandbox_env: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["payment.updated", "--override", "settled:payment_id=pay_NopeNopeNopeNopeNopeNope"]
    assert main(argv) == 1
    captured = capsys.readouterr()
    [made] = [line for line in captured.out.splitlines() if "payments.create" in line]
    assert "-> payment pay_" in made
    assert "(pending)" in made
    assert "payment.created" in captured.out.split("Events", 1)[1]
    assert "step 'settled' (sandbox.settle_payment)" in captured.err
    assert "what the steps before it made stays" in captured.err
    assert "NOT_FOUND" in captured.err or "404" in captured.err
