"""Before any layer: is the base URL a Larkpay API, do the credentials work, is it a sandbox?

Three requests at most on the happy path (``GET /health``, one authenticated ``GET /payments``),
a couple more to explain a wrong base URL. A failure is one sentence that says what to change:
nothing listening, a URL that is not a Larkpay API, the ``/v2`` prefix missing or doubled, or
credentials refused with the reason the API gave.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from larkpay_conformance.target import Target

TIMEOUT = 5.0
API_PREFIX = "/v2"
#: exit code of a run the preflight stopped (``larkpay conformance --help`` lists them all)
EXIT_PREFLIGHT = 3


class PreflightError(Exception):
    """The target cannot be tested as given; the message is the one sentence to show."""


@dataclass(frozen=True)
class Preflight:
    """What the preflight found out about a target that passed it."""

    base_url: str
    version: str
    sandbox: bool

    def describe(self) -> str:
        """One line for the start of the run."""
        kind = "a sandbox (test key accepted)" if self.sandbox else "NOT a sandbox (live key)"
        return (
            f"preflight: {self.base_url} answers as a Larkpay API (version {self.version}); "
            f"credentials accepted; {kind}"
        )


def _with_path(base_url: str, path: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _health_version(client: httpx.Client, base_url: str) -> str | None:
    """The version /health reports if ``base_url`` answers it as a Larkpay API, else None."""
    try:
        response = client.get(base_url.rstrip("/") + "/health")
        doc = response.json()
    except (httpx.HTTPError, ValueError):
        return None
    data = doc.get("data") if isinstance(doc, dict) else None
    if response.status_code != 200 or doc.get("status") != "success" or not isinstance(data, dict):
        return None
    if data.get("object") != "health":
        return None
    return str(data.get("version", "?"))


def _prefix_hint(client: httpx.Client, base_url: str) -> str | None:
    """Tell a missing or doubled /v2 prefix (or another wrong path) apart by probing the
    neighbouring base URLs; what to use instead, or None if none answers as a Larkpay API."""
    path = urlsplit(base_url).path.rstrip("/")
    candidates: list[tuple[str, str]] = []
    if path.endswith(API_PREFIX + API_PREFIX):
        candidates.append((path[: -len(API_PREFIX)], f"the {API_PREFIX} prefix is doubled"))
    elif path.endswith(API_PREFIX):
        candidates.append(
            (path[: -len(API_PREFIX)], f"this server answers without the {API_PREFIX} prefix")
        )
    else:
        candidates.append((path + API_PREFIX, f"the {API_PREFIX} prefix is missing"))
    candidates += [
        (API_PREFIX, f"the API is at {API_PREFIX} of this host"),
        ("", "this server answers at its root"),
    ]
    tried = {path}
    for candidate, problem in candidates:
        if candidate in tried:
            continue
        tried.add(candidate)
        url = _with_path(base_url, candidate)
        if _health_version(client, url) is not None:
            return f"{problem}: use --base-url {url}"
    return None


def _describe_answer(response: httpx.Response) -> str:
    body = " ".join(response.text[:120].split())
    return f"HTTP {response.status_code}" + (f" ({body}...)" if body else "")


def _check_health(client: httpx.Client, base_url: str) -> str:
    url = base_url.rstrip("/") + "/health"
    try:
        response = client.get(url)
    except httpx.TimeoutException:
        raise PreflightError(
            f"{url} did not answer within {TIMEOUT:g} s: check the base URL and that the server "
            "is up."
        ) from None
    except httpx.HTTPError as exc:
        raise PreflightError(
            f"nothing answers at {base_url} ({type(exc).__name__}: {exc}): check the base URL "
            "and that the server is running."
        ) from None
    version = _health_version(client, base_url)
    if version is not None:
        return version
    hint = _prefix_hint(client, base_url)
    if hint is not None:
        raise PreflightError(f"GET {url} answered HTTP {response.status_code}: {hint}.")
    raise PreflightError(
        f"{base_url} is not a Larkpay API: GET /health answered {_describe_answer(response)} "
        f'instead of {{"status": "success", "data": {{"object": "health", ...}}}}; check the '
        f"base URL (it ends with {API_PREFIX}, e.g. https://sandbox.larkpay.example{API_PREFIX})."
    )


def _check_credentials(client: httpx.Client, target: Target) -> None:
    url = target.base_url.rstrip("/") + "/payments"
    try:
        response = client.get(
            url, params={"limit": 1}, headers={"Authorization": target.auth_header}
        )
    except httpx.HTTPError as exc:
        raise PreflightError(
            f"GET {url} (authenticated) got no answer ({type(exc).__name__}: {exc})."
        ) from None
    if response.status_code not in (401, 403):
        return
    error = _error_of(response)
    reason = error.get("reason") or "no reason given"
    message = error.get("message") or _describe_answer(response)
    raise PreflightError(
        f"the credentials were refused (HTTP {response.status_code}, reason {reason}: {message}); "
        f"check LARKPAY_API_KEY and LARKPAY_API_SECRET (key {target.api_key[:12]}...)."
    )


def _error_of(response: httpx.Response) -> dict[str, Any]:
    try:
        doc = response.json()
    except ValueError:
        return {}
    error = doc.get("error") if isinstance(doc, dict) else None
    return error if isinstance(error, dict) else {}


def run_preflight(target: Target, *, timeout: float = TIMEOUT) -> Preflight:
    """Check ``target``; raises :class:`PreflightError` with the sentence to show."""
    with httpx.Client(timeout=timeout, trust_env=not target.is_loopback) as client:
        version = _check_health(client, target.base_url)
        _check_credentials(client, target)
    return Preflight(
        base_url=target.base_url,
        version=version,
        sandbox=target.api_key.startswith("lk_test_"),
    )
