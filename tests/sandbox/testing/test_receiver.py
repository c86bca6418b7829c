"""The loopback webhook receiver shared by the sandbox tests, the suite and the benchmarks."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest
from larkpay_sandbox.testing import WebhookReceiver
from larkpay_sandbox.testing.receiver import reachable_host

# TCP_NODELAY: without it, headers and body go out as two segments and the second waits for a
# delayed ACK.
CLIENT = httpx.Client(
    transport=httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]),
    timeout=5,
)


def post(receiver: WebhookReceiver, webhook_id: str, body: bytes = b"{}", path: str = "") -> int:
    headers = {"webhook-id": webhook_id, "content-type": "application/json"}
    return CLIENT.post(receiver.url + path, content=body, headers=headers).status_code


def test_records_path_headers_body_and_answer_of_each_request() -> None:
    with WebhookReceiver() as receiver:
        assert post(receiver, "evt_1", b'{"a": 1}', path="/ep_1") == 204
        [delivery] = receiver.deliveries
    assert delivery.webhook_id == "evt_1"
    assert delivery.path == "/hooks/ep_1"
    assert delivery.body == b'{"a": 1}'
    assert delivery.headers["content-type"] == "application/json"
    assert delivery.answered == 204
    assert delivery.received_at > 0


def test_listens_on_a_free_port_of_127_0_0_1_by_default_or_where_told() -> None:
    with WebhookReceiver() as first, WebhookReceiver() as second:
        assert first.url.startswith("http://127.0.0.1:")
        assert first.url != second.url
    with WebhookReceiver(host="127.0.0.2") as other_loopback:
        assert other_loopback.url.startswith("http://127.0.0.2:")
        assert post(other_loopback, "evt_1") == 204


@pytest.mark.parametrize(
    ("listen", "reached"),
    [("0.0.0.0", "127.0.0.1"), ("::", "::1"), ("127.0.0.2", "127.0.0.2"), ("::1", "::1")],
)
def test_an_unspecified_listen_address_is_reached_through_loopback(
    listen: str, reached: str
) -> None:
    assert reachable_host(listen) == reached


def test_statuses_answer_the_first_requests_in_order() -> None:
    with WebhookReceiver(statuses=[410, 503]) as receiver:
        answers = [post(receiver, "evt_a") for _ in range(3)]
    assert answers == [410, 503, 204]


def test_fail_first_fails_the_first_n_requests_of_each_webhook_id() -> None:
    with WebhookReceiver(fail_first=2) as receiver:
        answers = [post(receiver, "evt_a") for _ in range(3)] + [post(receiver, "evt_b")]
    assert answers == [500, 500, 204, 500]


def test_fail_rate_fails_about_that_share_reproducibly_by_seed() -> None:
    def answers(seed: int) -> list[int]:
        with WebhookReceiver(fail_rate=0.3, seed=seed) as receiver:
            return [post(receiver, f"evt_{i}") for i in range(100)]

    first = answers(7)
    assert 15 <= first.count(500) <= 45
    assert answers(7) == first


def test_fail_rate_outside_0_to_1_is_refused() -> None:
    with pytest.raises(ValueError, match=r"fail_rate must be within 0\.\.1"):
        WebhookReceiver(fail_rate=1.5)


def test_a_request_cut_off_mid_body_is_not_recorded() -> None:
    with WebhookReceiver() as receiver:
        host, port = receiver.url.split("//")[1].split("/")[0].split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(
                b"POST /hooks HTTP/1.1\r\nHost: x\r\nwebhook-id: evt_cut\r\n"
                b'Content-Length: 100\r\n\r\n{"partial"'
            )
            sock.shutdown(socket.SHUT_WR)
            sock.recv(100)
        assert post(receiver, "evt_whole") == 204
        assert [d.webhook_id for d in receiver.deliveries] == ["evt_whole"]


def test_hold_records_at_once_but_answers_only_after_release() -> None:
    with WebhookReceiver() as receiver:
        receiver.hold()
        answers: list[int] = []
        sender = threading.Thread(target=lambda: answers.append(post(receiver, "evt_1")))
        sender.start()
        assert len(receiver.wait_for(count=1, timeout=5)) == 1
        assert answers == []
        receiver.release()
        sender.join(timeout=5)
    assert answers == [204]
    assert receiver.peak_concurrency == 1


def test_wait_for_returns_the_matching_deliveries_or_fewer_on_timeout() -> None:
    with WebhookReceiver() as receiver:
        assert receiver.wait_for(timeout=0.05) == []
        post(receiver, "evt_1")
        post(receiver, "evt_2")
        found = receiver.wait_for(lambda d: d.webhook_id == "evt_2", timeout=1)
        assert [d.webhook_id for d in found] == ["evt_2"]
        assert len(receiver.wait_for(count=2, timeout=1)) == 2
        assert len(receiver.wait_for(count=3, timeout=0.05)) == 2


def test_a_scripted_path_gets_its_own_answers_then_the_default_it_names() -> None:
    with WebhookReceiver(fail_rate=1.0) as receiver:
        receiver.script("/hooks/a", [410, 500], then=202)
        answers = [
            httpx.post(receiver.url + path, content=b"{}").status_code
            for path in ("/a", "/a", "/a", "/b")
        ]
    assert answers == [410, 500, 202, 500]
