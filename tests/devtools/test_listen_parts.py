"""listen's parts on their own: reading a delivery, printing it, forwarding to a handler."""

from __future__ import annotations

import io
import json

from larkpay_devtools.listen.forwarding import TIMED_OUT, UNREACHABLE, Answer, HandlerClient
from larkpay_devtools.listen.report import Delivery, Printer, describe
from larkpay_sandbox.testing import WebhookReceiver

BODY = json.dumps({"id": "evt_1", "event": "payment.created", "data": {"id": "pay_1"}}).encode()


def test_describe_reads_the_event_from_the_body_and_the_time_from_the_header() -> None:
    assert describe(BODY, "evt_header", "1800000000") == ("evt_1", "payment.created", 1800000000)


def test_describe_falls_back_to_the_headers_for_a_body_that_is_not_json() -> None:
    assert describe(b"not json", "evt_2", "soon") == ("evt_2", "?", None)


def test_printer_prints_one_line_per_delivery_and_the_payload_on_request() -> None:
    out = io.StringIO()
    delivery = Delivery("evt_1", "payment.created", 1800000000, 2, Answer(504, 12.34, "slow"), BODY)
    Printer(out, print_json=True).delivery(delivery)
    first, *payload = out.getvalue().splitlines()
    assert first == (
        "2027-01-15 08:00:00  payment.created            evt_1  attempt 2  -> 504  12.3 ms  (slow)"
    )
    assert json.loads("\n".join(payload))["id"] == "evt_1"


def test_forward_sends_the_body_and_only_the_webhook_headers() -> None:
    with WebhookReceiver(statuses=[202]) as handler:
        client = HandlerClient(handler.url, timeout=5.0)
        headers = {"Webhook-Id": "evt_1", "webhook-signature": "v1,x", "Authorization": "no"}
        answer = client.forward(BODY, headers)
        client.close()
        [delivery] = handler.deliveries
    assert (answer.status, answer.error) == (202, None)
    assert delivery.body == BODY
    assert delivery.headers["webhook-id"] == "evt_1"
    assert "authorization" not in delivery.headers


def test_forward_answers_504_for_a_slow_handler_and_502_for_an_absent_one() -> None:
    with WebhookReceiver() as handler:
        handler.delay = 1.0
        slow = HandlerClient(handler.url, timeout=0.2).forward(BODY, {})
    assert (slow.status, slow.error) == (TIMED_OUT, "no answer within 0.2 s")
    absent = HandlerClient("http://127.0.0.1:9/hook", timeout=1.0).forward(BODY, {})
    assert absent.status == UNREACHABLE
    assert absent.error is not None
    assert "ConnectError" in absent.error
