"""How to reproduce a failure: a curl command for a request, and the command that reruns the
seed with only the failing test selected.

A body that a command line cannot carry (over 4 KiB: Linux caps one argument at 128 KiB, and
reports would balloon; or not UTF-8, which a quoted argument would alter) is written to
``DIR/bodies/<sha256 prefix>.bin`` (DIR: the run's --report-dir) and sent with
``--data-binary @file``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

#: bodies longer than this go to a file (see the module docstring)
INLINE_BODY_LIMIT = 4 * 1024
_HIDDEN_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "accept-encoding",
        "connection",
        "user-agent",
        "x-schemathesis-testcaseid",
    }
)


class BodyFiles:
    """Bodies too large or too binary for a command line, as files named by their hash.

    A curl command names the file at once, but the file is written only when a failure report
    keeps that command (:meth:`write_referenced`): the suite builds commands for requests that
    pass too, and a passing run leaves no files. The last few bodies wait in memory.
    """

    PENDING = 16

    def __init__(self) -> None:
        #: the run's DIR/bodies; None (no report folder): a folder in the temporary directory
        self.folder: Path | None = None
        self._pending: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def path_for(self, body: bytes) -> str:
        """The path to give curl for ``body`` (written by :meth:`write_referenced`)."""
        folder = self.folder or Path(tempfile.gettempdir()) / "larkpay-conformance-bodies"
        path = str(folder / f"{hashlib.sha256(body).hexdigest()[:16]}.bin")
        with self._lock:
            self._pending[path] = body
            self._pending.move_to_end(path)
            while len(self._pending) > self.PENDING:
                self._pending.popitem(last=False)
        return path

    def write_referenced(self, text: str) -> None:
        """Write the files of the bodies that ``text`` (a failure's commands) names."""
        with self._lock:
            wanted = [(path, body) for path, body in self._pending.items() if path in text]
        for name, body in wanted:
            path = Path(name)
            if path.exists():
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            # Workers may write the same body at once: each writes its own file, then renames.
            partial = path.with_name(f"{path.name}.{os.getpid()}.part")
            partial.write_bytes(body)
            partial.replace(path)


#: the process's body files (the plugin points them at the run's report folder)
BODY_FILES = BodyFiles()


def _inline(body: bytes) -> str | None:
    """The body as a command-line argument, or None if it must go to a file."""
    if len(body) > INLINE_BODY_LIMIT:
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


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
        text = _inline(body)
        # "@" starts a file name for curl: an inline body starting with it goes to a file too.
        if text is None or text.startswith("@"):
            parts += ["--data-binary", "@" + BODY_FILES.path_for(body)]
        else:
            parts += ["--data-binary", text]
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
