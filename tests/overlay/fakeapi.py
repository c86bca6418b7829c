"""A scripted fake of the Larkpay API for unit tests: an httpx.MockTransport handler."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from larkpay import AsyncLarkpayClient, LarkpayClient, RetryPolicy, RetryTransport

TEST_KEY = "lk_test_DemoDemoDemoDemo00000001"
SECRET = "lsk_DemoDemoDemoDemoDemoDemo0000000001"
BASE = "http://api.test/v2"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class FakeAPI:
    """Answers ``(METHOD, path)`` with scripted responses; records every request it gets."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Answer]] = {}
        self.requests: list[httpx.Request] = []

    def on(self, method: str, path: str, *answers: Answer) -> FakeAPI:
        self.routes[(method, path)] = list(answers)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/v2")
        answers = self.routes.get((request.method, path))
        if not answers:
            error = {"code": "NOT_FOUND", "message": f"no route {path}", "request_id": "req_nf"}
            return httpx.Response(404, json={"status": "error", "error": error})
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def bodies(self) -> list[Any]:
        return [json.loads(request.content) if request.content else None
                for request in self.requests]  # fmt: skip


def respond(status: int, body: Any, **headers: str) -> httpx.Response:
    """A JSON answer with an X-Request-Id."""
    headers.setdefault("x-request-id", f"req_{status}")
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.Response(status, content=content, headers=headers)


def _transport(api: FakeAPI, sleeps: list[float] | None) -> RetryTransport:
    mock = httpx.MockTransport(api)
    record = sleeps.append if sleeps is not None else (lambda seconds: None)

    async def async_sleep(seconds: float) -> None:
        record(seconds)

    return RetryTransport(RetryPolicy(), transport=mock, async_transport=mock,
                          sleep=record, async_sleep=async_sleep)  # fmt: skip


def client(api: FakeAPI, sleeps: list[float] | None = None, **options: Any) -> LarkpayClient:
    """A LarkpayClient on the fake, with sleeps recorded instead of slept."""
    return LarkpayClient(TEST_KEY, SECRET, base_url=BASE, transport=_transport(api, sleeps),
                         **options)  # fmt: skip


def async_client(api: FakeAPI, **options: Any) -> AsyncLarkpayClient:
    """An AsyncLarkpayClient on the fake."""
    return AsyncLarkpayClient(TEST_KEY, SECRET, base_url=BASE, transport=_transport(api, None),
                              **options)  # fmt: skip
