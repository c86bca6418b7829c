"""How one webhook request goes out: a POST with aiohttp, answering the receiver's status.

aiohttp's client, not httpx's: it is far cheaper per request than httpx's async client, and
the test clock makes thousands of attempts in one call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import aiohttp

MAX_RESPONSE_BYTES = 64 * 1024
"""The most of an answer's body that is read; the rest is dropped with the connection."""
USER_AGENT = "Larkpay-Sandbox-Webhooks/2"


class Sender(Protocol):
    """Sends one webhook request and answers the HTTP status (raising on no answer)."""

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        """POST ``body`` to ``url``; the status of the answer."""
        ...

    async def close(self) -> None:
        """Close the open connections."""
        ...


class HttpSender:
    """The network :class:`Sender`: keep-alive connections, no redirects, no proxies from the
    environment, at most ``max_connections`` open; ``timeout`` bounds each request."""

    def __init__(self, timeout: float, max_connections: int) -> None:
        self._timeout = timeout
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._max_connections),
                timeout=aiohttp.ClientTimeout(total=self._timeout),
                headers={"user-agent": USER_AGENT},
                trust_env=False,
                auto_decompress=False,
            )
        return self._session

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        """POST and read at most :data:`MAX_RESPONSE_BYTES` of the answer."""
        async with self._open().post(
            url, data=body, headers=dict(headers), allow_redirects=False
        ) as response:
            received = 0
            async for chunk in response.content.iter_any():
                received += len(chunk)
                if received > MAX_RESPONSE_BYTES:
                    break
            return response.status

    async def close(self) -> None:
        """Close the session, if one was opened."""
        if self._session is not None:
            await self._session.close()
            self._session = None
