"""The wheel as a user gets it: built from this checkout, installed into a fresh virtualenv
outside it. A bare install names the extra each command needs (console scripts and
``python -m`` alike); with ``[conformance]`` the installed ``larkpay conformance`` runs every
layer against a sandbox started from the same install, and against the embedded sandbox it
starts itself; with one dependency of the extra missing it names the extra again. (pip may reuse
its cache; everything else comes from the package index.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

REPO = Path(__file__).resolve().parents[2]
KEY = "lk_test_WheelWheelWheelWheel0001"
SECRET = "lsk_WheelWheelWheelWheelWheelWheel0001"
BANNER = re.compile(r"Larkpay sandbox: (http://\S+/v2)")

pytestmark = pytest.mark.slow


def _run(
    argv: list[str], cwd: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "LARKPAY_BASE_URL"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra_env or {})
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(virtualenv bin folder, the wheel, a working folder), all outside the checkout."""
    root = tmp_path_factory.mktemp("wheel")
    assert REPO not in root.parents
    dist = root / "dist"
    _ok(
        _run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
            root,
        )
    )
    [wheel] = dist.glob("larkpay-*.whl")
    _ok(_run([sys.executable, "-m", "venv", str(root / "venv")], root))
    return root / "venv" / "bin", wheel, root


def _hint(extra: str, name: str | None = None) -> list[str]:
    return [f"larkpay {name or extra} needs the '{extra}' extra: pip install 'larkpay[{extra}]'"]


def test_a_bare_install_names_the_extra_each_command_needs(venv: tuple[Path, Path, Path]) -> None:
    bin_dir, wheel, root = venv
    _ok(_run([str(bin_dir / "pip"), "install", "-q", str(wheel)], root))
    python = str(bin_dir / "python")
    for argv, extra in (
        ([str(bin_dir / "larkpay"), "conformance"], "conformance"),
        ([python, "-m", "larkpay_conformance"], "conformance"),
        ([str(bin_dir / "larkpay-sandbox")], "sandbox"),
        ([python, "-m", "larkpay_sandbox"], "sandbox"),
    ):
        done = _run(argv, root)
        assert done.returncode == 2, (argv, done.stderr)
        assert done.stderr.strip().splitlines() == _hint(extra), argv
        assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def installed(venv: tuple[Path, Path, Path]) -> tuple[Path, Path]:
    bin_dir, wheel, root = venv
    _ok(_run([str(bin_dir / "pip"), "install", "-q", f"{wheel}[conformance]"], root))
    return bin_dir, root


@pytest.fixture(scope="module")
def sandbox_url(installed: tuple[Path, Path]) -> Iterator[str]:
    """The installed ``larkpay-sandbox`` on a free loopback port."""
    bin_dir, root = installed
    log = root / "sandbox.log"
    argv = [
        str(bin_dir / "larkpay-sandbox"), "--port", "0", "--db", ":memory:", "--rate-limit", "0",
        "--api-key", KEY, "--api-secret", SECRET,
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=root, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not (found := BANNER.search(log.read_text(errors="replace"))):
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_the_installed_suite_runs_every_layer_against_a_sandbox(
    installed: tuple[Path, Path], sandbox_url: str
) -> None:
    bin_dir, root = installed
    where = _ok(
        _run(
            [str(bin_dir / "python"), "-c", "import larkpay_conformance as m; print(m.__file__)"],
            root,
        )
    )
    assert REPO not in Path(where.strip()).parents
    done = _run(
        [str(bin_dir / "larkpay"), "conformance", "--base-url", sandbox_url,
         "--profile", "quick", "--report-dir", str(root / "reports")],
        root,
        {"LARKPAY_API_KEY": KEY, "LARKPAY_API_SECRET": SECRET},
    )  # fmt: skip
    output = _ok(done)
    summary = json.loads((root / "reports" / "conformance-summary.json").read_text())
    assert summary["failures"] == []
    assert {
        layer: row["http_requests"] > 0 for layer, row in summary["layers"].items()
    } == dict.fromkeys(summary["layers"], True), output
    assert (root / "reports" / "conformance-report.html").is_file()


def test_the_installed_suite_starts_the_embedded_sandbox_by_default(
    installed: tuple[Path, Path],
) -> None:
    bin_dir, root = installed
    reports = root / "reports-embedded"
    done = _run(
        [
            str(bin_dir / "larkpay"),
            "conformance",
            "--profile",
            "quick",
            "--report-dir",
            str(reports),
        ],
        root,
    )
    output = _ok(done)
    summary = json.loads((reports / "conformance-summary.json").read_text())
    assert summary["failures"] == []
    assert "(embedded, sandbox)" in summary["target"]
    assert all(row["http_requests"] > 0 for row in summary["layers"].values()), output
    # Only the embedded target gets the rate-limited sandbox of the token-bucket test.
    junit = ElementTree.parse(reports / "conformance-junit.xml").getroot()
    [bucket] = [case for case in junit.iter("testcase") if "token_bucket" in case.get("name", "")]
    assert list(bucket) == [], ElementTree.tostring(bucket)


def test_a_missing_dependency_of_the_extra_names_the_extra(installed: tuple[Path, Path]) -> None:
    bin_dir, root = installed
    _ok(_run([str(bin_dir / "pip"), "uninstall", "-q", "-y", "pytest-xdist"], root))
    try:
        done = _run([str(bin_dir / "larkpay"), "conformance", "--profile", "quick"], root)
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.strip().splitlines() == _hint("conformance")
    finally:
        _ok(_run([str(bin_dir / "pip"), "install", "-q", "pytest-xdist>=3.6,<4"], root))
