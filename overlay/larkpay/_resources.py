"""The runtime behind the generated resource classes: send, check, convert errors, paginate.

The generated ``larkpay_api.api.Resources`` calls ``runtime.call(send, Expected)`` for every
operation; this module is the only place where HTTP answers and failures become SDK results
or typed errors, so nothing untyped (httpx errors, ``UnexpectedStatus``, the ``ValueError`` of a
status outside HTTPStatus, the ``JSONDecodeError`` of a non-JSON body) escapes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx
from larkpay_api import errors as generated_errors
from larkpay_api.api import Page
from larkpay_api.client import AuthenticatedClient
from larkpay_api.types import Response

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    error_from_response,
)
from ._pagination import apaginate, paginate
from ._transport import capture_responses

T = TypeVar("T")

# What the generated parsing code raises on a body or status it does not expect.
_PARSE_FAILURES = (
    generated_errors.UnexpectedStatus,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
)


# Every exception httpx raises (HTTPError covers the transport ones; the other two are not).
_HTTPX_FAILURES = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


def _transport_error(exc: Exception) -> APIError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"the request timed out: {exc}")
    return APIConnectionError(f"could not get an answer from the API: {type(exc).__name__}: {exc}")


def _parse_failure(exc: Exception, captured: list[httpx.Response]) -> APIError:
    if captured:
        raw = captured[-1]
        status, headers, content = raw.status_code, raw.headers, raw.content
    elif isinstance(exc, generated_errors.UnexpectedStatus):
        status, headers, content = exc.status_code, httpx.Headers(), exc.content
    else:
        raise exc
    if not 200 <= status < 300:
        return error_from_response(status, headers, content)
    return APIResponseValidationError(
        f"the API answered HTTP {status} with a body the SDK could not read: {exc}",
        status_code=status,
        request_id=headers.get("x-request-id"),
        body=content.decode("utf-8", "replace"),
    )


def _checked(response: Response[Any], expected: type[T] | None) -> T | None:
    status = int(response.status_code)
    if not 200 <= status < 300:
        raise error_from_response(status, response.headers, response.content)
    if expected is None:
        return None
    if not isinstance(response.parsed, expected):
        raise APIResponseValidationError(
            f"the API answered HTTP {status} with a body that is not a {expected.__name__}",
            status_code=status,
            request_id=response.headers.get("x-request-id"),
            body=response.content.decode("utf-8", "replace"),
        )
    return response.parsed


class SyncRuntime:
    """Runs generated sync calls on one AuthenticatedClient."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    def _send(self, send: Callable[[AuthenticatedClient], Response[Any]]) -> Response[Any]:
        with capture_responses() as captured:
            try:
                return send(self.client)
            except _HTTPX_FAILURES as exc:
                raise _transport_error(exc) from exc
            except _PARSE_FAILURES as exc:
                raise _parse_failure(exc, captured) from exc

    def call(self, send: Callable[[AuthenticatedClient], Response[Any]], expected: type[T]) -> T:
        result = _checked(self._send(send), expected)
        assert result is not None  # _checked returns None only for expected=None
        return result

    def call_empty(self, send: Callable[[AuthenticatedClient], Response[Any]]) -> None:
        _checked(self._send(send), None)

    def paginate(self, fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
        return paginate(fetch)


class AsyncRuntime:
    """Runs generated asyncio calls on one AuthenticatedClient."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    async def _send(
        self, send: Callable[[AuthenticatedClient], Awaitable[Response[Any]]]
    ) -> Response[Any]:
        with capture_responses() as captured:
            try:
                return await send(self.client)
            except _HTTPX_FAILURES as exc:
                raise _transport_error(exc) from exc
            except _PARSE_FAILURES as exc:
                raise _parse_failure(exc, captured) from exc

    async def call(
        self, send: Callable[[AuthenticatedClient], Awaitable[Response[Any]]], expected: type[T]
    ) -> T:
        result = _checked(await self._send(send), expected)
        assert result is not None  # _checked returns None only for expected=None
        return result

    async def call_empty(
        self, send: Callable[[AuthenticatedClient], Awaitable[Response[Any]]]
    ) -> None:
        _checked(await self._send(send), None)

    def paginate(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[T]:
        return apaginate(fetch)
