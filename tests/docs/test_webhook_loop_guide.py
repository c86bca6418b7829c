"""docs/integration-guide.md's walk-through of the webhook loop runs as written: its shell blocks
in order in one bash, its handler.py saved beside them, with free ports for 8787 and 3000."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from larkpay_sandbox.testing import free_port

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "integration-guide.md"
SECTION = "## Walk-through: the webhook loop, offline"
BASH_BLOCK = re.compile(r"^```bash\n(.*?)^```$", re.S | re.M)
HANDLER_BLOCK = re.compile(r'^```python title="handler.py"\n(.*?)^```$', re.S | re.M)
ATTEMPT = re.compile(
    r"^attempt (\d)  (evt_\w+)  webhook-timestamp (\d+)  payment\.updated signature valid"
    r"  -> (\d{3})$",
    re.M,
)


def _section() -> str:
    text = GUIDE.read_text()
    assert f"\n{SECTION}\n" in text
    return text.split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]


def _environment(sandbox_port: int) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LARKPAY_API", "LARKPAY_BASE", "LARKPAY_ENV", "LARKPAY_SANDBOX"))
    }
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["LARKPAY_SANDBOX_PORT"] = str(sandbox_port)
    env["LARKPAY_BASE_URL"] = f"http://127.0.0.1:{sandbox_port}/v2"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def test_the_walkthrough_shows_every_attempt_in_order_signed_without_waiting(
    tmp_path: Path,
) -> None:
    section = _section()
    handler_port = str(free_port())
    [handler] = HANDLER_BLOCK.findall(section)
    (tmp_path / "handler.py").write_text(handler.replace("3000", handler_port))
    blocks = [block.replace("3000", handler_port) for block in BASH_BLOCK.findall(section)]
    assert len(blocks) >= 6
    script = "set -euo pipefail\n" + "\n".join(blocks)
    shell = subprocess.Popen(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=_environment(free_port()),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = shell.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(shell.pid, signal.SIGKILL)
    logs = "\n".join(
        f"--- {name}\n{(tmp_path / name).read_text() if (tmp_path / name).exists() else ''}"
        for name in ("sandbox.log", "listen.log", "handler.log")
    )
    assert shell.returncode == 0, f"{output}\n{logs}"
    attempts = ATTEMPT.findall((tmp_path / "handler.log").read_text())
    assert [(number, status) for number, _, _, status in attempts] == [
        ("1", "500"),
        ("2", "500"),
        ("3", "200"),
        ("1", "500"),
    ], logs
    first_event, later_event = attempts[0][1], attempts[3][1]
    assert {event_id for _, event_id, _, _ in attempts[:3]} == {first_event} != {later_event}
    first = int(attempts[0][2])
    assert [int(stamp) for _, _, stamp, _ in attempts[:3]] == [first, first + 5, first + 35]
    assert int(attempts[3][2]) >= first + 8 * 3600, "stamped on the advanced clock, and valid"
    forwarded = [
        line for line in (tmp_path / "listen.log").read_text().splitlines() if first_event in line
    ]
    assert [line.split("  ")[-2] for line in forwarded] == ["-> 500", "-> 500", "-> 200"]
    assert "Deleted endpoint" in output
    assert "payment.updated" in output.split("Events", 1)[1]
    advanced = [line for line in output.splitlines() if "  delivery attempt  " in line]
    assert [line.split()[-1] for line in advanced] == ["500", "200"]
