"""Which deployment the suite talks to: the embedded sandbox or a base URL from the user.

The embedded sandbox is started as a subprocess on a free loopback port with a fresh database.
A remote target takes its credentials from LARKPAY_API_KEY / LARKPAY_API_SECRET, and optionally a
second pair (another tenant, for the isolation checks) from LARKPAY_API_KEY_2 /
LARKPAY_API_SECRET_2 or the --second-api-key / --second-api-secret flags. Production (the
production host or a live key) is refused unless explicitly allowed, because the suite creates
payments.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from larkpay_sandbox.core.loopback import is_loopback_url

PRODUCTION_HOSTS = frozenset({"api.larkpay.example"})
SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"

#: Settings for the embedded sandbox: no rate limit in the way of fuzzing, short delays.
EMBEDDED_OVERRIDES: dict[str, object] = {
    "rate_limit": 0,  # 0 disables limiting (headers are still sent)
    "db_path": ":memory:",  # a fresh database per run, and no fsync per write
    "settle_delay": 0.3,
    "slow_delay": 0.3,
    "delivery_timeout": 2.0,
    # An hour instead of 3 days: the clock layer advances by it, and an advance of more than
    # a day would expire the idempotency keys of the layers running beside it.
    "failing_endpoint_period": 3600.0,
}


def spec_path() -> Path:
    """The repository's openapi.yaml, or the copy shipped inside larkpay_sandbox."""
    if SPEC_PATH.is_file():
        return SPEC_PATH
    shipped = Path(str(resources.files("larkpay_sandbox") / "openapi.yaml"))
    if shipped.is_file():
        return shipped
    raise FileNotFoundError(f"openapi.yaml not found at {SPEC_PATH} nor inside larkpay_sandbox")


class TargetError(Exception):
    """The target cannot be used as given; the message says what to change."""


@dataclass(frozen=True)
class Target:
    """A deployment under test."""

    base_url: str
    api_key: str
    api_secret: str
    embedded: bool
    #: whether the server offers the sandbox-only operations: decided by the preflight from
    #: the server's answers (:mod:`larkpay_conformance.deployment.sandbox_probe`), False until then
    is_sandbox: bool = False
    #: a second credential pair: another tenant, for the isolation checks (None: not given)
    second_api_key: str | None = None
    second_api_secret: str | None = None
    #: why there is no second pair (shown where the isolation checks are skipped)
    second_key_note: str = ""

    @property
    def auth_header(self) -> str:
        """The Authorization header value (HTTP Basic, key:secret)."""
        return basic_auth(self.api_key, self.api_secret)

    @property
    def second_tenant(self) -> Target | None:
        """The same deployment seen with the second credential pair, if there is one."""
        if not self.second_api_key or not self.second_api_secret:
            return None
        return self.as_tenant(self.second_api_key, self.second_api_secret)

    def as_tenant(self, api_key: str, api_secret: str) -> Target:
        """The same deployment seen with another credential pair (and no second one)."""
        return dataclasses.replace(
            self,
            api_key=api_key,
            api_secret=api_secret,
            second_api_key=None,
            second_api_secret=None,
        )

    @property
    def is_loopback(self) -> bool:
        """Whether a receiver on 127.0.0.1 is reachable from the target (for webhooks)."""
        return is_loopback_url(self.base_url)


def basic_auth(api_key: str, api_secret: str) -> str:
    """The Authorization header value for a key and secret (HTTP Basic)."""
    return "Basic " + base64.b64encode(f"{api_key}:{api_secret}".encode()).decode()


def is_production(base_url: str, api_key: str) -> bool:
    """A production URL or a live key means real money."""
    host = (urlsplit(base_url).hostname or "").lower()
    return host in PRODUCTION_HOSTS or api_key.startswith("lk_live_")


def remote_target(
    base_url: str, *, allow_production: bool, environ: dict[str, str] | None = None
) -> Target:
    """Build a target for ``base_url`` with credentials from the environment."""
    env = os.environ if environ is None else environ
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetError(f"--base-url {base_url!r} is not an http(s) URL like http://host/v2")
    key = env.get("LARKPAY_API_KEY", "")
    secret = env.get("LARKPAY_API_SECRET", "")
    if not key or not secret:
        raise TargetError(
            "a --base-url target needs credentials: set LARKPAY_API_KEY and LARKPAY_API_SECRET"
        )
    second = (env.get("LARKPAY_API_KEY_2") or None, env.get("LARKPAY_API_SECRET_2") or None)
    if bool(second[0]) != bool(second[1]):
        raise TargetError(
            "a second credential pair needs both LARKPAY_API_KEY_2 and LARKPAY_API_SECRET_2 "
            "(or --second-api-key and --second-api-secret)"
        )
    if is_production(base_url, key) and not allow_production:
        raise TargetError(
            f"refusing to run against production ({base_url}, key {key[:8]}...): the suite creates "
            "payments. Use a sandbox, or pass --allow-production if you really mean it."
        )
    return Target(
        base_url=base_url.rstrip("/"),
        api_key=key,
        api_secret=secret,
        embedded=False,
        second_api_key=second[0],
        second_api_secret=second[1],
    )


@contextlib.contextmanager
def embedded_target(**overrides: object) -> Iterator[Target]:
    """Start the embedded sandbox (fresh database, free port) for the duration of the block;
    ``overrides`` change its settings (e.g. ``rate_limit=5``)."""
    from larkpay_sandbox.testing import running_sandbox

    with running_sandbox(**{**EMBEDDED_OVERRIDES, **overrides}) as sandbox:
        yield Target(
            base_url=sandbox.base_url.rstrip("/"),
            api_key=sandbox.api_key,
            api_secret=sandbox.api_secret,
            embedded=True,
        )


@contextlib.contextmanager
def open_target(base_url: str | None, *, allow_production: bool) -> Iterator[Target]:
    """The remote target when a base URL is given (flag or LARKPAY_BASE_URL), else embedded."""
    url = base_url or os.environ.get("LARKPAY_BASE_URL") or None
    if url:
        yield remote_target(url, allow_production=allow_production)
    else:
        with embedded_target() as target:
            yield target
