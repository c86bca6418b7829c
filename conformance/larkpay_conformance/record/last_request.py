"""The last request the suite sent, whichever transport sent it: a failure that carries no
request of its own (an unexpected answer, a crash in a test) is reported with this one."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

from larkpay_conformance.record.repro import curl_command


@dataclass(frozen=True)
class SentRequest:
    """A request as sent, enough to print it as a curl command."""

    operation: str
    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes | None
    #: print the Authorization header (a deliberately broken credential) instead of -u "$KEY..."
    show_auth: bool = False

    def curl(self) -> str:
        """The curl command that sends this request again."""
        return curl_command(
            self.method, self.url, self.headers, self.body, show_auth=self.show_auth
        )


_lock = threading.Lock()
_last: SentRequest | None = None


def remember(request: SentRequest) -> None:
    """Note ``request`` as the last one sent."""
    global _last
    with _lock:
        _last = request


def last() -> SentRequest | None:
    """The last request sent since :func:`forget`, if any."""
    with _lock:
        return _last


def forget() -> None:
    """Start afresh (at the start of each test)."""
    global _last
    with _lock:
        _last = None
