"""The ``larkpay`` dispatcher: help, unknown commands, missing extras, delegation."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from larkpay_cli import main as main_module
from larkpay_cli.commands import COMMANDS, SANDBOX, Command
from larkpay_cli.main import main, run, sandbox_main

ROOT = Path(__file__).resolve().parents[2]


def test_main_without_arguments_prints_usage_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"  {name}" in out


def test_main_help_lists_every_command_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "conformance" in capsys.readouterr().out


def test_main_rejects_an_unknown_command_naming_the_known_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["fly"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'fly'" in err
    assert "conformance" in err


def test_run_with_a_missing_extra_prints_one_line_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    command = Command("demo", "x", "larkpay_cli.no_such_module", "demo", ("no_such_dependency_x",))
    assert run(command, [], prog="larkpay demo") == 2
    err = capsys.readouterr().err
    assert err == "larkpay demo needs the 'demo' extra: pip install 'larkpay[demo]'\n"


def test_run_calls_the_subcommand_main_with_its_arguments_and_prog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[list[str], str]] = []

    class FakeModule:
        @staticmethod
        def main(argv: list[str], prog: str) -> int:
            calls.append((argv, prog))
            return 3

    monkeypatch.setattr(main_module.importlib, "import_module", lambda name: FakeModule)
    command = Command("demo", "x", "anything", "demo", ())
    assert run(command, ["--flag", "v"], prog="larkpay demo") == 3
    assert calls == [(["--flag", "v"], "larkpay demo")]


def test_sandbox_main_forwards_help_to_the_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        sandbox_main(["--help"])
    assert exit_info.value.code == 0
    assert "--port" in capsys.readouterr().out
    assert SANDBOX.missing() == []


def test_larkpay_conformance_help_runs_through_the_dispatcher() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "larkpay_cli", "conformance", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: larkpay conformance" in result.stdout


def test_trigger_and_listen_need_the_devtools_extra_and_name_it_when_missing() -> None:
    for name in ("trigger", "listen"):
        command = COMMANDS[name]
        assert command.extra == "devtools"
        assert command.module.startswith("larkpay_devtools.")
        assert command.missing() == []
    assert "pip install 'larkpay[devtools]'" in COMMANDS["trigger"].install_hint()


def test_larkpay_listen_help_runs_through_the_dispatcher() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "larkpay_cli", "listen", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--forward-to" in result.stdout


# Speedups the sandbox runs without (serve.py falls back to uvicorn's own choices).
OPTIONAL_FOR_THE_SANDBOX = {"httptools", "uvloop"}
IMPORT_NAMES = {"pyyaml": "yaml"}


def test_larkpay_sandbox_checks_every_module_of_the_sandbox_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = project["project"]["optional-dependencies"]["sandbox"]
    names = {re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower() for requirement in extra}
    needed = {IMPORT_NAMES.get(name, name) for name in names - OPTIONAL_FOR_THE_SANDBOX}
    assert needed <= set(SANDBOX.requires)
