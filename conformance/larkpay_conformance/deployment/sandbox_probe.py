"""Is the target a sandbox? Asked of the server, never guessed from the host or the key alone.

The spec tags the operations that only a sandbox offers (``tags: [sandbox]``; production
answers them 404 as unknown routes). The preflight sends each such operation that is safe to
send anywhere, and beside it the same request to a route that cannot exist (its last path
segment replaced by a random one):

- a GET without required parameters (e.g. ``GET /sandbox/clock``), which reads nothing but the
  sandbox's own state;
- an operation on an object that does not exist (e.g. ``POST /sandbox/payments/pay_<random>/
  settle`` with the spec's example body): it can change nothing.

A server that offers the operation answers the two differently (``200`` against ``404``, or
``NOT_FOUND`` "No payment with id ..." against ``NOT_FOUND`` "No API operation at ...");
a server without it answers both alike: same status, same error code, same message once the
paths and ids are blanked out (a body that is no Larkpay envelope is compared by status and
media type only, since pages carry request ids and times). The first operation that answers
differently makes the target a sandbox (one that lacks the spec's newest sandbox operations
still counts); if every one answers alike, it is not a sandbox. A probe without a usable
answer (no answer, 401, 403, 429 or 5xx), or a spec without sandbox-only operations, says
nothing: then the key decides (``lk_test_`` is a test key), and the preflight line says so.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import string
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from larkpay_sandbox.spec.refs import follow

SANDBOX_TAG = "sandbox"
TEST_KEY_PREFIX = "lk_test_"
#: answers that say nothing about whether a route exists
_INCONCLUSIVE = frozenset({401, 403, 429})
_PARAMETER = re.compile(r"\{([^}/]+)\}")
_BASE62 = string.ascii_letters + string.digits
_BASELINE_SEGMENT = "larkpay-preflight-no-such-route"


@dataclass(frozen=True)
class Probe:
    """One sandbox-only request that is safe to send to any server."""

    method: str
    #: the path as the spec writes it, e.g. /sandbox/payments/{payment_id}/settle
    template: str
    #: the path with made-up ids in place of its parameters
    path: str
    body: bytes | None

    @property
    def baseline_path(self) -> str:
        """A route that cannot exist: the last segment replaced."""
        head = self.path.rsplit("/", 1)[0]
        return f"{head}/{_BASELINE_SEGMENT}-{os.urandom(4).hex()}"


@dataclass(frozen=True)
class SandboxAnswer:
    """Whether the target is a sandbox, and the evidence, as a phrase for the preflight line."""

    is_sandbox: bool
    evidence: str


def _made_up_id(parameter: dict[str, Any]) -> str:
    """An id shaped like the parameter's example (``pay_`` + as many base62 characters), which
    no server holds."""
    example = parameter.get("example")
    if isinstance(example, str) and "_" in example:
        prefix, _, rest = example.partition("_")
        return f"{prefix}_" + "".join(secrets.choice(_BASE62) for _ in rest)
    return "larkpayProbe" + os.urandom(8).hex()


def _example_body(spec: dict[str, Any], operation: dict[str, Any]) -> bytes | None:
    body = follow(spec, operation.get("requestBody"))
    if not isinstance(body, dict):
        return None
    media = (body.get("content") or {}).get("application/json") or {}
    example = media.get("example")
    if example is None and isinstance(media.get("examples"), dict) and media["examples"]:
        example = follow(spec, next(iter(media["examples"].values()))).get("value")
    return json.dumps(example if example is not None else {}).encode()


def _probe(
    spec: dict[str, Any], template: str, method: str, operation: dict[str, Any], shared: list[Any]
) -> Probe | None:
    """The request for one sandbox-only operation, or None if it is not safe to send."""
    parameters = shared + [follow(spec, p) for p in operation.get("parameters") or []]
    by_name = {p.get("name"): p for p in parameters if isinstance(p, dict)}
    if any(p.get("in") == "query" and p.get("required") for p in by_name.values()):
        return None
    names = _PARAMETER.findall(template)
    if method != "get" and not names:
        return None  # it could change something real
    path = template
    for name in names:
        path = path.replace(f"{{{name}}}", _made_up_id(by_name.get(name) or {}))
    body = None if method == "get" else _example_body(spec, operation)
    return Probe(method.upper(), template, path, body)


def probes(spec: dict[str, Any]) -> list[Probe]:
    """The safe sandbox-only requests of ``spec``: parameterless GETs first, then operations on
    a made-up object; an operation that could change something real (no path parameter, not a
    GET) is never sent."""
    found: list[Probe] = []
    for template, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        shared = [follow(spec, p) for p in item.get("parameters") or []]
        for method, operation in item.items():
            if isinstance(operation, dict) and SANDBOX_TAG in (operation.get("tags") or []):
                probe = _probe(spec, template, method, operation, shared)
                if probe is not None:
                    found.append(probe)
    # reads first: sorted is stable
    return sorted(found, key=lambda p: not (p.method == "GET" and "{" not in p.template))


def _send(
    client: httpx.Client, base_url: str, auth: str, probe: Probe, path: str
) -> httpx.Response | None:
    headers = {"Authorization": auth}
    if probe.body is not None:
        headers |= {"Content-Type": "application/json", "Idempotency-Key": os.urandom(16).hex()}
    try:
        return client.request(probe.method, base_url + path, content=probe.body, headers=headers)
    except httpx.HTTPError:
        return None


def _shape(response: httpx.Response, blanks: list[str]) -> tuple[object, ...]:
    """What tells "no such route" from "no such object": status and error code, and the error
    message with the request's paths and ids blanked out."""
    media = response.headers.get("content-type", "").split(";", 1)[0].strip()
    try:
        doc = response.json()
    except ValueError:
        doc = None
    error = doc.get("error") if isinstance(doc, dict) else None
    if not isinstance(error, dict):
        return (response.status_code, media)
    message = str(error.get("message", ""))
    for blank in sorted(blanks, key=len, reverse=True):
        message = message.replace(blank, "{}")
    return (response.status_code, error.get("code"), message)


