"""The issue's case, end to end: moving ``updated_at`` out of ``Payment.required`` fails
``make spec-check`` with a wire finding and the SDK finding it causes, and passes once
``info.version`` is 3.0.0."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from larkpay_specdiff.findings import Severity
from larkpay_specdiff.report import compare, load_spec

ROOT = Path(__file__).resolve().parents[2]


def _without_updated_at_in_payment_required(spec: str) -> str:
    """openapi.yaml with ``updated_at`` taken out of ``Payment.required``, the rest untouched."""
    start = spec.index("\n    Payment:\n")
    required = spec.index("required: [", start)
    end = spec.index("]", required)
    names = [n.strip() for n in spec[required + len("required: [") : end].split(",")]
    assert "updated_at" in names, "Payment.required no longer lists updated_at"
    listed = spec[required:end]
    edited = listed.replace(", updated_at", "").replace("updated_at, ", "")
    return spec[:required] + edited + spec[end:]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The Makefile and the released spec in a temporary folder, with openapi.yaml edited."""
    root = tmp_path_factory.mktemp("repo")
    for name in ("Makefile", "pyproject.toml", "tools/deps_hash.py", "specs/released/2.0.0.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    (root / ".venv").symlink_to(ROOT / ".venv")
    spec = (ROOT / "openapi.yaml").read_text()
    (root / "openapi.yaml").write_text(_without_updated_at_in_payment_required(spec))
    return root


def _make_spec_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "spec-check"],
        cwd=root, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_spec_check_fails_when_updated_at_is_no_longer_required(workspace: Path) -> None:
    result = _make_spec_check(workspace)
    assert result.returncode != 0, result.stdout
    out = result.stdout
    assert "response-property-became-optional  Payment.updated_at" in out
    assert "sdk-attribute-type-changed  models.Payment.updated_at" in out
    assert "`str` → `str | Unset`" in out
    assert "set it to 3.0.0" in out


def test_spec_check_findings_locate_the_change_and_link_sdk_to_wire(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    report = compare(load_spec("specs/released/2.0.0.yaml"), load_spec("openapi.yaml"), sdk=True)
    wire = [f for f in report.findings if f.rule == "response-property-became-optional"]
    assert len(wire) == 1
    assert wire[0].severity is Severity.BREAKING
    assert wire[0].base.pointer.startswith("/components/schemas/Payment/required/")
    assert wire[0].head.pointer == "/components/schemas/Payment/required"
    assert wire[0].base.line is not None
    assert wire[0].head.line is not None
    base_lines = Path("specs/released/2.0.0.yaml").read_text().splitlines()
    head_lines = Path("openapi.yaml").read_text().splitlines()
    assert "updated_at" in base_lines[wire[0].base.line - 1]  # the item that went
    assert "required:" in head_lines[wire[0].head.line - 1]  # the list it left
    assert "GET /payments/{payment_id}" in wire[0].operations
    sdk = [f for f in report.sdk or [] if f.subject == "models.Payment.updated_at"]
    assert [f.rule for f in sdk] == ["sdk-attribute-type-changed"]
    assert wire[0].id in sdk[0].caused_by
    assert not report.verdict.passed


@pytest.mark.slow
def test_spec_check_passes_once_info_version_is_3_0_0(workspace: Path) -> None:
    spec = workspace / "openapi.yaml"
    spec.write_text(
        re.sub(r"^  version: .*$", "  version: 3.0.0", spec.read_text(), count=1, flags=re.M)
    )
    result = _make_spec_check(workspace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "response-property-became-optional" in result.stdout
    assert "Gate: PASSED" in result.stdout
