"""Tests of larkpay._transport.RetryTransport with httpx.MockTransport (sync and async)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from larkpay import RetryEvent, RetryPolicy, RetryTransport

from . import payloads

Handler = Callable[[httpx.Request], httpx.Response]


class FakeClock:
    """A monotonic clock that only moves when the transport sleeps (or a test says so)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Recorder:
    """A MockTransport handler that plays a script of answers and records every request."""

    def __init__(self, *script: httpx.Response | Exception) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []
        self.timeouts: list[dict[str, float]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # The transport reuses one Request for every attempt, so snapshot what it sent.
        self.requests.append(httpx.Request(request.method, request.url, headers=request.headers))
        self.timeouts.append(dict(request.extensions.get("timeout", {})))
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        return step

    def header(self, name: str) -> list[str | None]:
        return [request.headers.get(name) for request in self.requests]


def ok() -> httpx.Response:
    return httpx.Response(200, json=payloads.success({}), headers={"x-request-id": "req_ok"})


def status(code: int, headers: dict[str, str] | None = None, body: Any = None) -> httpx.Response:
    return httpx.Response(code, json=body or {}, headers={"x-request-id": f"req_{code}",
                                                          **(headers or {})})  # fmt: skip


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make(recorder: Recorder, clock: FakeClock, **policy: Any) -> RetryTransport:
    mock = httpx.MockTransport(recorder)
    return RetryTransport(
        RetryPolicy(clock=clock, random=lambda: 0.0, **policy),
        transport=mock,
        async_transport=mock,
        sleep=clock.sleep,
        async_sleep=clock.async_sleep,
    )


@pytest.fixture(params=["sync", "async"])
def send(request: pytest.FixtureRequest) -> Callable[..., httpx.Response]:
    """Send one request through a RetryTransport with httpx.Client or httpx.AsyncClient."""

    def run(transport: RetryTransport, method: str = "GET", **kwargs: Any) -> httpx.Response:
        url = "http://api.test/v2/payments"
        if request.param == "sync":
            with httpx.Client(transport=transport) as client:
                return client.request(method, url, **kwargs)

        async def go() -> httpx.Response:
            async with httpx.AsyncClient(transport=transport) as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(go())

    return run


def test_success_is_returned_after_one_attempt(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(ok())
    assert send(make(recorder, clock)).status_code == 200
    assert recorder.header("Larkpay-Retry-Count") == [None]
    assert clock.sleeps == []


def test_503_is_retried_with_backoff_then_succeeds(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(503), status(503), ok())
    assert send(make(recorder, clock)).status_code == 200
    assert recorder.header("Larkpay-Retry-Count") == [None, "1", "2"]
    assert clock.sleeps == [0.25, 0.5]


def test_last_answer_is_returned_when_retries_are_exhausted(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(500))
    assert send(make(recorder, clock, max_retries=1)).status_code == 500
    assert len(recorder.requests) == 2


def test_retry_after_is_honoured(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(429, {"Retry-After": "3"}), ok())
    assert send(make(recorder, clock)).status_code == 200
    assert clock.sleeps == [3.0]


def test_retry_after_beyond_60s_is_not_waited_for(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(429, {"Retry-After": "61"}), ok())
    assert send(make(recorder, clock)).status_code == 429
    assert clock.sleeps == []


def test_409_in_progress_is_retried_but_invalid_state_is_not(send: Any, clock: FakeClock) -> None:
    busy = status(409, body=payloads.error("IDEMPOTENCY_IN_PROGRESS"))
    recorder = Recorder(busy, ok())
    assert send(make(recorder, clock), "POST", json={}).status_code == 200
    final = Recorder(status(409, body=payloads.error("INVALID_STATE")), ok())
    response = send(make(final, clock), "POST", json={})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "INVALID_STATE"
    assert len(final.requests) == 1


def test_x_should_retry_false_stops_a_retryable_status(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(503, {"x-should-retry": "false"}), ok())
    assert send(make(recorder, clock)).status_code == 503


def test_post_gets_one_idempotency_key_reused_on_every_attempt(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(503), status(502), ok())
    send(make(recorder, clock), "POST", json={"amount": 1})
    keys = recorder.header("Idempotency-Key")
    assert len(keys) == 3
    assert len(set(keys)) == 1
    assert keys[0] is not None
    assert len(keys[0]) == 36


def test_each_logical_call_gets_a_new_idempotency_key(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(ok())
    transport = make(recorder, clock)
    send(transport, "PATCH", json={})
    send(transport, "PATCH", json={})
    first, second = recorder.header("Idempotency-Key")
    assert first != second


def test_user_idempotency_key_wins(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(503), ok())
    send(make(recorder, clock), "POST", json={}, headers={"Idempotency-Key": "mine"})
    assert recorder.header("Idempotency-Key") == ["mine", "mine"]


def test_get_and_delete_get_no_idempotency_key(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(ok())
    send(make(recorder, clock), "GET")
    send(make(recorder, clock), "DELETE")
    assert recorder.header("Idempotency-Key") == [None, None]


def test_connection_failure_is_retried_even_for_unkeyed_delete(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(httpx.ConnectError("refused"), ok())
    assert send(make(recorder, clock), "DELETE").status_code == 200
    assert len(recorder.requests) == 2


def test_read_timeout_is_retried_for_post_with_key_but_not_for_delete(
    send: Any, clock: FakeClock
) -> None:
    recorder = Recorder(httpx.ReadTimeout("slow"), ok())
    assert send(make(recorder, clock), "POST", json={}).status_code == 200
    failing = Recorder(httpx.ReadTimeout("slow"), ok())
    with pytest.raises(httpx.ReadTimeout):
        send(make(failing, clock), "DELETE")
    assert len(failing.requests) == 1


def test_exception_is_raised_when_retries_are_exhausted(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(httpx.ConnectError("refused"))
    with pytest.raises(httpx.ConnectError):
        send(make(recorder, clock, max_retries=2))
    assert len(recorder.requests) == 3


def test_deadline_caps_attempt_timeouts_and_stops_retries(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(status(503, {"retry-after": "2"}))
    response = send(make(recorder, clock, deadline=3.0), timeout=httpx.Timeout(10.0, connect=1.0))
    assert response.status_code == 503
    assert len(recorder.requests) == 2  # a second 2 s wait would pass the 3 s deadline
    timeouts = recorder.timeouts
    assert timeouts[0] == {"connect": 1.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    assert timeouts[1]["read"] == pytest.approx(1.0)


def test_deadline_fills_in_unset_timeouts(send: Any, clock: FakeClock) -> None:
    recorder = Recorder(ok())
    send(make(recorder, clock, deadline=5.0), timeout=None)
    assert recorder.timeouts[0] == {
        "connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0
    }  # fmt: skip


def test_exhausted_deadline_raises_a_timeout(clock: FakeClock) -> None:
    recorder = Recorder(ok())
    transport = make(recorder, clock, deadline=1.0)

    def late(seconds: float) -> None:
        clock.sleep(seconds + 5)

    transport._sleep = late
    recorder.script = [httpx.ConnectError("refused"), ok()]
    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(httpx.TimeoutException, match="deadline of 1s"),
    ):
        client.get("http://api.test/v2/payments")


def test_each_retry_is_logged_and_reported(
    send: Any, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    events: list[RetryEvent] = []
    recorder = Recorder(status(503), httpx.ConnectError("refused"), ok())
    with caplog.at_level(logging.INFO, logger="larkpay"):
        send(make(recorder, clock, on_retry=events.append), "GET", params={"limit": 5})
    assert [(e.retry_number, e.reason, e.status_code, e.request_id) for e in events] == [
        (1, "HTTP 503", 503, "req_503"),
        (2, "connection failed (ConnectError)", None, None),
    ]
    assert events[0].method == "GET"
    assert events[0].url == "http://api.test/v2/payments"
    lines = [r.getMessage() for r in caplog.records if r.name == "larkpay"]
    assert len(lines) == 3  # one per attempt
    assert lines[0].startswith("GET /v2/payments -> 503 in ")
    assert "attempt 1 of 3" in lines[0]
    assert "request_id=req_503" in lines[0]
    assert "retrying in 0.250s: HTTP 503" in lines[0]
    assert lines[1].startswith("GET /v2/payments -> ConnectError in ")
    assert "retrying in 0.500s: connection failed (ConnectError)" in lines[1]
    assert "attempt 3 of 3, request_id=req_ok" in lines[2]
    assert "retrying" not in lines[2]


def test_answer_below_400_is_returned_without_retry_whatever_x_should_retry_says(
    clock: FakeClock,
) -> None:
    recorder = Recorder(status(302, {"x-should-retry": "true"}), ok())
    with httpx.Client(transport=make(recorder, clock)) as client:
        answered = client.get("http://api.test/v2/payments")
    assert answered.status_code == 302
    assert recorder.header("Larkpay-Retry-Count") == [None]
    assert clock.sleeps == []


def test_with_policy_shares_the_inner_transport_and_close_only_closes_owned(
    clock: FakeClock,
) -> None:
    closed: list[str] = []

    class Inner(httpx.MockTransport):
        def close(self) -> None:
            closed.append("sync")

        async def aclose(self) -> None:
            closed.append("async")

    inner = Inner(Recorder(ok()))
    owner = RetryTransport(transport=inner, async_transport=inner)
    derived = owner.with_policy(RetryPolicy(max_retries=0))
    assert derived.policy.max_retries == 0
    assert repr(derived) == "RetryTransport(max_retries=0)"
    derived.close()
    asyncio.run(derived.aclose())
    assert closed == []
    owner.close()
    asyncio.run(owner.aclose())
    assert closed == ["sync", "async"]
