"""tools/generate.py: regeneration is deterministic, stamped, and drift is caught by name."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("openapi.yaml", "generator.yaml", "templates", "tools", "generated")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the inputs and the committed output, so the tests never touch the real tree."""
    root = tmp_path_factory.mktemp("repo")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, root / name)
    return root


def _run(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(workspace / "tools" / "generate.py"), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_check_generated_passes_on_the_committed_tree(workspace: Path) -> None:
    result = _run(workspace, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "matches openapi.yaml" in result.stdout


def test_generate_is_a_noop_when_the_stamp_matches(workspace: Path) -> None:
    output = workspace / "generated" / "larkpay_api"
    before = _snapshot(output)
    started = time.perf_counter()
    result = _run(workspace)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0
    assert "up to date" in result.stdout
    assert _snapshot(output) == before
    print(f"no-op regeneration took {elapsed:.3f} s")


def test_generate_twice_gives_byte_identical_trees(workspace: Path) -> None:
    output = workspace / "generated" / "larkpay_api"
    assert _run(workspace, "--force").returncode == 0
    first = {name: data for name, (data, _) in _snapshot(output).items()}
    assert _run(workspace, "--force").returncode == 0
    second = {name: data for name, (data, _) in _snapshot(output).items()}
    assert first == second
    assert "_generation_stamp.json" in first


def test_check_generated_names_changed_files_after_a_description_edit(workspace: Path) -> None:
    spec = workspace / "openapi.yaml"
    original = spec.read_text()
    edited = original.replace("summary: Retrieve a refund", "summary: Fetch one refund", 1)
    assert edited != original
    spec.write_text(edited)
    try:
        drift = _run(workspace, "--check")
        assert drift.returncode == 1
        assert "generated/larkpay_api/api/refunds/get_refund.py" in drift.stdout
        assert "generated/larkpay_api/_generation_stamp.json" in drift.stdout
        assert "make generate" in drift.stdout

        assert _run(workspace).returncode == 0
        healed = _run(workspace, "--check")
        assert healed.returncode == 0, healed.stdout
    finally:
        spec.write_text(original)
        assert _run(workspace).returncode == 0
