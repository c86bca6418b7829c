"""The runtime behind the generated resource classes: send, check, read, convert errors, paginate.

The generated ``larkpay_api.api.Resources`` calls ``runtime.call(request, read)`` for every
operation, with the request arguments of the operation's generated module and the generated
reader of its answer; ``with_raw_response`` calls ``runtime.call_raw`` instead, which answers a
``RawResponse`` that applies the same reader on ``parse()``. This module sends the request and
is the only place where HTTP answers and failures become SDK results or typed errors, so nothing
untyped (httpx errors, the ``JSONDecodeError`` of a body that is not JSON, a ``KeyError`` of a
body without a required field) escapes.

A non-2xx answer becomes its typed error straight from the status, headers and body: the readers
only ever see 2xx answers. The plain path measures one clock reading per call and nothing else;
request ids, replay flags and retry counts are read only for raw responses and errors.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any, TypeVar

import httpx
from larkpay_api.api import Page, RawResponse
from larkpay_api.client import AuthenticatedClient

from ._error_mapping import error_from_response
from ._errors import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._headers import is_replayed, request_id_of, request_of, retries_taken
from ._json import loads
from ._pagination import apaginate, paginate

T = TypeVar("T")

# What a reader raises on a body that is not what the spec describes.
_READ_FAILURES = (
    ValueError,  # not JSON (JSONDecodeError), not UTF-8, an unknown enum value, a wrong const
    RecursionError,  # json.loads on absurdly deep nesting
    KeyError,  # a required field is missing
    TypeError,  # an object where a list is expected, and the like
    AttributeError,
)

# Every exception httpx raises (HTTPError covers the transport ones; the other two are not).
_HTTPX_FAILURES = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)

_clock = time.perf_counter


def _since(started: float) -> timedelta:
    return timedelta(seconds=_clock() - started)


def _transport_error(exc: Exception, started: float) -> APIError:
    retries, elapsed = retries_taken(request_of(exc)), _since(started)
    if isinstance(exc, httpx.TimeoutException):
        message = f"the request timed out: {exc}"
        return APITimeoutError(message, retries_taken=retries, elapsed=elapsed)
    message = f"could not get an answer from the API: {type(exc).__name__}: {exc}"
    return APIConnectionError(message, retries_taken=retries, elapsed=elapsed)


def _status_error(response: httpx.Response, started: float) -> APIError:
    return error_from_response(
        response.status_code,
        response.headers,
        response.content,
        retries_taken=retries_taken(response.request),
        elapsed=_since(started),
    )


def _unreadable(response: httpx.Response, elapsed: timedelta, exc: Exception) -> APIError:
    return APIResponseValidationError(
        f"the API answered HTTP {response.status_code} with a body the SDK could not read: "
        f"{type(exc).__name__}: {exc}",
        status_code=response.status_code,
        headers=response.headers,
        request_id=request_id_of(response.headers),
        body=response.content.decode("utf-8", "replace"),
        retries_taken=retries_taken(response.request),
        elapsed=elapsed,
    )


def _read(response: httpx.Response, read: Callable[[Any], T], started: float) -> T:
    """What ``read`` makes of the body of a 2xx answer (the typed result)."""
    try:
        return read(loads(response.content))
    except _READ_FAILURES as exc:
        raise _unreadable(response, _since(started), exc) from exc


def _nothing(response: httpx.Response) -> None:
    return None


def _parser(read: Callable[[Any], T], elapsed: timedelta) -> Callable[[httpx.Response], T]:
    """``parse()`` of a raw response: an unreadable body's error has the call's ``elapsed``."""

    def parse(answer: httpx.Response) -> T:
        try:
            return read(loads(answer.content))
        except _READ_FAILURES as exc:
            raise _unreadable(answer, elapsed, exc) from exc

    return parse


def _raw(
    response: httpx.Response, parse: Callable[[httpx.Response], T], elapsed: timedelta
) -> RawResponse[T]:
    return RawResponse(
        response,
        parse,
        request_id=request_id_of(response.headers),
        idempotent_replayed=is_replayed(response.headers),
        retries_taken=retries_taken(response.request),
        elapsed=elapsed,
    )


class SyncRuntime:
    """Runs generated operations on one AuthenticatedClient's ``httpx.Client``."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client
        self._http: httpx.Client | None = None

    def _send(self, request: Mapping[str, Any], started: float) -> httpx.Response:
        http = self._http or self._connect()
        try:
            response = http.request(**request)
        except _HTTPX_FAILURES as exc:
            raise _transport_error(exc, started) from exc
        if not 200 <= response.status_code < 300:
            raise _status_error(response, started)
        return response

    def _connect(self) -> httpx.Client:
        self._http = self.client.get_httpx_client()
        return self._http

    def call(self, request: Mapping[str, Any], read: Callable[[Any], T]) -> T:
        started = _clock()
        return _read(self._send(request, started), read, started)

    def call_empty(self, request: Mapping[str, Any]) -> None:
        self._send(request, _clock())

    def call_raw(self, request: Mapping[str, Any], read: Callable[[Any], T]) -> RawResponse[T]:
        started = _clock()
        response = self._send(request, started)
        elapsed = _since(started)
        return _raw(response, _parser(read, elapsed), elapsed)

    def call_raw_empty(self, request: Mapping[str, Any]) -> RawResponse[None]:
        started = _clock()
        response = self._send(request, started)
        return _raw(response, _nothing, _since(started))

    def paginate(self, fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
        return paginate(fetch)


class AsyncRuntime:
    """Runs generated operations on one AuthenticatedClient's ``httpx.AsyncClient``."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    async def _send(self, request: Mapping[str, Any], started: float) -> httpx.Response:
        try:
            response = await self.client.get_async_httpx_client().request(**request)
        except _HTTPX_FAILURES as exc:
            raise _transport_error(exc, started) from exc
        if not 200 <= response.status_code < 300:
            raise _status_error(response, started)
        return response

    async def call(self, request: Mapping[str, Any], read: Callable[[Any], T]) -> T:
        started = _clock()
        return _read(await self._send(request, started), read, started)

    async def call_empty(self, request: Mapping[str, Any]) -> None:
        await self._send(request, _clock())

    async def call_raw(
        self, request: Mapping[str, Any], read: Callable[[Any], T]
    ) -> RawResponse[T]:
        started = _clock()
        response = await self._send(request, started)
        elapsed = _since(started)
        return _raw(response, _parser(read, elapsed), elapsed)

    async def call_raw_empty(self, request: Mapping[str, Any]) -> RawResponse[None]:
        started = _clock()
        response = await self._send(request, started)
        return _raw(response, _nothing, _since(started))

    def paginate(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[T]:
        return apaginate(fetch)
