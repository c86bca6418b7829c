"""Tests of larkpay._headers: request id, replay flag and retry count, read one way."""

from __future__ import annotations

import httpx
import pytest
from larkpay._headers import is_replayed, request_id_of, request_of, retries_taken


def test_request_id_and_replay_flag_are_read_case_insensitively() -> None:
    headers = httpx.Headers({"X-Request-Id": "req_1", "Idempotent-Replayed": " TRUE "})
    assert request_id_of(headers) == "req_1"
    assert is_replayed(headers)
    assert not is_replayed(httpx.Headers({"Idempotent-Replayed": "false"}))
    assert (request_id_of({}), is_replayed({})) == (None, False)


@pytest.mark.parametrize(("value", "count"), [(None, 0), ("2", 2), ("two", 0), ("-1", 0)])
def test_retries_taken_is_the_retry_count_of_the_last_attempt(
    value: str | None, count: int
) -> None:
    request = httpx.Request("GET", "http://api.test/")
    if value is not None:
        request.headers["Larkpay-Retry-Count"] = value
    assert retries_taken(request) == count
    assert retries_taken(None) == 0


def test_request_of_an_exception_with_or_without_a_request() -> None:
    request = httpx.Request("GET", "http://api.test/")
    assert request_of(httpx.ConnectError("refused", request=request)) is request
    assert request_of(httpx.ConnectError("refused")) is None  # httpx raises RuntimeError
    assert request_of(ValueError("not httpx")) is None
