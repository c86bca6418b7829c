"""Remote webhooks: a target that cannot reach 127.0.0.1 skips the layer naming the flags to use;
with --webhook-listen and --webhook-public-url the receiver listens where it is told and the
target is given the public URL (here with a path prefix, as a proxy in front would keep)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from larkpay_conformance.hooks import receiver_unreachable
from larkpay_conformance.suite import WebhookOptions
from larkpay_conformance.target import Target
from larkpay_sandbox.testing import free_port


def target(base_url: str) -> Target:
    return Target(base_url, "lk_test_x", "lsk_x", embedded=False)


def test_a_remote_target_without_the_flags_is_skipped_naming_them() -> None:
    reason = receiver_unreachable(target("https://staging.example.com/v2"), WebhookOptions())
    assert reason is not None
    assert "--webhook-listen HOST:PORT and --webhook-public-url URL" in reason


def test_a_loopback_target_or_given_flags_need_no_skip() -> None:
    assert receiver_unreachable(target("http://127.0.0.2:9/v2"), WebhookOptions()) is None
    assert receiver_unreachable(target("http://[::1]:9/v2"), WebhookOptions()) is None
    public = WebhookOptions(("0.0.0.0", 8800), "https://hooks.example.com")
    assert receiver_unreachable(target("https://staging.example.com/v2"), public) is None


@pytest.mark.slow
def test_the_receiver_listens_where_told_and_the_target_gets_the_public_url(
    tmp_path: Path,
) -> None:
    port = free_port()
    command = [
        sys.executable, "-m", "larkpay_cli", "conformance", "--profile", "quick", "--workers", "2",
        "-k", "test_webhooks", "--webhook-listen", f"127.0.0.1:{port}",
        "--webhook-public-url", f"http://localhost:{port}/relay", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    summary = json.loads((tmp_path / "conformance-summary.json").read_text())
    assert summary["layers"]["webhooks"]["http_requests"] > 0
    assert summary["webhook_deliveries"]["payment.created"] >= 3
    creates = [
        row for row in summary["traffic"]
        if row["operation"] == "createWebhookEndpoint" and row["status"] == 201
    ]  # fmt: skip
    assert creates, summary["traffic"]
