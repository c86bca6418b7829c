"""The conformance suite catches bugs: each fault planted by a rewriting proxy between the suite
and a real sandbox makes the suite fail, naming the check that should catch it; the same proxy
without a fault passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from larkpay_conformance.plugin.outcomes import layer_of
from larkpay_sandbox.testing import running_sandbox

from tests.conformance import fault_proxy as fp

REPO = Path(__file__).resolve().parents[2]
SEED = 20261127

pytestmark = pytest.mark.slow


ALL_LAYERS = [
    "schema",
    "stateful",
    "workflows",
    "scenarios",
    "limits",
    "webhooks",
    "clock",
    "endpoint_health",
]

#: fault, the layers run against it, the check that must name it.
PLANTED: list[tuple[fp.Fault, list[str], str]] = [
    (fp.wrong_webhook_secret, ["webhooks"], "larkpay_webhook_signature"),
    (fp.drop_field_from_get_payment, ["stateful"], "response_schema_conformance"),
    (fp.wrong_status_on_create, ["schema"], "status_code_conformance"),
    (fp.replay_changes_body, ["schema"], "larkpay_idempotent_replay"),
    (fp.refund_exceeds_amount, ["rules_money", "workflows"], "larkpay_refund_boundary"),
    (fp.drop_request_id, ["scenarios"], "larkpay_request_id"),
    (fp.not_found_as_400, ["schema"], "larkpay_error_status"),
    (fp.disabled_without_reason, ["endpoint_health"], "larkpay_endpoint_state"),
    (fp.advance_hides_retries, ["clock"], "larkpay_test_clock"),
]

Outcome = tuple[int, dict[str, Any], str]


def run_suite(fault: fp.Fault, layers: list[str], tmp: Path) -> Outcome:
    """Run the layer files through a proxy planting ``fault`` in front of a fresh sandbox."""
    with (
        running_sandbox(
            rate_limit=0,
            db_path=":memory:",
            settle_delay=0.3,
            slow_delay=0.3,
            delivery_timeout=2.0,
            failing_endpoint_period=3600.0,
        ) as sandbox,
        fp.FaultProxy(sandbox.base_url, fault) as proxy,
    ):
        env = {
            **os.environ,
            "LARKPAY_API_KEY": sandbox.api_key,
            "LARKPAY_API_SECRET": sandbox.api_secret,
        }
        env.pop("LARKPAY_BASE_URL", None)
        command = [
            sys.executable,
            "-m",
            "pytest",
            *[f"conformance/larkpay_conformance/layers/test_{layer}.py" for layer in layers],
            "--base-url",
            proxy.base_url,
            "--profile",
            "quick",
            "--seed",
            str(SEED),
            "--report-dir",
            str(tmp),
            "-p",
            "no:cacheprovider",
            "--assert=plain",
            "-q",
        ]
        done = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=150, check=False
        )
    summary = json.loads((tmp / "conformance-summary.json").read_text(encoding="utf-8"))
    return done.returncode, summary, done.stdout + done.stderr


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every run, two at a time (each with its own sandbox and proxy), keyed by fault name."""
    runs = [(fp.no_fault, ALL_LAYERS), *[(fault, layers) for fault, layers, _ in PLANTED]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            fault.__name__: pool.submit(
                run_suite, fault, layers, tmp_path_factory.mktemp(fault.__name__)
            )
            for fault, layers in runs
        }
        return {name: future.result() for name, future in futures.items()}


def test_suite_passes_through_the_proxy_without_a_fault(outcomes: dict[str, Outcome]) -> None:
    code, summary, output = outcomes["no_fault"]
    assert code == 0, output[-4000:]
    assert summary["failures"] == []
    assert summary["http_requests"] > 300
    layers = summary["layers"]
    run = {layer_of(f"test_{name}.py") for name in ALL_LAYERS}
    assert all(layers[name]["http_requests"] > 0 for name in run), layers


@pytest.mark.parametrize(
    ("fault", "check"),
    [(fault, check) for fault, _, check in PLANTED],
    ids=[fault.__name__ for fault, _, _ in PLANTED],
)
def test_planted_fault_fails_the_suite_naming_the_check(
    outcomes: dict[str, Outcome], fault: fp.Fault, check: str
) -> None:
    code, summary, output = outcomes[fault.__name__]
    failing = {name for failure in summary["failures"] for name in failure["checks"]}
    assert code != 0, f"{fault.__name__} went unnoticed:\n{output[-3000:]}"
    assert check in failing, f"{fault.__name__}: failing checks {failing}, expected {check}"
    named = [f for f in summary["failures"] if check in f["checks"]]
    assert all(f"--seed {SEED}" in f["rerun"] and " -k " in f["rerun"] for f in named)
    assert all(f["curl"].startswith("curl ") and f["operation"] for f in named), named[0]
