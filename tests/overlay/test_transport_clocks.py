"""RetryTransport with its default clocks: an HTTP-date Retry-After is read against wall time."""

from __future__ import annotations

import time
from email.utils import formatdate

import httpx
from larkpay import RetryPolicy, RetryTransport


def test_http_date_retry_after_is_honoured_with_the_default_clocks() -> None:
    answers = [
        httpx.Response(
            503, json={}, headers={"Retry-After": formatdate(time.time() + 3, usegmt=True)}
        ),
        httpx.Response(200, json={}),
    ]
    sent: list[httpx.Request] = []
    slept: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answers.pop(0)

    mock = httpx.MockTransport(handler)
    transport = RetryTransport(RetryPolicy(), transport=mock, sleep=slept.append)
    with httpx.Client(transport=transport) as client:
        response = client.get("http://api.test/v2/payments")

    assert response.status_code == 200
    assert len(sent) == 2
    # The date has one-second resolution, so the wait is between 1 and 3 seconds.
    assert len(slept) == 1
    assert 1.0 <= slept[0] <= 3.0
