"""How to reproduce a failure: a curl command for a request, the command that reruns the seed,
and the names of the checks found in a (possibly grouped) exception."""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Mapping

from larkpay_conformance.checks import CheckFailedError

_HIDDEN_HEADERS = frozenset(
    {"host", "content-length", "accept-encoding", "connection", "user-agent"}
)


def curl_command(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes | None = None,
    *,
    show_auth: bool = False,
) -> str:
    """A shell-quoted curl command sending the same request.

    Credentials are never written out: the Authorization header becomes
    ``-u "$LARKPAY_API_KEY:$LARKPAY_API_SECRET"``, expanded by the shell that runs it, unless
    ``show_auth`` (a deliberately broken credential, part of what is tested).
    """
    parts = ["curl", "-sS", "-i", "-X", method.upper()]
    with_auth = False
    for name, value in headers.items():
        if name.lower() == "authorization" and not show_auth:
            with_auth = True
        elif name.lower() not in _HIDDEN_HEADERS:
            parts += ["-H", f"{name}: {value}"]
    if body:
        parts += ["--data-binary", body.decode("utf-8", "replace")]
    parts.append(url)
    command = " ".join(shlex.quote(part) for part in parts)
    if with_auth:
        command = command.replace(
            "curl -sS", 'curl -sS -u "$LARKPAY_API_KEY:$LARKPAY_API_SECRET"', 1
        )
    return command


def rerun_command(*, seed: int, profile: str, base_url: str | None, nodeid: str | None) -> str:
    """The command that reruns the same seed (and only the failing test when known)."""
    parts = [
        "pytest",
        "conformance/larkpay_conformance/layers",
        "--profile",
        profile,
        "--seed",
        str(seed),
    ]
    if base_url:
        parts += ["--base-url", base_url]
    if nodeid:
        parts = ["pytest", nodeid, *parts[2:]]
    return " ".join(shlex.quote(part) for part in parts)


def _leaves(exc: BaseException) -> Iterator[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _leaves(inner)
    else:
        yield exc


def check_names(exc: BaseException) -> list[str]:
    """Names of the checks that failed inside ``exc`` (schemathesis failures, our checks, ...)."""
    names: list[str] = []
    for leaf in _leaves(exc):
        name = _name_of(leaf)
        if name not in names:
            names.append(name)
    return names


def _name_of(leaf: BaseException) -> str:
    if isinstance(leaf, CheckFailedError):
        return leaf.check
    inner = getattr(leaf, "exception", None)
    if isinstance(inner, CheckFailedError):
        return inner.check
    checks = getattr(type(leaf), "checks", ())
    if isinstance(checks, tuple) and checks:
        return str(checks[0])
    title = str(getattr(leaf, "title", "") or "")
    if "`" in title:
        return title.split("`")[1]
    return title or type(leaf).__name__
