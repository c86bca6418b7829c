"""Bound the reading of an answer's body by the call's overall deadline.

httpx's read timeout applies to each socket read, so a server that drips a byte at a time
could keep one attempt alive far past the deadline; this stream checks the clock between
chunks and raises ``httpx.ReadTimeout`` (an APITimeoutError for users) once it has passed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx


class DeadlineStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Wraps a response stream; raises ``httpx.ReadTimeout`` when a chunk arrives too late."""

    def __init__(
        self,
        stream: httpx.SyncByteStream | httpx.AsyncByteStream,
        *,
        deadline: float,
        budget: float,
        clock: Callable[[], float],
        request: httpx.Request,
    ) -> None:
        self._stream = stream
        self._deadline = deadline
        self._budget = budget
        self._clock = clock
        self._request = request

    def _check(self) -> None:
        if self._clock() > self._deadline:
            raise httpx.ReadTimeout(
                f"the overall deadline of {self._budget:g}s passed while the answer was being read",
                request=self._request,
            )

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._stream, httpx.SyncByteStream), "a sync stream for a sync read"
        for chunk in self._stream:
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream), "an async stream for an async read"
        async for chunk in self._stream:
            self._check()
            yield chunk

    def close(self) -> None:
        if isinstance(self._stream, httpx.SyncByteStream):
            self._stream.close()

    async def aclose(self) -> None:
        if isinstance(self._stream, httpx.AsyncByteStream):
            await self._stream.aclose()
