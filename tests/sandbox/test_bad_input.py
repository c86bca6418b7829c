"""Bad input corpus against a real sandbox process: always 4xx with the error envelope, never
5xx, and the server keeps serving. Requests are written byte by byte on a raw socket so that
nothing on the client side cleans them up first."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from larkpay_sandbox.testing import RunningSandbox, running_sandbox

MIB = 1024 * 1024


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def envelope(self) -> Any:
        return json.loads(self.body)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(rate_limit=0) as running:
        yield running


def send_raw(sandbox: RunningSandbox, head: bytes, body: bytes = b"") -> RawResponse:
    """Send one request (``head`` without the final blank line) and read the whole answer.

    A reader thread drains the socket while the body is still being sent: the sandbox answers
    an oversized body early and closes, and a reset arriving before the answer is read would
    otherwise throw the answer away.
    """
    chunks: list[bytes] = []
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=10) as sock:

        def read_all() -> None:
            with contextlib.suppress(ConnectionResetError, TimeoutError):
                while chunk := sock.recv(65536):
                    chunks.append(chunk)

        reader = threading.Thread(target=read_all)
        reader.start()
        # The server may answer early (e.g. 413) and close: that is allowed.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head + b"\r\nConnection: close\r\n\r\n" + body)
        reader.join(timeout=15)
    raw = b"".join(chunks)
    head_part, _, payload = raw.partition(b"\r\n\r\n")
    lines = head_part.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
    return RawResponse(status, headers, payload)


def request(
    sandbox: RunningSandbox,
    method: str = "POST",
    path: str = "/v2/payments",
    body: bytes = b"",
    content_type: bytes | None = b"application/json",
    extra: bytes = b"",
    auth: bytes | None = None,
) -> RawResponse:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
    head += b"Authorization: " + (auth or sandbox.auth_header.encode())
    if content_type is not None:
        head += b"\r\nContent-Type: " + content_type
    head += b"\r\nContent-Length: " + str(len(body)).encode()
    if extra:
        head += b"\r\n" + extra
    return send_raw(sandbox, head, body)


def assert_client_error(response: RawResponse, code: str | None = None) -> None:
    assert 400 <= response.status < 500, (response.status, response.body[:300])
    envelope = response.envelope()
    assert envelope["status"] == "error"
    assert envelope["error"]["request_id"] == response.headers["x-request-id"]
    if code is not None:
        assert envelope["error"]["code"] == code


def assert_still_serving(sandbox: RunningSandbox) -> None:
    response = send_raw(sandbox, b"GET /v2/health HTTP/1.1\r\nHost: 127.0.0.1")
    assert response.status == 200


def nested(depth: int) -> bytes:
    return b'{"amount": 1, "currency": "USD", "source": "x", "metadata": ' + (
        b'{"a": ' * depth + b"1" + b"}" * depth + b"}"
    )


BODIES: dict[str, bytes] = {
    "broken_json": b'{"amount": 1, "currency": ',
    "trailing_garbage": b'{"amount": 1, "currency": "USD", "source": "x"} x',
    "not_an_object": b"[1, 2, 3]",
    "string_body": b'"hello"',
    "null_body": b"null",
    "nesting_10000_objects": nested(10_000),
    "nesting_10000_arrays": b"[" * 10_000 + b"]" * 10_000,
    "invalid_utf8": b'{"amount": 1, "currency": "USD", "source": "\xff\xfe\xfd"}',
    "lone_surrogate": b'{"amount": 1, "currency": "USD", "source": "\\ud800"}',
    "bom": b'\xef\xbb\xbf{"amount": 1, "currency": "USD", "source": "x"}',
    "number_past_2_64": b'{"amount": 18446744073709551617, "currency": "USD", "source": "x"}',
    "number_5000_digits": b'{"amount": ' + b"9" * 5000 + b', "currency": "USD", "source": "x"}',
    "float_overflow": b'{"amount": 1e400, "currency": "USD", "source": "x"}',
    "nan": b'{"amount": NaN, "currency": "USD", "source": "x"}',
    "infinity": b'{"amount": Infinity, "currency": "USD", "source": "x"}',
    "negative_infinity": b'{"amount": -Infinity, "currency": "USD", "source": "x"}',
    "unknown_fields": b'{"amount": 1, "currency": "USD", "source": "x", "admin": true}',
    "wrong_types": b'{"amount": "1", "currency": 5, "source": []}',
    "huge_metadata": json.dumps(
        {
            "amount": 1,
            "currency": "USD",
            "source": "x",
            "metadata": {str(i): "v" for i in range(5000)},
        }
    ).encode(),
    "nul_in_string": b'{"amount": 1, "currency": "USD", "source": "a\\u0000b", "x": 1}',
    "empty_object": b"{}",
    "whitespace_only": b"   \r\n ",
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_bad_body_is_400_envelope(sandbox: RunningSandbox, name: str) -> None:
    response = request(sandbox, body=BODIES[name])
    assert_client_error(response, "INVALID_REQUEST")
    assert_still_serving(sandbox)


def test_body_of_10_mib_is_413(sandbox: RunningSandbox) -> None:
    response = request(sandbox, body=b"{" + b" " * (10 * MIB) + b"}")
    assert_client_error(response, "PAYLOAD_TOO_LARGE")
    assert_still_serving(sandbox)


def test_chunked_body_of_10_mib_is_413(sandbox: RunningSandbox) -> None:
    chunk = b" " * 65536
    body = b"".join(b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(160)) + b"0\r\n\r\n"
    head = (
        b"POST /v2/payments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
        + sandbox.auth_header.encode()
        + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
    )
    assert_client_error(send_raw(sandbox, head, body), "PAYLOAD_TOO_LARGE")
    assert_still_serving(sandbox)


@pytest.mark.parametrize(
    "content_type",
    [
        b"text/plain",
        b"application/xml",
        b"application/jsonx",
        b"multipart/form-data",
        b"\xff\xfe",
        b";",
    ],
)
def test_wrong_content_type_is_415(sandbox: RunningSandbox, content_type: bytes) -> None:
    response = request(sandbox, body=b'{"amount": 1}', content_type=content_type)
    assert_client_error(response, "UNSUPPORTED_MEDIA_TYPE")


MALFORMED_HEADERS: dict[str, tuple[bytes, str]] = {
    "authorization_binary": (b"Authorization: \xff\xfe garbage", "AUTH_FAILED"),
    "authorization_empty_basic": (b"Authorization: Basic ", "AUTH_FAILED"),
    "authorization_basic_bad_utf8": (b"Authorization: Basic //79", "AUTH_FAILED"),
    "authorization_huge": (b"Authorization: Basic " + b"A" * 60000, "AUTH_FAILED"),
    "idempotency_key_empty": (b"Idempotency-Key: ", "INVALID_REQUEST"),
    "idempotency_key_space": (b"Idempotency-Key: a b", "INVALID_REQUEST"),
    "idempotency_key_non_ascii": (b"Idempotency-Key: \xc3\xa9t\xc3\xa9", "INVALID_REQUEST"),
    "idempotency_key_too_long": (b"Idempotency-Key: " + b"k" * 300, "INVALID_REQUEST"),
    "idempotency_key_twice": (b"Idempotency-Key: a\r\nIdempotency-Key: b", "INVALID_REQUEST"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED_HEADERS))
def test_malformed_header_is_4xx_envelope(sandbox: RunningSandbox, name: str) -> None:
    header, code = MALFORMED_HEADERS[name]
    body = b'{"amount": 1, "currency": "USD", "source": "x"}'
    if header.startswith(b"Authorization"):
        response = request(sandbox, body=body, auth=header.partition(b": ")[2])
    else:
        response = request(sandbox, body=body, extra=header)
    assert_client_error(response, code)
    assert_still_serving(sandbox)


@pytest.mark.parametrize(
    "path",
    [
        "/v2/payments/pay_%00",
        "/v2/payments/%ff%fe",
        "/v2/payments/" + "a" * 5000,
        "/v2/payments?limit=99999999999999999999999999",
        "/v2/payments?limit=-1",
        "/v2/payments?status=%ff",
        "/v2/payments?cursor=" + "A" * 5000,
        "/v2/events?event=payment.exploded",
        "/v2/../../etc/passwd",
    ],
)
def test_bad_path_or_query_is_4xx_envelope(sandbox: RunningSandbox, path: str) -> None:
    response = request(sandbox, method="GET", path=path, content_type=None)
    assert_client_error(response)


@pytest.mark.parametrize(
    "head",
    [
        b"POST /v2/payments HTTP/1.1\r\nHost: x\r\nContent-Length: abc",
        b"POST /v2/payments HTTP/1.1\r\nHost: x\r\nContent-Length: -5",
        b"GET /v2/health HTTP/1.1\r\nHost: x\r\nBad Header Name: 1",
        b"GARBAGE",
        b"GET /v2/health HTTP/1.1\r\nHost: x\r\nAuthorization: a\x00b",
    ],
)
def test_protocol_level_garbage_is_a_400_envelope_and_server_keeps_serving(
    sandbox: RunningSandbox, head: bytes
) -> None:
    # The HTTP parser rejects these before the application sees a request; the sandbox's
    # protocol (http_protocol.py) still answers with the envelope and its X-Request-Id.
    response = send_raw(sandbox, head)
    assert response.status == 400
    assert_client_error(response, "INVALID_REQUEST")
    assert_still_serving(sandbox)


@pytest.mark.parametrize("size", [70 * 1024, 8 * 1024 * 1024])
def test_oversized_request_head_is_refused_without_buffering_it(
    sandbox: RunningSandbox, size: int
) -> None:
    head = b"GET /v2/health HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * size
    response = send_raw(sandbox, head)
    assert response.status == 400
    assert_client_error(response, "INVALID_REQUEST")
    assert "larger than 64 KiB" in response.envelope()["error"]["message"]
    assert_still_serving(sandbox)


def test_head_just_under_the_limit_is_served(sandbox: RunningSandbox) -> None:
    head = b"GET /v2/health HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * (60 * 1024)
    assert send_raw(sandbox, head).status == 200


def test_body_larger_than_the_head_limit_is_not_mistaken_for_a_long_head(
    sandbox: RunningSandbox,
) -> None:
    body = b'{"amount": 100, "currency": "USD", "source": "test_success", "description": "'
    body += b"d" * 900 + b'", "metadata": {"k": "' + b"v" * 400 + b'"}}'
    padded = body + b" " * (200 * 1024)  # JSON allows trailing white space
    response = request(sandbox, body=padded)
    assert response.status == 201, response.body[:300]


def test_server_log_has_no_tracebacks(sandbox: RunningSandbox) -> None:
    assert "Traceback" not in sandbox.log()
