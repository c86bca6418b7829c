"""Sandbox configuration: one frozen dataclass built from command-line flags and environment."""

from __future__ import annotations

import argparse
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

DEMO_API_KEY = "lk_test_DemoDemoDemoDemo00000001"
DEMO_API_SECRET = "lsk_DemoDemoDemoDemoDemoDemo0000000001"
EXPIRED_API_KEY = "lk_test_ExpiredExpiredExpired001"
EXPIRED_API_SECRET = "lsk_ExpiredExpiredExpiredExpired00001"
REVOKED_API_KEY = "lk_test_RevokedRevokedRevoked001"
REVOKED_API_SECRET = "lsk_RevokedRevokedRevokedRevoked00001"

ENV_PREFIX = "LARKPAY_SANDBOX_"
KEY_FORMAT = re.compile(r"lk_(test|live)_[0-9A-Za-z]{24,}")
"""A well-formed API key (the sandbox accepts only the ``lk_test_`` ones)."""
SECRET_FORMAT = re.compile(r"lsk_[0-9A-Za-z]{32,}")
"""A well-formed API secret."""
DEFAULT_RETRY_SCHEDULE: tuple[float, ...] = (5.0, 30.0, 120.0, 600.0, 3600.0, 21600.0)
"""Seconds a webhook delivery waits after each failed attempt: 5 s, 30 s, 2 min ... 6 h."""
DEFAULT_FAILING_ENDPOINT_PERIOD = 3 * 86400.0
"""Seconds an endpoint may fail every attempt before the sandbox disables it: 3 days."""


def parse_schedule(text: str) -> tuple[float, ...]:
    """Parse a comma-separated list of retry delays in seconds, e.g. ``"5,30,120"``."""
    try:
        values = tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise ValueError(
            f"retry schedule {text!r} must be comma-separated seconds, e.g. '5,30,120'"
        ) from exc
    if not values or any(value < 0 for value in values):
        raise ValueError(f"retry schedule {text!r} needs at least one non-negative delay")
    return values


@dataclass(frozen=True)
class Settings:
    """Everything the sandbox can be configured with; each field maps to one flag and env var."""

    host: str = "127.0.0.1"
    port: int = 8787
    db_path: str = "./larkpay-sandbox.db"
    api_key: str = DEMO_API_KEY
    api_secret: str = DEMO_API_SECRET
    rate_limit: float = 100.0
    burst: int = 200
    settle_delay: float = 2.0
    slow_delay: float = 3.0
    retry_schedule: tuple[float, ...] = DEFAULT_RETRY_SCHEDULE
    rotation_overlap: float = 86400.0
    delivery_timeout: float = 10.0
    delivery_concurrency: int = 8
    failing_endpoint_period: float = DEFAULT_FAILING_ENDPOINT_PERIOD
    allow_external_webhooks: bool = False

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given fields replaced."""
        return replace(self, **overrides)

    @classmethod
    def from_env_and_args(
        cls, argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None
    ) -> Settings:
        """Build settings: defaults, overridden by ``LARKPAY_SANDBOX_*`` env vars, then flags."""
        environ = os.environ if env is None else env
        parser = _parser()
        args = parser.parse_args(list(argv) if argv is not None else [])
        values: dict[str, Any] = {}
        for field in fields(cls):
            flag_value = getattr(args, field.name)
            env_value = environ.get(_env_name(field.name))
            raw = flag_value if flag_value is not None else env_value
            if raw is None:
                continue
            try:
                values[field.name] = _convert(field.name, raw)
            except ValueError as exc:
                parser.error(f"invalid value for {field.name}: {exc}")
        return cls(**values)


_ENV_NAMES = {"db_path": "DB"}
_SECONDS_FIELDS = frozenset(
    {
        "rate_limit",
        "settle_delay",
        "slow_delay",
        "rotation_overlap",
        "delivery_timeout",
        "failing_endpoint_period",
    }
)
_FLAG_NAMES = {"db_path": "--db"}


def _env_name(field_name: str) -> str:
    return ENV_PREFIX + _ENV_NAMES.get(field_name, field_name.upper())


def _convert(name: str, raw: str) -> Any:
    if name in ("port", "burst", "delivery_concurrency"):
        return int(raw)
    if name in _SECONDS_FIELDS:
        value = float(raw)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{raw!r} must be a finite number >= 0")
        return value
    if name == "api_key" and not (raw.startswith("lk_test_") and KEY_FORMAT.fullmatch(raw)):
        raise ValueError(f"{raw!r} is not a test key: lk_test_ and 24 or more letters or digits")
    if name == "api_secret" and not SECRET_FORMAT.fullmatch(raw):
        raise ValueError("the secret must be lsk_ and 32 or more letters or digits")
    if name == "retry_schedule":
        return parse_schedule(raw)
    if name == "allow_external_webhooks":
        return _parse_bool(raw)
    return raw


def _parse_bool(raw: str) -> bool:
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{raw!r} must be true or false")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="larkpay-sandbox",
        description="Run the Larkpay reference sandbox, a stateful implementation of openapi.yaml.",
    )
    for field in fields(Settings):
        flag = _FLAG_NAMES.get(field.name, "--" + field.name.replace("_", "-"))
        parser.add_argument(
            flag,
            dest=field.name,
            default=None,
            help=f"default {field.default!r}; env {_env_name(field.name)}",
        )
    return parser
