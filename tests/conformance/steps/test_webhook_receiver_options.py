"""Remote webhooks: a target that cannot reach 127.0.0.1 skips the layer naming the flags to use;
with --webhook-listen and --webhook-public-url the receiver listens where it is told and the
target delivers through the public URL (here a relay on another port that keeps a path prefix,
as a tunnel or proxy in front would)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.run.suite import WebhookOptions
from larkpay_conformance.steps.hooks import receiver_unreachable
from larkpay_sandbox.testing import free_port

from tests.conformance.fault_proxy import Answer, FaultProxy


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
def test_the_receiver_listens_where_told_and_the_target_delivers_through_the_public_url(
    tmp_path: Path,
) -> None:
    port = free_port()
    relayed: list[str] = []

    def note(answer: Answer) -> None:
        if answer.method == "POST":
            relayed.append(answer.path)

    # A relay on another port, as a tunnel or proxy would be: deliveries that reach the
    # receiver without passing it were sent to the receiver's own address, not the public URL.
    with FaultProxy(f"http://127.0.0.1:{port}", note) as relay:
        public = f"http://127.0.0.1:{urlsplit(relay.base_url).port}/relay"
        command = [
            sys.executable, "-m", "larkpay_cli", "conformance", "--profile", "quick",
            "--workers", "2", "-k", "test_webhooks", "--webhook-listen", f"127.0.0.1:{port}",
            "--webhook-public-url", public, "--report-dir", str(tmp_path),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    summary = json.loads((tmp_path / "conformance-summary.json").read_text())
    delivered = sum(summary["webhook_deliveries"].values())
    assert summary["webhook_deliveries"]["payment.created"] >= 3
    assert relayed, "no delivery went through the public URL"
    assert all(path.startswith("/relay/hooks/") for path in relayed), relayed
    assert len(relayed) >= delivered
