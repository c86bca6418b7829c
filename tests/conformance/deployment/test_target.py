"""Target selection: production is refused unless allowed, credentials come from the env."""

from __future__ import annotations

import base64

import pytest
from larkpay_conformance.deployment.target import TargetError, is_production, remote_target

KEYS = {"LARKPAY_API_KEY": "lk_test_" + "a" * 24, "LARKPAY_API_SECRET": "lsk_" + "b" * 32}


def test_remote_target_uses_env_credentials_and_leaves_sandbox_to_the_preflight() -> None:
    target = remote_target(
        "https://sandbox.larkpay.example/v2/", allow_production=False, environ=KEYS
    )
    assert target.base_url == "https://sandbox.larkpay.example/v2"
    assert not target.is_sandbox  # until the preflight asks the server
    assert not target.embedded
    assert not target.is_loopback
    token = target.auth_header.removeprefix("Basic ")
    assert (
        base64.b64decode(token).decode()
        == f"{KEYS['LARKPAY_API_KEY']}:{KEYS['LARKPAY_API_SECRET']}"
    )


def test_remote_target_without_credentials_says_which_variables() -> None:
    with pytest.raises(TargetError, match="LARKPAY_API_KEY and LARKPAY_API_SECRET"):
        remote_target("http://127.0.0.1:8787/v2", allow_production=False, environ={})


def test_remote_target_rejects_a_non_http_url() -> None:
    with pytest.raises(TargetError, match="not an http"):
        remote_target("ftp://x/v2", allow_production=False, environ=KEYS)


def test_production_url_is_refused_without_the_flag() -> None:
    with pytest.raises(TargetError, match="--allow-production"):
        remote_target("https://api.larkpay.example/v2", allow_production=False, environ=KEYS)


def test_live_key_is_refused_without_the_flag() -> None:
    live = {**KEYS, "LARKPAY_API_KEY": "lk_live_" + "c" * 24}
    with pytest.raises(TargetError, match="refusing"):
        remote_target("http://127.0.0.1:8787/v2", allow_production=False, environ=live)


def test_production_allowed_by_the_flag_is_a_target() -> None:
    target = remote_target("https://api.larkpay.example/v2", allow_production=True, environ=KEYS)
    assert target.base_url == "https://api.larkpay.example/v2"


def test_is_production_by_host_or_key() -> None:
    assert is_production("https://API.larkpay.example/v2", "lk_test_x")
    assert is_production("http://127.0.0.1/v2", "lk_live_x")
    assert not is_production("http://127.0.0.1/v2", "lk_test_x")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "[::1]"])
def test_a_target_on_any_loopback_address_is_loopback(host: str) -> None:
    target = remote_target(f"http://{host}:8787/v2", allow_production=False, environ=KEYS)
    assert target.is_loopback
