"""Which deployment the tools talk to: flags, then the SDK's variables, then the local sandbox."""

from __future__ import annotations

import argparse

import pytest
from larkpay import ConfigurationError
from larkpay_devtools.connection import (
    DEMO_API_KEY,
    LOCAL_SANDBOX,
    add_connection_options,
    client_from,
)


def options(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_connection_options(parser)
    return parser.parse_args(list(argv))


def test_nothing_configured_means_the_local_sandbox_with_the_demo_key() -> None:
    with client_from(options(), env={}) as client:
        assert client.config.base_url == LOCAL_SANDBOX
        assert client.config.api_key == DEMO_API_KEY


def test_the_sdk_variables_come_before_the_defaults() -> None:
    env = {
        "LARKPAY_BASE_URL": "http://127.0.0.1:9999/v2",
        "LARKPAY_API_KEY": "lk_test_" + "A" * 24,
        "LARKPAY_API_SECRET": "lsk_" + "B" * 32,
    }
    with client_from(options(), env=env) as client:
        assert client.config.base_url == "http://127.0.0.1:9999/v2"
        assert client.config.api_key == "lk_test_" + "A" * 24


def test_flags_come_before_the_variables() -> None:
    env = {"LARKPAY_BASE_URL": "http://127.0.0.1:9999/v2"}
    parsed = options("--base-url", "http://localhost:1234/v2", "--api-key", "lk_test_" + "C" * 24)
    with client_from(parsed, env=env) as client:
        assert client.config.base_url == "http://localhost:1234/v2"
        assert client.config.api_key == "lk_test_" + "C" * 24


def test_a_bad_key_is_a_configuration_error_naming_the_problem() -> None:
    with pytest.raises(ConfigurationError, match="lk_test_"):
        client_from(options("--api-key", "lsk_wrong_place"), env={})
