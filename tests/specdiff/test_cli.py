"""``larkpay spec``: subcommands, formats, exit codes, and one-sentence errors."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from larkpay_cli.commands import COMMANDS
from larkpay_specdiff.cli import main

from tests.specdiff.pairs import write_pair

PROG = "larkpay spec"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), prog=PROG)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_dispatcher_runs_spec_with_its_extra_modules() -> None:
    command = COMMANDS["spec"]
    assert command.module == "larkpay_specdiff.cli"
    assert command.extra == "spec"
    assert set(command.requires) == {"yaml"}


def test_diff_of_a_spec_with_itself_passes(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "diff", "base.yaml", "base.yaml")
    assert code == 0
    assert "No changes to the API contract." in out
    assert "Gate: PASSED" in out


def test_diff_with_a_breaking_change_exits_1(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "diff", "base.yaml", "head.yaml")
    assert code == 1
    assert "Gate: FAILED" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("diff", "none.yaml", "head.yaml"), "none.yaml: no such file; name a spec file"),
        (
            ("diff", "v9:base.yaml", "head.yaml"),
            "is a git reference, but this folder is not in a git repository",
        ),
        (("diff", "bad.yaml", "head.yaml"), "bad.yaml is not valid YAML or JSON at line"),
        (("check",), "no released spec in specs/released"),
        (("diff", "base.yaml", "head.yaml", "--ignore-file", "none.yaml"), "no such ignore file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    pair: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    (pair / "bad.yaml").write_text("openapi: [\n")
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith(f"{PROG} {argv[0]}: ")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert out == ""


def test_json_format_to_a_file_prints_one_summary_line(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "diff", "base.yaml", "head.yaml", "--format", "json", "--output", "r/d.json"
    )
    assert code == 1
    assert out == "r/d.json: gate FAILED.\n"
    assert json.loads((pair / "r" / "d.json").read_text())["exit_code"] == 1


def test_the_ignore_file_in_the_working_folder_is_used(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pair / "spec-diff-ignore.yaml").write_text(
        "ignore:\n  - rule: response-property-became-optional\n    location: Item.id\n"
        "    reason: ids are optional on drafts\n    expires: 2099-01-01\n"
    )
    code, out, _ = _run(capsys, "diff", "base.yaml", "head.yaml")
    assert code == 0
    assert "Ignored W1 by entry 1" in out
    assert "BREAKING (ignored)" in out


def test_an_expired_ignore_entry_fails(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (pair / "spec-diff-ignore.yaml").write_text(
        "- {rule: response-property-became-optional, location: Item.id, reason: r,\n"
        "   expires: 2020-01-01}\n"
    )
    code, out, _ = _run(capsys, "diff", "base.yaml", "head.yaml", "--today", "2026-01-01")
    assert code == 1
    assert "expired on 2020-01-01" in out


def test_fail_on_warning_fails_when_the_major_is_bumped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pair(tmp_path, head_version="2.0.0")
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "diff", "base.yaml", "head.yaml")[0] == 0
    assert _run(capsys, "diff", "base.yaml", "head.yaml", "--fail-on", "warning")[0] == 1


def test_check_compares_the_spec_with_the_newest_release(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    released = pair / "specs" / "released"
    released.mkdir(parents=True)
    (released / "0.9.0.yaml").write_text((pair / "head.yaml").read_text())
    (released / "1.0.0.yaml").write_text((pair / "base.yaml").read_text())
    code, out, _ = _run(capsys, "check", "--spec", "head.yaml", "--no-sdk")
    assert code == 1
    assert out.startswith("larkpay spec diff: specs/released/1.0.0.yaml (1.0.0) -> head.yaml")


def test_rules_lists_every_rule_with_its_severity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules")
    assert code == 0
    assert any(
        line.split()[:2] == ["response-property-became-optional", "breaking"]
        for line in out.splitlines()
    )
    assert any(line.startswith("sdk-attribute-type-changed") for line in out.splitlines())


def test_the_larkpay_command_runs_spec_diff_without_a_traceback(pair: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "larkpay_cli", "spec", "diff", "base.yaml", "missing.yaml"],
        cwd=pair, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "larkpay spec diff: missing.yaml: no such file; name a spec file, or a git revision as "
        "REF:path (e.g. HEAD~1:openapi.yaml).\n"
    )


def test_the_wire_diff_does_not_import_griffe_or_the_generator(pair: Path) -> None:
    code = (
        "import sys; from larkpay_specdiff.cli import main; main(['diff','base.yaml','head.yaml']);"
        "print(sorted(m for m in ('griffe','openapi_python_client') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=pair, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().endswith("[]")


def test_a_side_the_generator_fails_on_keeps_the_wire_report_and_exits_2(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = (pair / "head.yaml").read_text().replace("kind: {type: string", "kind: {type: weird")
    (pair / "broken.yaml").write_text(broken)
    code, out, _ = _run(capsys, "diff", "base.yaml", "broken.yaml", "--sdk")
    assert code == 2
    assert "W1" in out
    assert "response-property-type-changed" in out
    assert "SDK diff not available: openapi-python-client failed on broken.yaml" in out


def test_the_sdk_diff_without_its_tools_is_one_line_naming_the_extra(
    pair: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "griffe" else real(name, *a)
    )
    code, _, err = _run(capsys, "diff", "base.yaml", "head.yaml", "--sdk")
    assert code == 2
    assert err == (
        f"{PROG} diff: the SDK diff needs griffe: pip install 'larkpay[spec]', or pass --no-sdk "
        "for the wire diff alone.\n"
    )
    assert _run(capsys, "diff", "base.yaml", "head.yaml", "--no-sdk")[0] == 1
