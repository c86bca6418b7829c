"""The runtime behind the generated resource classes: send, check, convert errors, paginate.

The generated ``larkpay_api.api.Resources`` calls ``runtime.call(request, parse, Expected)``
for every operation, with the request arguments and the answer parser of the operation's
generated module; this module sends the request and is the only place where HTTP answers and
failures become SDK results or typed errors, so nothing untyped (httpx errors,
``UnexpectedStatus``, the ``JSONDecodeError`` of a body that is not JSON) escapes.

A non-2xx answer becomes its typed error straight from the status, headers and body: the
generated parser only ever sees 2xx answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, TypeVar

import httpx
from larkpay_api import errors as generated_errors
from larkpay_api.api import Page, ParseResponse
from larkpay_api.client import AuthenticatedClient

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    error_from_response,
)
from ._pagination import apaginate, paginate

T = TypeVar("T")

# What the generated parsing code raises on a body or status it does not expect.
_PARSE_FAILURES = (
    generated_errors.UnexpectedStatus,
    ValueError,
    RecursionError,  # json.loads on absurdly deep nesting
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


def _unreadable(response: httpx.Response, problem: str) -> APIResponseValidationError:
    return APIResponseValidationError(
        f"the API answered HTTP {response.status_code} with {problem}",
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        body=response.content.decode("utf-8", "replace"),
    )


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if not 200 <= status < 300:
        raise error_from_response(status, response.headers, response.content)


def _parsed(
    client: AuthenticatedClient, response: httpx.Response, parse: ParseResponse, expected: type[T]
) -> T:
    _check_status(response)
    try:
        parsed = parse(client=client, response=response)
    except _PARSE_FAILURES as exc:
        raise _unreadable(response, f"a body the SDK could not read: {exc}") from exc
    if not isinstance(parsed, expected):
        raise _unreadable(response, f"a body that is not a {expected.__name__}")
    return parsed


class SyncRuntime:
    """Runs generated operations on one AuthenticatedClient's ``httpx.Client``."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    def _send(self, request: Mapping[str, Any]) -> httpx.Response:
        try:
            return self.client.get_httpx_client().request(**request)
        except _HTTPX_FAILURES as exc:
            raise _transport_error(exc) from exc

    def call(self, request: Mapping[str, Any], parse: ParseResponse, expected: type[T]) -> T:
        return _parsed(self.client, self._send(request), parse, expected)

    def call_empty(self, request: Mapping[str, Any]) -> None:
        _check_status(self._send(request))

    def paginate(self, fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
        return paginate(fetch)


class AsyncRuntime:
    """Runs generated operations on one AuthenticatedClient's ``httpx.AsyncClient``."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    async def _send(self, request: Mapping[str, Any]) -> httpx.Response:
        try:
            return await self.client.get_async_httpx_client().request(**request)
        except _HTTPX_FAILURES as exc:
            raise _transport_error(exc) from exc

    async def call(self, request: Mapping[str, Any], parse: ParseResponse, expected: type[T]) -> T:
        return _parsed(self.client, await self._send(request), parse, expected)

    async def call_empty(self, request: Mapping[str, Any]) -> None:
        _check_status(await self._send(request))

    def paginate(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[T]:
        return apaginate(fetch)
