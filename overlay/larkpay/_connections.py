"""The connection pools under a RetryTransport, created on first use and shared when derived."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import httpx

from ._errors import ConfigurationError

_Inner = TypeVar("_Inner", httpx.BaseTransport, httpx.AsyncBaseTransport)


def _created(factory: Callable[[], _Inner]) -> _Inner:
    try:
        return factory()
    except OSError as exc:  # a missing SSL_CERT_FILE, or one that holds no certificate
        raise ConfigurationError(
            f"could not set up TLS for the API connection ({type(exc).__name__}: {exc}); "
            f"check the SSL_CERT_FILE and SSL_CERT_DIR environment variables"
        ) from exc


class InnerTransports:
    """The connection pools under a RetryTransport, shared by the transports derived from it.

    Each is created on first use: a sync client never builds the async pool (and its SSL
    context), and an async client never builds the sync one. The lock keeps two threads that
    send the first requests at once from building two pools.
    """

    def __init__(
        self, sync: httpx.BaseTransport | None, asynchronous: httpx.AsyncBaseTransport | None
    ) -> None:
        self._sync = sync
        self._async = asynchronous
        self._lock = threading.Lock()

    def sync(self) -> httpx.BaseTransport:
        if self._sync is None:
            with self._lock:  # another thread may have created it while this one waited
                self._sync = self._sync or _created(httpx.HTTPTransport)
        return self._sync

    def asynchronous(self) -> httpx.AsyncBaseTransport:
        if self._async is None:
            with self._lock:
                self._async = self._async or _created(httpx.AsyncHTTPTransport)
        return self._async

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
