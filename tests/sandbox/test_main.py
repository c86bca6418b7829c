"""The command line: banner and help."""

from __future__ import annotations

import subprocess
import sys

from larkpay_sandbox.core.settings import DEMO_API_KEY, DEMO_API_SECRET, Settings
from larkpay_sandbox.serve import banner


def test_banner_shows_base_url_and_demo_credentials() -> None:
    text = banner(Settings(port=9999))
    assert "Larkpay sandbox: http://127.0.0.1:9999/v2" in text
    assert DEMO_API_KEY in text
    assert DEMO_API_SECRET in text


def test_help_lists_every_flag_with_its_env_var() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "larkpay_sandbox", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    for flag in ("--port", "--db", "--rate-limit", "--retry-schedule", "--rotation-overlap"):
        assert flag in result.stdout
    assert "LARKPAY_SANDBOX_DB" in result.stdout
