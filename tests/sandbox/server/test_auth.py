"""Authenticator unit tests: header parsing and the reason of every 401."""

from __future__ import annotations

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.settings import DEMO_API_KEY, DEMO_API_SECRET, Settings
from larkpay_sandbox.server.auth import Authenticator
from larkpay_sandbox.testing import basic_auth


def reason_for(header: bytes | None, authenticator: Authenticator | None = None) -> str | None:
    auth = authenticator or Authenticator(Settings())
    with pytest.raises(ApiError) as caught:
        auth.authenticate(header)
    assert caught.value.status == 401
    assert caught.value.code == "AUTH_FAILED"
    return caught.value.reason


def test_valid_demo_credentials_return_the_api_key() -> None:
    header = basic_auth(DEMO_API_KEY, DEMO_API_SECRET).encode()
    assert Authenticator(Settings()).authenticate(header) == DEMO_API_KEY


def test_scheme_is_case_insensitive() -> None:
    header = basic_auth(DEMO_API_KEY, DEMO_API_SECRET).replace("Basic", "bAsIc").encode()
    assert Authenticator(Settings()).authenticate(header) == DEMO_API_KEY


def test_overridden_credentials_replace_the_demo_pair() -> None:
    key, secret = "lk_test_" + "C" * 24, "lsk_" + "S" * 32
    auth = Authenticator(Settings(api_key=key, api_secret=secret))
    assert auth.authenticate(basic_auth(key, secret).encode()) == key
    assert reason_for(basic_auth(DEMO_API_KEY, DEMO_API_SECRET).encode(), auth) == (
        "invalid_credentials"
    )


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (None, "missing_credentials"),
        (b"", "missing_credentials"),
        (b"Basic", "malformed_credentials"),
        (b"Token abc", "malformed_credentials"),
        (b"Basic ***", "malformed_credentials"),
        (basic_auth("lk_test_short", DEMO_API_SECRET).encode(), "malformed_credentials"),
        (basic_auth(DEMO_API_KEY, "lsk_short").encode(), "malformed_credentials"),
        (basic_auth(DEMO_API_KEY, "").encode(), "malformed_credentials"),
        (basic_auth("lk_live_" + "x" * 24, "lsk_" + "y" * 32).encode(), "environment_mismatch"),
        (basic_auth("lk_test_" + "x" * 24, DEMO_API_SECRET).encode(), "invalid_credentials"),
        (basic_auth(DEMO_API_KEY, "lsk_" + "y" * 32).encode(), "invalid_credentials"),
    ],
)
def test_each_failure_has_its_reason(header: bytes | None, reason: str) -> None:
    assert reason_for(header) == reason


def test_error_tells_what_to_do_without_revealing_which_part_was_wrong() -> None:
    auth = Authenticator(Settings())
    messages = set()
    for header in (
        basic_auth("lk_test_" + "x" * 24, DEMO_API_SECRET),
        basic_auth(DEMO_API_KEY, "lsk_" + "y" * 32),
    ):
        with pytest.raises(ApiError) as caught:
            auth.authenticate(header.encode())
        messages.add(caught.value.message)
    assert len(messages) == 1