def _usable(response: httpx.Response) -> bool:
    return not (response.status_code in _INCONCLUSIVE or response.status_code >= 500)


def ask(client: httpx.Client, base_url: str, auth: str, probe: Probe) -> bool | None:
    """Whether the server offers ``probe``'s operation (None: its answers say nothing)."""
    baseline_path = probe.baseline_path
    answer = _send(client, base_url, auth, probe, probe.path)
    baseline = _send(client, base_url, auth, probe, baseline_path)
    if answer is None or baseline is None or not (_usable(answer) and _usable(baseline)):
        return None  # no answer, or one that says nothing of the route
    base_path = urlsplit(base_url).path
    blanks = [p for path in (probe.path, baseline_path) for p in (base_path + path, path)]
    # the made-up ids, and the segment that replaced the last one
    blanks += set(probe.path.split("/")) - set(probe.template.split("/"))
    blanks.append(baseline_path.rsplit("/", 1)[1])
    return _shape(answer, blanks) != _shape(baseline, blanks)


def find_out(
    client: httpx.Client, base_url: str, auth: str, api_key: str, spec: dict[str, Any]
) -> SandboxAnswer:
    """Ask the server (see the module docstring); the key decides only if no probe can."""
    silent: list[str] = []
    unknown: list[str] = []
    for probe in probes(spec):
        offered = ask(client, base_url, auth, probe)
        label = f"{probe.method} {probe.template}"
        if offered:
            return SandboxAnswer(True, f"a sandbox ({label} answers, not as an unknown route)")
        (silent if offered is None else unknown).append(label)
    if unknown:
        routes = "an unknown route" if len(unknown) == 1 else "unknown routes"
        return SandboxAnswer(
            False,
            f"NOT a sandbox ({', '.join(unknown)} answered as {routes}; sandbox-only tests are "
            "skipped)",
        )
    why = (
        f"{', '.join(silent)} gave no usable answer"
        if silent
        else "the spec names no sandbox-only operation to ask"
    )
    if api_key.startswith(TEST_KEY_PREFIX):
        return SandboxAnswer(True, f"a sandbox by its test key ({why})")
    return SandboxAnswer(False, f"NOT a sandbox by its key ({why}; sandbox-only tests are skipped)")
