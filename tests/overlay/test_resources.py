"""Tests of larkpay._resources: the runtime behind the generated resource classes."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from larkpay import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidStateError,
    NotFoundError,
    ServerError,
)
from larkpay._resources import AsyncRuntime, SyncRuntime
from larkpay_api.client import AuthenticatedClient, Client

from . import payloads

GET = {"method": "get", "url": "/things/1"}


def answering(*responses: httpx.Response | Exception) -> AuthenticatedClient:
    """A generated client whose every request gets the next of ``responses`` (or raises it)."""
    script = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        step = script.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    transport = httpx.MockTransport(handler)
    return AuthenticatedClient(
        base_url="http://api.test", token="", httpx_args={"transport": transport}
    )


def parse_json(*, client: AuthenticatedClient | Client, response: httpx.Response) -> object:
    return response.json()


def parse_never(*, client: AuthenticatedClient | Client, response: httpx.Response) -> object:
    raise AssertionError("the parser must not see a non-2xx answer")


def test_call_returns_the_parsed_2xx_body_when_it_has_the_expected_type() -> None:
    runtime = SyncRuntime(answering(httpx.Response(200, json={"a": 1})))
    assert runtime.call(GET, parse_json, dict) == {"a": 1}


def test_call_rejects_a_2xx_body_of_another_type_with_validation_error() -> None:
    runtime = SyncRuntime(answering(httpx.Response(200, json=[1], headers={"x-request-id": "r1"})))
    with pytest.raises(APIResponseValidationError, match="not a dict") as caught:
        runtime.call(GET, parse_json, dict)
    assert caught.value.status_code == 200
    assert caught.value.request_id == "r1"
    assert caught.value.body == "[1]"


def test_call_turns_an_unreadable_2xx_body_into_validation_error_with_the_raw_body() -> None:
    runtime = SyncRuntime(answering(httpx.Response(201, content=b"<html>oops")))
    with pytest.raises(APIResponseValidationError, match="could not read") as caught:
        runtime.call(GET, parse_json, dict)
    assert caught.value.status_code == 201
    assert caught.value.body == "<html>oops"


def test_call_raises_the_typed_error_of_a_non_2xx_answer_without_parsing_it() -> None:
    body = payloads.dumps(payloads.error("NOT_FOUND"))
    runtime = SyncRuntime(answering(httpx.Response(404, content=body)))
    with pytest.raises(NotFoundError):
        runtime.call(GET, parse_never, dict)


def test_call_turns_a_non_json_error_body_and_an_unknown_status_into_typed_errors() -> None:
    runtime = SyncRuntime(answering(httpx.Response(599, content=b"proxy exploded")))
    with pytest.raises(ServerError) as caught:
        runtime.call(GET, parse_never, dict)
    assert caught.value.status_code == 599
    assert caught.value.body == "proxy exploded"


def test_call_empty_returns_on_2xx_and_raises_typed_error_otherwise() -> None:
    conflict = httpx.Response(409, content=payloads.dumps(payloads.error("INVALID_STATE")))
    runtime = SyncRuntime(answering(httpx.Response(204), conflict))
    runtime.call_empty(GET)
    with pytest.raises(InvalidStateError):
        runtime.call_empty(GET)


def test_transport_failures_become_connection_and_timeout_errors() -> None:
    runtime = SyncRuntime(
        answering(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.ReadError("x"))
    )
    with pytest.raises(APIConnectionError, match="ConnectError: refused") as connect:
        runtime.call(GET, parse_json, dict)
    assert not isinstance(connect.value, APITimeoutError)
    with pytest.raises(APITimeoutError, match="timed out"):
        runtime.call_empty(GET)
    with pytest.raises(APIConnectionError) as caught:
        runtime.call_empty(GET)
    assert isinstance(caught.value.__cause__, httpx.ReadError)


def test_async_runtime_returns_models_and_raises_the_same_typed_errors() -> None:
    runtime = AsyncRuntime(
        answering(
            httpx.Response(204),
            httpx.Response(200, json={"a": 1}),
            httpx.Response(503, content=payloads.dumps(payloads.error("SERVICE_UNAVAILABLE"))),
            httpx.ConnectTimeout("slow"),
        )
    )

    async def scenario() -> Any:
        await runtime.call_empty(GET)
        result = await runtime.call(GET, parse_json, dict)
        with pytest.raises(ServerError):
            await runtime.call(GET, parse_never, dict)
        with pytest.raises(APITimeoutError):
            await runtime.call_empty(GET)
        return result

    assert asyncio.run(scenario()) == {"a": 1}
