"""The traffic record: each request's operation, template, status, error code, events, source."""

from __future__ import annotations

import json

from larkpay_conformance.record.traffic import NO_ANSWER, Traffic
from larkpay_conformance.spec.routes import Routes

SPEC = {
    "paths": {
        "/payments": {
            "get": {"operationId": "listPayments"},
            "post": {"operationId": "createPayment"},
        },
        "/payments/{payment_id}": {"get": {"operationId": "getPayment"}},
        "/events": {"get": {"operationId": "listEvents"}},
    }
}


def traffic() -> Traffic:
    return Traffic(Routes.from_spec(SPEC, "/v2"))


def test_record_names_the_operation_template_and_error_code() -> None:
    recorder = traffic()
    body = json.dumps({"status": "error", "error": {"code": "NOT_FOUND"}}).encode()
    record = recorder.record("schema", "get", "http://h/v2/payments/pay_9", 404, response_body=body)
    assert (record.operation, record.method, record.path) == (
        "getPayment",
        "GET",
        "/payments/{payment_id}",
    )
    assert record.error_code == "NOT_FOUND"


def test_record_keeps_scenario_sources_and_folds_other_sources() -> None:
    recorder = traffic()
    scenario = recorder.record(
        "workflows", "POST", "http://h/v2/payments", 201, request_body=b'{"source": "test_slow"}'
    )
    fuzzed = recorder.record(
        "schema", "POST", "http://h/v2/payments", 400, request_body=b'{"source": "tok_\\u0000"}'
    )
    assert scenario.source == "test_slow"
    assert fuzzed.source == "(other)"


def test_record_lists_the_event_types_of_an_event_listing() -> None:
    recorder = traffic()
    events = [
        {"object": "event", "event": "refund.created"},
        {"object": "event", "event": "payment.created"},
        {"object": "event", "event": "payment.created"},
    ]
    body = json.dumps({"status": "success", "data": events}).encode()
    record = recorder.record("webhooks", "GET", "http://h/v2/events", 200, response_body=body)
    assert record.event_types == ("payment.created", "refund.created")


def test_equal_requests_are_counted_and_rows_merge_back() -> None:
    recorder = traffic()
    for _ in range(3):
        recorder.record("schema", "GET", "http://h/v2/payments", 200)
    recorder.record("schema", "GET", "http://h/v2/payments", NO_ANSWER, link="next")
    other = traffic()
    other.merge(json.loads(json.dumps(recorder.rows())))
    assert other.counts == recorder.counts
    assert recorder.total() == 4
    assert recorder.by_operation()[("schema", "listPayments")] == 4
