"""Before any layer: is the base URL a Larkpay API, do the credentials work, is it a sandbox?

On the happy path: ``GET /health``, one authenticated ``GET /payments`` that must answer a list
envelope, and the sandbox probe (:mod:`larkpay_conformance.deployment.sandbox_probe`: two requests
per sandbox-only operation asked); a couple more to explain a wrong base URL. A failure is one
sentence that says what to change: nothing listening, a URL that is not a Larkpay API, the ``/v2``
prefix missing or doubled, credentials refused with the reason the API gave, or an authenticated
request answered with something other than the API's list.
The target that passed comes back with :attr:`Target.is_sandbox` set from the probe: the one
place that decides it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from larkpay_sandbox.spec.document import read_document

from larkpay_conformance.deployment.sandbox_probe import SandboxAnswer, find_out
from larkpay_conformance.deployment.target import Target, spec_path

TIMEOUT = 5.0
API_PREFIX = "/v2"
#: exit code of a run the preflight stopped (``larkpay conformance --help`` lists them all)
EXIT_PREFLIGHT = 3


class PreflightError(Exception):
    """The target cannot be tested as given; the message is the one sentence to show."""


@dataclass(frozen=True)
class Preflight:
    """What the preflight found out about a target that passed it."""

    #: the target checked, with ``is_sandbox`` as the server answered
    target: Target
    version: str
    sandbox: SandboxAnswer

    def describe(self) -> str:
        """One line for the start of the run."""
        return (
            f"preflight: {self.target.base_url} answers as a Larkpay API (version "
            f"{self.version}); credentials accepted; {self.sandbox.evidence}"
        )


def _with_path(base_url: str, path: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _health_version(response: httpx.Response) -> str | None:
    """The version a /health answer reports if it is a Larkpay API's, else None."""
    try:
        doc = response.json()
    except ValueError:
        return None
    if response.status_code != 200 or not isinstance(doc, dict) or doc.get("status") != "success":
        return None
    data = doc.get("data")
    if not isinstance(data, dict) or data.get("object") != "health":
        return None
    return str(data.get("version", "?"))


def _answers_health(client: httpx.Client, base_url: str) -> bool:
    try:
        response = client.get(base_url.rstrip("/") + "/health")
    except httpx.HTTPError:
        return False
    return _health_version(response) is not None


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
        if _answers_health(client, url):
            return f"{problem}: use --base-url {url}"
    return None


def _describe_answer(response: httpx.Response) -> str:
    """The status and the body's first 120 characters, on one line."""
    text = " ".join(response.text.split())
    body = text if len(text) <= 120 else text[:120] + "..."
    return f"HTTP {response.status_code}" + (f" ({body})" if body else "")


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
    version = _health_version(response)
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
    if response.status_code in (401, 403):
        error = _error_of(response)
        reason = error.get("reason") or "no reason given"
        message = error.get("message") or _describe_answer(response)
        raise PreflightError(
            f"the credentials were refused (HTTP {response.status_code}, reason {reason}: "
            f"{message}); check LARKPAY_API_KEY and LARKPAY_API_SECRET (key "
            f"{target.api_key[:12]}...)."
        )
    if response.status_code != 200 or not _is_list_envelope(response):
        raise PreflightError(
            f"GET {url} (authenticated) answered {_describe_answer(response)} instead of a "
            '{"status": "success", "data": [...]} list: check the base URL and that the server '
            "runs the Larkpay API."
        )


def _is_list_envelope(response: httpx.Response) -> bool:
    try:
        doc = response.json()
    except ValueError:
        return False
    return (
        isinstance(doc, dict)
        and doc.get("status") == "success"
        and isinstance(doc.get("data"), list)
    )


def _error_of(response: httpx.Response) -> dict[str, Any]:
    try:
        doc = response.json()
    except ValueError:
        return {}
    error = doc.get("error") if isinstance(doc, dict) else None
    return error if isinstance(error, dict) else {}


def run_preflight(
    target: Target, *, timeout: float = TIMEOUT, spec: dict[str, Any] | None = None
) -> Preflight:
    """Check ``target`` against ``spec`` (default: the suite's openapi.yaml); raises
    :class:`PreflightError` with the sentence to show. The :class:`Preflight` returned carries
    the target with ``is_sandbox`` as the server answered."""
    with httpx.Client(timeout=timeout, trust_env=not target.is_loopback) as client:
        version = _check_health(client, target.base_url)
        _check_credentials(client, target)
        document = spec if spec is not None else read_document(spec_path())
        sandbox = find_out(client, target.base_url, target.auth_header, target.api_key, document)
    return Preflight(
        target=dataclasses.replace(target, is_sandbox=sandbox.is_sandbox),
        version=version,
        sandbox=sandbox,
    )
