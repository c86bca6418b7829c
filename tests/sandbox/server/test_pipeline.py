"""The request pipeline: routing, 404/405, media type, body limit, request ids, rate limits."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment, make_client

REQUEST_ID = re.compile(r"req_[A-Za-z0-9]+")
VALID = b'{"amount": 1, "currency": "USD", "source": "x"}'


def test_unknown_path_is_404_envelope_with_request_id(client: TestClient) -> None:
    for path in ("/nothing", "/payments/pay_x/nothing", "http://sandbox.test/v1/payments"):
        response = client.get(path)
        assert response.status_code == 404
        error = response.json()["error"]
        assert error["code"] == "NOT_FOUND"
        assert REQUEST_ID.fullmatch(response.headers["x-request-id"])
        assert error["request_id"] == response.headers["x-request-id"]


def test_wrong_method_is_405_with_allow_header(client: TestClient) -> None:
    response = client.put("/payments")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert client.delete("/payments/pay_abc").headers["allow"] == "GET, PATCH"


def test_docs_page_is_served_with_request_id(client: TestClient) -> None:
    response = client.get("http://sandbox.test/docs")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert REQUEST_ID.fullmatch(response.headers["x-request-id"])


def test_non_json_body_is_415(client: TestClient) -> None:
    response = client.post("/payments", content=VALID, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_body_without_content_type_is_415(client: TestClient) -> None:
    response = client.post("/payments", content=VALID)
    assert response.status_code == 415


def test_json_with_charset_parameter_is_accepted(client: TestClient) -> None:
    response = client.post(
        "/payments", content=VALID, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert response.status_code == 201


def test_missing_required_body_is_400(client: TestClient) -> None:
    response = client.post("/payments", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == [{"field": "body", "message": "is required"}]


def test_body_over_1_mib_is_413_by_content_length(client: TestClient) -> None:
    body = b'{"source": "' + b"x" * (1024 * 1024) + b'"}'
    response = client.post("/payments", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_streamed_body_over_1_mib_is_413_without_reading_it_all(client: TestClient) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(10 * 16):
            sent += 65536
            yield b" " * 65536

    response = client.post(
        "/payments", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_validation_error_lists_every_field(client: TestClient) -> None:
    response = client.post(
        "/payments", json={"amount": 0, "currency": "XXX", "extra": 1, "metadata": {"k": 5}}
    )
    assert response.status_code == 400
    fields = {d["field"]: d["message"] for d in response.json()["error"]["details"]}
    assert fields["amount"] == "must be >= 1"
    assert fields["source"] == "is required"
    assert fields["extra"] == "is not a known field"
    assert fields["metadata.k"] == "must be of type string"
    assert fields["currency"].startswith("must be one of")


def test_authenticated_responses_carry_rate_limit_headers(client: TestClient) -> None:
    for response in (create_payment(client), client.get("/payments/pay_missing")):
        assert int(response.headers["ratelimit-limit"]) > 0
        assert int(response.headers["ratelimit-remaining"]) >= 0
        assert int(response.headers["ratelimit-reset"]) >= 0


def test_burst_exhausted_gives_429_with_retry_after() -> None:
    with make_client(rate_limit=1, burst=3) as client:
        statuses = [client.get("/payments").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = client.get("/payments")
        assert limited.json()["error"]["code"] == "RATE_LIMITED"
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["ratelimit-remaining"] == "0"


@pytest.mark.parametrize(
    "query", ["limit=1&limit=2", "cursor=%ZZ", "limit=%FF", "cursor=has space", "limit="]
)
def test_bad_query_strings_are_400(client: TestClient, query: str) -> None:
    response = client.get("/payments?" + query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "INVALID_REQUEST"


def test_unexpected_exception_becomes_500_envelope(client: TestClient) -> None:
    app = client.app
    pipeline = app.pipeline  # type: ignore[attr-defined]

    async def broken(_: object) -> object:
        raise RuntimeError("boom")

    pipeline.handlers["listPayments"] = broken
    response = client.get("/payments")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "INTERNAL_ERROR"
    assert error["request_id"] == response.headers["x-request-id"]
