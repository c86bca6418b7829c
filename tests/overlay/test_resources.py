"""Tests of larkpay._resources: the runtime behind the generated resource classes."""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import httpx
import pytest
from larkpay import APIResponseValidationError, InvalidStateError, ServerError
from larkpay._resources import AsyncRuntime, SyncRuntime
from larkpay_api.client import AuthenticatedClient
from larkpay_api.errors import UnexpectedStatus
from larkpay_api.types import Response

from . import payloads


def raw(status: int, body: bytes = b"", parsed: Any = None) -> Response[Any]:
    return Response(status_code=HTTPStatus(status), content=body, headers=httpx.Headers(),
                    parsed=parsed)  # fmt: skip


CLIENT = AuthenticatedClient(base_url="http://api.test", token="")


def test_call_empty_returns_on_2xx_and_raises_typed_error_otherwise() -> None:
    runtime = SyncRuntime(CLIENT)
    runtime.call_empty(lambda client: raw(204))
    with pytest.raises(InvalidStateError):
        runtime.call_empty(lambda client: raw(409, payloads.dumps(payloads.error("INVALID_STATE"))))


def test_unexpected_status_without_a_captured_answer_uses_its_own_fields() -> None:
    def send(client: AuthenticatedClient) -> Response[Any]:
        raise UnexpectedStatus(503, b"busy")

    with pytest.raises(ServerError) as caught:
        SyncRuntime(CLIENT).call(send, dict)
    assert caught.value.body == "busy"


def test_a_programming_error_before_any_answer_is_not_disguised() -> None:
    def send(client: AuthenticatedClient) -> Response[Any]:
        raise TypeError("bad argument")

    with pytest.raises(TypeError, match="bad argument"):
        SyncRuntime(CLIENT).call(send, dict)


def test_call_returns_the_parsed_model_of_the_expected_type() -> None:
    assert SyncRuntime(CLIENT).call(lambda client: raw(200, b"{}", {"a": 1}), dict) == {"a": 1}
    with pytest.raises(APIResponseValidationError, match="not a dict"):
        SyncRuntime(CLIENT).call(lambda client: raw(200, b"[]", []), dict)


def test_async_runtime_call_empty_and_call() -> None:
    runtime = AsyncRuntime(CLIENT)

    async def ok(client: AuthenticatedClient) -> Response[Any]:
        return raw(200, b"{}", {"a": 1})

    async def broken(client: AuthenticatedClient) -> Response[Any]:
        raise UnexpectedStatus(500, b"")

    async def scenario() -> Any:
        await runtime.call_empty(ok)
        with pytest.raises(ServerError):
            await runtime.call(broken, dict)
        return await runtime.call(ok, dict)

    assert asyncio.run(scenario()) == {"a": 1}
