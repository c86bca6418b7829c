"""The loopback webhook receiver used by the delivery, crash and conformance tests."""

from __future__ import annotations

import socket

import httpx
import pytest
from larkpay_sandbox.testing.receiver import WebhookReceiver, running_receiver

# TCP_NODELAY: without it, headers and body go out as two segments and the second waits for a
# delayed ACK (about 40 ms per request on Linux loopback).
CLIENT = httpx.Client(
    transport=httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]),
    timeout=5,
)


def post(receiver: WebhookReceiver, webhook_id: str, body: bytes = b"{}") -> int:
    headers = {"webhook-id": webhook_id, "content-type": "application/json"}
    return CLIENT.post(receiver.url, content=body, headers=headers).status_code


def test_records_headers_body_and_answer_of_each_request() -> None:
    with running_receiver() as receiver:
        assert post(receiver, "evt_1", b'{"a": 1}') == 204
        [request] = receiver.requests
    assert request.webhook_id == "evt_1"
    assert request.body == b'{"a": 1}'
    assert request.headers["content-type"] == "application/json"
    assert request.answered == 204
    assert request.received_at > 0


def test_fail_first_fails_the_first_n_requests_of_each_webhook_id() -> None:
    with running_receiver(fail_first=2) as receiver:
        answers = [post(receiver, "evt_a") for _ in range(3)] + [post(receiver, "evt_b")]
    assert answers == [500, 500, 204, 500]


def test_fail_rate_fails_about_that_share_reproducibly_by_seed() -> None:
    def answers(seed: int) -> list[int]:
        with running_receiver(fail_rate=0.3, seed=seed) as receiver:
            return [post(receiver, f"evt_{i}") for i in range(100)]

    first = answers(7)
    assert 15 <= first.count(500) <= 45
    assert answers(7) == first


def test_fail_rate_outside_0_to_1_is_refused() -> None:
    with pytest.raises(ValueError, match=r"fail_rate must be within 0\.\.1"):
        WebhookReceiver(fail_rate=1.5)


def test_a_request_cut_off_mid_body_is_not_recorded() -> None:
    with running_receiver() as receiver:
        host, port = receiver.url.split("//")[1].split("/")[0].split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(
                b"POST /hooks HTTP/1.1\r\nHost: x\r\nwebhook-id: evt_cut\r\n"
                b'Content-Length: 100\r\n\r\n{"partial"'
            )
            sock.shutdown(socket.SHUT_WR)
            sock.recv(100)
        assert post(receiver, "evt_whole") == 204
        assert [r.webhook_id for r in receiver.requests] == ["evt_whole"]


def test_wait_for_reports_whether_the_condition_came_true_in_time() -> None:
    with running_receiver() as receiver:
        assert not receiver.wait_for(lambda reqs: len(reqs) >= 1, timeout=0.05)
        post(receiver, "evt_1")
        assert receiver.wait_for(lambda reqs: len(reqs) >= 1, timeout=1)
