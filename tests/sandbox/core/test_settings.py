"""Settings: defaults, env vars, flags winning over env, bad values."""

from __future__ import annotations

import pytest
from larkpay_sandbox.core.settings import DEMO_API_KEY, Settings, parse_schedule


def test_defaults_match_the_contract() -> None:
    settings = Settings.from_env_and_args([], env={})
    assert (settings.host, settings.port, settings.db_path) == (
        "127.0.0.1",
        8787,
        "./larkpay-sandbox.db",
    )
    assert settings.api_key == DEMO_API_KEY
    assert (settings.rate_limit, settings.burst) == (100.0, 200)
    assert settings.retry_schedule == (5.0, 30.0, 120.0, 600.0, 3600.0, 21600.0)
    assert settings.failing_endpoint_period == 3 * 86400


def test_env_vars_then_flags_override() -> None:
    env = {
        "LARKPAY_SANDBOX_PORT": "9000",
        "LARKPAY_SANDBOX_DB": ":memory:",
        "LARKPAY_SANDBOX_RETRY_SCHEDULE": "1,2",
        "LARKPAY_SANDBOX_SETTLE_DELAY": "0.5",
        "LARKPAY_SANDBOX_FAILING_ENDPOINT_PERIOD": "600",
    }
    settings = Settings.from_env_and_args(["--port", "9001", "--burst", "7"], env=env)
    assert settings.port == 9001
    assert settings.db_path == ":memory:"
    assert settings.retry_schedule == (1.0, 2.0)
    assert settings.settle_delay == 0.5
    assert settings.burst == 7
    assert settings.failing_endpoint_period == 600.0


@pytest.mark.parametrize(
    "argv",
    [
        ["--port", "x"],
        ["--settle-delay", "-1"],
        ["--settle-delay", "nan"],
        ["--rate-limit", "inf"],
        ["--retry-schedule", ""],
        ["--api-key", "lk_test_short"],
        ["--api-key", "lk_live_" + "a" * 24],
        ["--api-secret", "lsk_short"],
        ["--allow-external-webhooks", "maybe"],
        ["--failing-endpoint-period", "-5"],
    ],
)
def test_bad_values_exit_with_a_usage_error(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        Settings.from_env_and_args(argv, env={})
    assert caught.value.code == 2


def test_parse_schedule_explains_the_format() -> None:
    with pytest.raises(ValueError, match="comma-separated"):
        parse_schedule("a,b")
