"""How to reproduce a failure: a curl command for a request, and the command that reruns the
seed with only the failing test selected."""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping

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


_SELECTABLE = re.compile(r"[\w\[\]\-.:/+]+")


def selection_for(test_name: str, function_name: str) -> str:
    """A ``-k`` expression that selects just this test (its name, e.g. ``test_schema[getRefund]``,
    when pytest's -k grammar can carry it; else the test function's name)."""
    return test_name if _SELECTABLE.fullmatch(test_name) else function_name


def rerun_command(
    *,
    seed: int,
    profile: str,
    base_url: str | None,
    selection: str | None = None,
    pytest_path: str | None = None,
) -> str:
    """The command that reruns the same seed, only the tests ``selection`` (-k) picks.

    ``larkpay conformance ...`` unless ``pytest_path`` (the suite was run as plain pytest on that
    folder): then ``pytest PATH ...``.
    """
    if pytest_path is None:
        parts = ["larkpay", "conformance", "--seed", str(seed), "--profile", profile]
    else:
        parts = ["pytest", pytest_path, "--seed", str(seed), "--profile", profile]
    if base_url:
        parts += ["--base-url", base_url]
    if selection:
        parts += ["-k", selection]
    return " ".join(shlex.quote(part) for part in parts)
