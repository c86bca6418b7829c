"""Tests of larkpay._resources: the runtime behind the generated resource classes."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from larkpay import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidStateError,
    NotFoundError,
    RawResponse,
    ServerError,
)
from larkpay._resources import AsyncRuntime, SyncRuntime
from larkpay_api.client import AuthenticatedClient

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


def read_dict(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TypeError(f"not an object: {type(data).__name__}")
    return data


def read_never(data: Any) -> object:
    raise AssertionError("the reader must not see a non-2xx answer")


class Counting:
    """A reader that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, data: Any) -> dict[str, Any]:
        self.calls += 1
        return read_dict(data)


def test_call_returns_what_the_reader_makes_of_the_2xx_json() -> None:
    runtime = SyncRuntime(answering(httpx.Response(200, json={"a": 1})))
    assert runtime.call(GET, read_dict) == {"a": 1}


def test_call_turns_a_reader_failure_into_validation_error_with_the_answer() -> None:
    answer = httpx.Response(200, json=[1], headers={"x-request-id": "r1", "ratelimit-limit": "9"})
    runtime = SyncRuntime(answering(answer))
    with pytest.raises(APIResponseValidationError, match="not an object") as caught:
        runtime.call(GET, read_dict)
    assert caught.value.status_code == 200
    assert caught.value.request_id == "r1"
    assert caught.value.body == "[1]"
    assert caught.value.headers["RateLimit-Limit"] == "9"
    assert isinstance(caught.value.elapsed, timedelta)


def test_call_turns_an_unreadable_2xx_body_into_validation_error_with_the_raw_body() -> None:
    runtime = SyncRuntime(answering(httpx.Response(201, content=b"<html>oops")))
    with pytest.raises(APIResponseValidationError, match="could not read") as caught:
        runtime.call(GET, read_dict)
    assert caught.value.status_code == 201
    assert caught.value.body == "<html>oops"


def test_call_raises_the_typed_error_of_a_non_2xx_answer_without_reading_it() -> None:
    body = payloads.dumps(payloads.error("NOT_FOUND"))
    headers = {"x-request-id": "req_404", "Larkpay-Retry-Count": "0"}
    runtime = SyncRuntime(answering(httpx.Response(404, content=body, headers=headers)))
    with pytest.raises(NotFoundError) as caught:
        runtime.call(GET, read_never)
    assert caught.value.headers["x-request-id"] == "req_404"
    assert caught.value.retries_taken == 0
    assert caught.value.elapsed is not None


def test_call_turns_a_non_json_error_body_and_an_unknown_status_into_typed_errors() -> None:
    runtime = SyncRuntime(answering(httpx.Response(599, content=b"proxy exploded")))
    with pytest.raises(ServerError) as caught:
        runtime.call(GET, read_never)
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
        runtime.call(GET, read_dict)
    assert not isinstance(connect.value, APITimeoutError)
    assert connect.value.retries_taken == 0
    assert connect.value.elapsed is not None
    with pytest.raises(APITimeoutError, match="timed out"):
        runtime.call_empty(GET)
    with pytest.raises(APIConnectionError) as caught:
        runtime.call_empty(GET)
    assert isinstance(caught.value.__cause__, httpx.ReadError)


def test_call_raw_answers_the_response_and_reads_it_once_on_parse() -> None:
    headers = {
        "x-request-id": "req_raw",
        "idempotent-replayed": "true",
        "ratelimit-remaining": "41",
    }
    reader = Counting()
    runtime = SyncRuntime(answering(httpx.Response(201, json={"a": 1}, headers=headers)))
    raw = runtime.call_raw(GET, reader)
    assert isinstance(raw, RawResponse)
    assert reader.calls == 0
    assert (raw.status_code, raw.request_id, raw.idempotent_replayed) == (201, "req_raw", True)
    assert raw.headers["RateLimit-Remaining"] == "41"
    assert raw.retries_taken == 0
    assert raw.elapsed >= timedelta(0)
    assert raw.http_response.status_code == 201
    first = raw.parse()
    assert first == {"a": 1}
    assert raw.parse() is first
    assert reader.calls == 1
    assert "201" in repr(raw)
    assert "req_raw" in repr(raw)


def test_call_raw_counts_the_retries_from_the_last_attempt_header() -> None:
    def third_attempt(request: httpx.Request) -> httpx.Response:
        request.headers["Larkpay-Retry-Count"] = "2"  # as RetryTransport numbers attempts
        return httpx.Response(200, json={})

    transport = httpx.MockTransport(third_attempt)
    client = AuthenticatedClient(base_url="http://t", token="", httpx_args={"transport": transport})
    assert SyncRuntime(client).call_raw(GET, read_dict).retries_taken == 2


def test_call_raw_parse_raises_validation_error_with_the_elapsed_of_the_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readings = iter([10.0, 12.5, 99.0])  # started, answered, any later reading
    monkeypatch.setattr("larkpay._resources._clock", lambda: next(readings))
    runtime = SyncRuntime(answering(httpx.Response(200, content=b"nope")))
    raw = runtime.call_raw(GET, read_dict)
    assert raw.idempotent_replayed is False
    with pytest.raises(APIResponseValidationError) as caught:
        raw.parse()
    assert caught.value.elapsed == raw.elapsed == timedelta(seconds=2.5)


def test_call_raw_raises_the_typed_error_of_a_non_2xx_answer() -> None:
    body = payloads.dumps(payloads.error("NOT_FOUND"))
    runtime = SyncRuntime(answering(httpx.Response(404, content=body), httpx.Response(204)))
    with pytest.raises(NotFoundError):
        runtime.call_raw(GET, read_never)
    empty = runtime.call_raw_empty(GET)
    assert empty.status_code == 204
    assert empty.parse() is None


def test_async_runtime_returns_models_and_raises_the_same_typed_errors() -> None:
    runtime = AsyncRuntime(
        answering(
            httpx.Response(204),
            httpx.Response(200, json={"a": 1}),
            httpx.Response(503, content=payloads.dumps(payloads.error("SERVICE_UNAVAILABLE"))),
            httpx.ConnectTimeout("slow"),
            httpx.Response(200, json={"b": 2}, headers={"x-request-id": "req_a"}),
            httpx.Response(204),
        )
    )

    async def scenario() -> Any:
        await runtime.call_empty(GET)
        result = await runtime.call(GET, read_dict)
        with pytest.raises(ServerError):
            await runtime.call(GET, read_never)
        with pytest.raises(APITimeoutError):
            await runtime.call_empty(GET)
        raw = await runtime.call_raw(GET, read_dict)
        assert (raw.request_id, raw.parse()) == ("req_a", {"b": 2})
        assert (await runtime.call_raw_empty(GET)).parse() is None
        return result

    assert asyncio.run(scenario()) == {"a": 1}
