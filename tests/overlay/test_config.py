"""Tests of larkpay._config: arguments, environment variables, checks, and secret hygiene."""

from __future__ import annotations

from typing import Any

import pytest
from larkpay import ConfigurationError
from larkpay._config import ENVIRONMENTS, mask_key, resolve_config

TEST_KEY = "lk_test_DemoDemoDemoDemo00000001"
LIVE_KEY = "lk_live_LiveLiveLiveLive00000001"
SECRET = "lsk_DemoDemoDemoDemoDemoDemo0000000001"


def resolve(env: dict[str, str] | None = None, **kwargs: Any) -> Any:
    return resolve_config(env=env or {}, **kwargs)


def test_arguments_are_used_and_defaults_applied() -> None:
    config = resolve(api_key=TEST_KEY, api_secret=SECRET)
    assert config.environment == "sandbox"
    assert config.base_url == "https://sandbox.larkpay.example/v2"
    assert (config.timeout, config.max_retries, config.deadline) == (30.0, 2, None)


def test_environment_variables_are_the_fallback() -> None:
    env = {"LARKPAY_API_KEY": TEST_KEY, "LARKPAY_API_SECRET": SECRET,
           "LARKPAY_ENVIRONMENT": "Local", "LARKPAY_BASE_URL": ""}  # fmt: skip
    config = resolve(env)
    assert (config.api_key, config.api_secret) == (TEST_KEY, SECRET)
    assert config.base_url == "http://127.0.0.1:8787/v2"
    custom = resolve(env | {"LARKPAY_BASE_URL": "http://127.0.0.1:9999/v2/"})
    assert custom.base_url == "http://127.0.0.1:9999/v2"


def test_arguments_win_over_environment_variables() -> None:
    env = {"LARKPAY_API_KEY": "lk_test_other", "LARKPAY_ENVIRONMENT": "production"}
    config = resolve(env, api_key=TEST_KEY, api_secret=SECRET, environment="sandbox",
                     base_url="http://127.0.0.1:1/v2")  # fmt: skip
    assert (config.api_key, config.environment, config.base_url) == (
        TEST_KEY, "sandbox", "http://127.0.0.1:1/v2"
    )  # fmt: skip


def test_every_environment_has_its_documented_url() -> None:
    assert ENVIRONMENTS == {
        "production": "https://api.larkpay.example/v2",
        "sandbox": "https://sandbox.larkpay.example/v2",
        "local": "http://127.0.0.1:8787/v2",
    }
    assert resolve(api_key=LIVE_KEY, api_secret=SECRET).environment == "production"


@pytest.mark.parametrize(
    ("kwargs", "variable"),
    [({"api_secret": SECRET}, "LARKPAY_API_KEY"), ({"api_key": TEST_KEY}, "LARKPAY_API_SECRET"),
     ({"api_key": "  ", "api_secret": SECRET}, "LARKPAY_API_KEY")],
)  # fmt: skip
def test_missing_credentials_name_the_variable_to_set(kwargs: Any, variable: str) -> None:
    with pytest.raises(ConfigurationError, match=variable):
        resolve(**kwargs)


@pytest.mark.parametrize(
    ("key", "environment", "words"),
    [(LIVE_KEY, "sandbox", ["live key", "'sandbox'", "lk_test_"]),
     (LIVE_KEY, "local", ["live key", "'local'"]),
     (TEST_KEY, "production", ["test key", "'production'", "lk_live_"])],
)  # fmt: skip
def test_key_of_the_wrong_environment_is_refused_naming_both(
    key: str, environment: str, words: list[str]
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve(api_key=key, api_secret=SECRET, environment=environment)
    message = str(caught.value)
    for word in words:
        assert word in message
    assert key not in message
    assert SECRET not in message


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"api_key": "sk_nope"}, "does not start with"),
     ({"api_secret": "nope"}, "lsk_"),
     ({"environment": "staging"}, "unknown environment 'staging'"),
     ({"base_url": "ftp://x"}, "http"),
     ({"timeout": 0}, "timeout must be > 0"),
     ({"timeout": "3"}, "timeout must be a number"),
     ({"deadline": -1}, "deadline must be > 0"),
     ({"max_retries": -1}, "max_retries"),
     ({"max_retries": True}, "max_retries"),
     ({"max_retries": 1.5}, "max_retries")],
)  # fmt: skip
def test_bad_settings_raise_configuration_error(kwargs: Any, match: str) -> None:
    options = {"api_key": TEST_KEY, "api_secret": SECRET} | kwargs
    with pytest.raises(ConfigurationError, match=match) as caught:
        resolve(**options)
    assert SECRET not in str(caught.value)


def test_repr_masks_the_key_and_omits_the_secret() -> None:
    config = resolve(api_key=TEST_KEY, api_secret=SECRET, deadline=5)
    text = repr(config)
    assert "lk_test_…0001" in text
    assert TEST_KEY not in text
    assert SECRET not in text
    assert "deadline=5.0" in text


def test_mask_key_never_reveals_short_keys() -> None:
    assert mask_key("lk_test_abc") == "lk_test_…"


@pytest.mark.parametrize(
    ("name", "value"),
    [("timeout", float("nan")), ("timeout", float("inf")), ("deadline", float("nan"))],
)
def test_non_finite_timeout_or_deadline_is_refused(name: str, value: float) -> None:
    with pytest.raises(ConfigurationError, match=f"{name} must be a finite number"):
        resolve(api_key=TEST_KEY, api_secret=SECRET, **{name: value})


def test_base_url_with_credentials_is_refused_without_echoing_them() -> None:
    with pytest.raises(ConfigurationError, match="must not contain credentials") as caught:
        resolve(api_key=TEST_KEY, api_secret=SECRET, base_url="http://user:hunter2@127.0.0.1:1/v2")
    assert "hunter2" not in str(caught.value)


def test_live_key_over_plain_http_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="only sent over https"):
        resolve(api_key=LIVE_KEY, api_secret=SECRET, base_url="http://api.larkpay.example/v2")


@pytest.mark.parametrize("host", ["127.0.0.1:8787", "localhost:8787", "[::1]:8787"])
def test_live_key_over_http_to_loopback_is_allowed(host: str) -> None:
    config = resolve(api_key=LIVE_KEY, api_secret=SECRET, base_url=f"http://{host}/v2")
    assert config.base_url == f"http://{host}/v2"


def test_live_key_over_http_to_a_host_that_only_looks_local_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="only sent over https"):
        resolve(api_key=LIVE_KEY, api_secret=SECRET, base_url="http://localhost.evil.example/v2")
