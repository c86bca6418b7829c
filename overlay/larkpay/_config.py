"""Client configuration: arguments, then LARKPAY_* environment variables, then defaults.

Everything is checked before any request is made, and no error message or repr contains the
API secret (or more of the API key than its public prefix and last four characters).
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

from ._errors import ConfigurationError
from ._retry import DEFAULT_MAX_RETRIES

ENVIRONMENTS: dict[str, str] = {
    "production": "https://api.larkpay.example/v2",
    "sandbox": "https://sandbox.larkpay.example/v2",
    "local": "http://127.0.0.1:8787/v2",
}
"""The base URL of each environment."""

LIVE_PREFIX = "lk_live_"
TEST_PREFIX = "lk_test_"
SECRET_PREFIX = "lsk_"
_KEY_PREFIX = {"production": LIVE_PREFIX, "sandbox": TEST_PREFIX, "local": TEST_PREFIX}
DEFAULT_TIMEOUT = 30.0


def mask_key(api_key: str) -> str:
    """``lk_test_…0001``: enough to recognise a key, not enough to use it."""
    prefix = api_key[: len(TEST_PREFIX)]
    return f"{prefix}…{api_key[-4:]}" if len(api_key) > len(prefix) + 8 else f"{prefix}…"


@dataclass(frozen=True)
class ClientConfig:
    """The resolved settings of a client. ``deadline`` bounds a whole call, retries included."""

    api_key: str = field(repr=False)
    api_secret: str = field(repr=False)
    environment: str
    base_url: str
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    deadline: float | None = None

    def __repr__(self) -> str:
        return (
            f"ClientConfig(api_key={mask_key(self.api_key)!r}, environment={self.environment!r}, "
            f"base_url={self.base_url!r}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries!r}, deadline={self.deadline!r})"
        )


def _required(value: str | None, env: Mapping[str, str], variable: str, what: str) -> str:
    value = value if value is not None else env.get(variable)
    if value is None or not value.strip():
        raise ConfigurationError(f"no {what}: pass {what.replace(' ', '_')}=... or set {variable}")
    return value.strip()


def _environment_for(api_key: str, environment: str | None, env: Mapping[str, str]) -> str:
    chosen = environment if environment is not None else env.get("LARKPAY_ENVIRONMENT")
    if chosen is None or not chosen.strip():
        return "production" if api_key.startswith(LIVE_PREFIX) else "sandbox"
    chosen = chosen.strip().lower()
    if chosen not in ENVIRONMENTS:
        raise ConfigurationError(
            f"unknown environment {chosen!r}: use one of {', '.join(sorted(ENVIRONMENTS))}"
        )
    needed = _KEY_PREFIX[chosen]
    if not api_key.startswith(needed):
        kind = "live" if api_key.startswith(LIVE_PREFIX) else "test"
        raise ConfigurationError(
            f"the API key {mask_key(api_key)} is a {kind} key but the environment is "
            f"{chosen!r}, which needs a key starting with {needed!r}; use the matching key "
            f"or environment"
        )
    return chosen


def _number(name: str, value: float | None, *, minimum: float, allow_zero: bool) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"{name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ConfigurationError(f"{name} must be a finite number of seconds, got {value!r}")
    if value < minimum or (value == minimum and not allow_zero):
        bound = f">= {minimum:g}" if allow_zero else f"> {minimum:g}"
        raise ConfigurationError(f"{name} must be {bound}, got {value!r}")


def _is_loopback(parts: SplitResult) -> bool:
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_options(*, timeout: float, max_retries: int, deadline: float | None) -> None:
    """Reject a non-positive timeout or deadline, or a negative or non-integer max_retries."""
    _number("timeout", timeout, minimum=0, allow_zero=False)
    _number("deadline", deadline, minimum=0, allow_zero=False)
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be an integer >= 0, got {max_retries!r}")


def resolve_config(
    *,
    api_key: str | None = None,
    api_secret: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_retries: int = DEFAULT_MAX_RETRIES,
    deadline: float | None = None,
    env: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Resolve and check the client settings; raise ConfigurationError saying what to fix."""
    env = os.environ if env is None else env
    key = _required(api_key, env, "LARKPAY_API_KEY", "api key")
    secret = _required(api_secret, env, "LARKPAY_API_SECRET", "api secret")
    if not key.startswith((TEST_PREFIX, LIVE_PREFIX)):
        raise ConfigurationError(
            f"the API key does not start with {TEST_PREFIX!r} or {LIVE_PREFIX!r}; "
            f"copy the key (not the secret) from the dashboard"
        )
    if not secret.startswith(SECRET_PREFIX):
        raise ConfigurationError(
            f"the API secret does not start with {SECRET_PREFIX!r}; "
            f"copy the secret (not the key) from the dashboard"
        )
    chosen = _environment_for(key, environment, env)
    url = base_url if base_url is not None else env.get("LARKPAY_BASE_URL") or None
    url = (url or ENVIRONMENTS[chosen]).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"base_url must be an http(s) URL like {ENVIRONMENTS[chosen]!r}")
    if "@" in parts.netloc:
        raise ConfigurationError(
            "base_url must not contain credentials; pass them as api_key and api_secret"
        )
    if key.startswith(LIVE_PREFIX) and parts.scheme != "https" and not _is_loopback(parts):
        raise ConfigurationError(
            f"live credentials are only sent over https; base_url {url!r} is plain http"
        )
    check_options(timeout=timeout, max_retries=max_retries, deadline=deadline)
    return ClientConfig(
        api_key=key,
        api_secret=secret,
        environment=chosen,
        base_url=url,
        timeout=float(timeout),
        max_retries=max_retries,
        deadline=None if deadline is None else float(deadline),
    )
