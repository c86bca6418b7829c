"""What every check works on and raises: :class:`Exchange` (one request and its response,
independent of the HTTP library) and :class:`CheckFailedError` (the named rule it broke), and
:func:`as_check` to report the failures of shared steps under another check's name."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from larkpay_conformance.record.stats import RECORDER


@contextlib.contextmanager
def as_check(name: str) -> Iterator[None]:
    """Report failures of the shared steps inside the block under the check ``name`` (e.g. the
    property that reuses an example's steps), keeping their request; counts one run of it."""
    RECORDER.ran(name)
    try:
        yield
    except CheckFailedError as exc:
        raise CheckFailedError(name, exc.detail, operation=exc.operation, curl=exc.curl) from exc


class CheckFailedError(AssertionError):
    """A response broke a rule of the design brief; ``check`` names the rule, ``operation`` and
    ``curl`` (when known) the request that showed it."""

    def __init__(
        self, check: str, message: str, *, operation: str | None = None, curl: str | None = None
    ) -> None:
        super().__init__(f"[{check}] {message}")
        self.check = check
        self.detail = message
        self.operation = operation
        self.curl = curl


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, with lower-cased header names."""

    method: str
    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    request_headers: Mapping[str, str] = field(default_factory=dict)
    request_body: bytes | None = None

    def json(self) -> Any:
        """The decoded body; raises ValueError when it is not JSON."""
        return json.loads(self.body)

    @cached_property
    def doc(self) -> Any:
        """The decoded body, decoded once (None when it is not JSON)."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    @cached_property
    def path(self) -> str:
        """The URL's path."""
        return urlsplit(self.url).path

    @cached_property
    def query(self) -> dict[str, str]:
        """The URL's query parameters (the last value of a repeated one)."""
        return dict(parse_qsl(urlsplit(self.url).query, keep_blank_values=True))

    @staticmethod
    def lower(headers: Mapping[str, Any]) -> dict[str, str]:
        """Lower-case header names; list values (schemathesis) become comma-joined strings."""
        out: dict[str, str] = {}
        for name, value in headers.items():
            out[name.lower()] = ", ".join(value) if isinstance(value, list) else str(value)
        return out
