"""The rules of the design brief (api.md) and the named checks that defend each one.

Each rule has at least two independent defences: a property of the model-based layer (the
workflows state machine, ``larkpay_model_*``, or a check it runs on every exchange) and an
explicit example-based check (the rules, scenarios, tenants and webhooks layers) or a
schemathesis check (run on every case of the schema and stateful layers). The names are the
ones failure records carry. ``conformance/README.md`` shows this table (a test keeps the two
equal), and the coverage report says which checks of each rule ran and which failed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule of the API and the checks that defend it."""

    id: str
    text: str
    checks: tuple[str, ...]


RULES: tuple[Rule, ...] = (
    Rule(
        "amounts",
        "amounts are integers 1..99,999,999: both bounds accepted and echoed, 0 and "
        "100,000,000 refused with 400",
        ("larkpay_model_payment", "larkpay_amount_bounds", "negative_data_rejection"),
    ),
    Rule(
        "refund_limit",
        "refunds never exceed the amount: exactly what is left is accepted, 1 more is 409 "
        "INVALID_STATE and moves nothing; the default refunds what is left; amount_refunded is "
        "the sum of the refunds",
        ("larkpay_model_refunds", "larkpay_refund_boundary", "larkpay_payment_invariants"),
    ),
    Rule(
        "state_machine",
        "cancel and settle only from pending, refund only of succeeded, update from any "
        "state; a refused transition is 409 INVALID_STATE and changes nothing",
        ("larkpay_model_transitions", "larkpay_state_table"),
    ),
    Rule(
        "objects",
        "get returns what create, update, cancel, settle and refund answered; PATCH replaces "
        "the metadata map and nothing else; each change moves updated_at forward; failure "
        "fields only on failed payments; the asked-for object",
        (
            "larkpay_model_payment",
            "larkpay_payment_invariants",
            "larkpay_refund_invariants",
            "larkpay_update_rules",
            "response_schema_conformance",
        ),
    ),
    Rule(
        "unknown_ids",
        "a malformed id is 400 INVALID_REQUEST naming the parameter; a well-formed unknown id, "
        "or another key's, is 404 NOT_FOUND",
        ("larkpay_model_tenants", "larkpay_ids_every_operation", "use_after_free"),
    ),
    Rule(
        "scenarios",
        "each test source of the sandbox does what its row of the scenario table says",
        ("larkpay_model_payment", "larkpay_scenario"),
    ),
    Rule(
        "idempotency_replay",
        "the same key, method, path and body replays the stored status and body with "
        "Idempotent-Replayed: true and does nothing twice",
        (
            "larkpay_model_idempotency",
            "larkpay_idempotent_replay",
            "larkpay_idempotency_every_operation",
        ),
    ),
    Rule(
        "idempotency_reuse",
        "the same key with another body or path is 422 IDEMPOTENCY_KEY_REUSED",
        ("larkpay_model_idempotency", "larkpay_idempotency_every_operation"),
    ),
    Rule(
        "idempotency_in_progress",
        "the same key while the first request runs is 409 IDEMPOTENCY_IN_PROGRESS; then it replays",
        ("larkpay_model_idempotency", "larkpay_idempotency_in_progress"),
    ),
    Rule(
        "idempotency_not_stored",
        "429 and 5xx answers are not stored: a retry with the same key runs again, never "
        "marked Idempotent-Replayed",
        (
            "larkpay_model_rate_limited",
            "larkpay_idempotency_not_stored",
            "larkpay_replay_header",
        ),
    ),
    Rule(
        "paging_order",
        "every list is newest first by (created_at, id), within and across pages",
        ("larkpay_model_listing", "larkpay_list_order", "larkpay_paging_every_list"),
    ),
    Rule(
        "paging_complete",
        "paging returns each object once, no gap, also while objects are created; "
        "next_cursor is null on the last page",
        ("larkpay_model_listing", "larkpay_paging", "larkpay_paging_every_list"),
    ),
    Rule(
        "paging_filters",
        "the status and event filters return exactly the matching objects",
        ("larkpay_model_listing", "larkpay_list_filter", "larkpay_paging_every_list"),
    ),
    Rule(
        "paging_limits",
        "limit 1..100 (default 20) bounds each page; 0 and 101 are refused with 400",
        ("larkpay_model_listing", "larkpay_list_limit", "larkpay_limit_bounds"),
    ),
    Rule(
        "event_types",
        "each change fires its events in order: payment.created; payment.updated for update, "
        "cancel, settle and refund; refund.created before its payment.updated; none for a "
        "refused change",
        ("larkpay_model_events", "larkpay_event_sequence", "larkpay_webhook_delivery"),
    ),
    Rule(
        "event_data",
        "an event's data is the object the API answered at that moment; updated_at never goes "
        "back; the latest event equals the current object; getEvent equals the listed event",
        (
            "larkpay_model_events",
            "larkpay_event_objects",
            "larkpay_event_shape",
            "larkpay_webhook_event_data",
        ),
    ),
    Rule(
        "envelopes",
        "every JSON answer is a success envelope (list ones with has_more and next_cursor) or "
        "an error envelope",
        ("larkpay_sdk_model", "larkpay_envelope", "response_schema_conformance"),
    ),
    Rule(
        "error_codes",
        "error.code comes with its HTTP status and the SDK raises its typed error",
        ("larkpay_sdk_error", "larkpay_error_status", "status_code_conformance"),
    ),
    Rule(
        "request_id",
        "every answer has a unique X-Request-Id, equal to error.request_id",
        ("larkpay_model_request_ids", "larkpay_request_id"),
    ),
    Rule(
        "rate_limit_headers",
        "authenticated answers carry RateLimit-Limit, -Remaining (<= Limit) and -Reset; 429 "
        "and 503 carry Retry-After",
        ("larkpay_model_rate_limited", "larkpay_limit_headers", "larkpay_rate_limit"),
    ),
    Rule(
        "rate_limits",
        "a spent token bucket answers 429 RATE_LIMITED on every operation and does nothing; "
        "requests succeed again after Retry-After; another key is not limited",
        ("larkpay_model_rate_limited", "larkpay_rate_limit", "larkpay_scenario"),
    ),
    Rule(
        "methods",
        "a method a path does not have is 405 METHOD_NOT_ALLOWED with an Allow header naming "
        "the path's methods",
        ("larkpay_model_methods", "larkpay_method_not_allowed", "larkpay_limit_headers"),
    ),
    Rule(
        "auth_reasons",
        "every 401 is AUTH_FAILED with the reason: missing, malformed or invalid credentials, "
        "a live key on the sandbox; on every operation but getHealth",
        (
            "larkpay_model_auth",
            "larkpay_auth_reason",
            "larkpay_auth_every_operation",
            "ignored_auth",
        ),
    ),
    Rule(
        "body_limits",
        "a body over 1 MiB is 413, a non-JSON body 415, broken JSON or an unknown field 400; "
        "nothing is done",
        ("larkpay_model_bad_request", "larkpay_limits_every_operation", "larkpay_limits"),
    ),
    Rule(
        "tenants",
        "an API key never sees or changes another key's objects, events, endpoints or "
        "deliveries (404 or left out of lists), nor replays its Idempotency-Keys, nor is "
        "told of its due work by a clock advance",
        ("larkpay_model_tenants", "larkpay_tenant_isolation", "larkpay_tenant_idempotency"),
    ),
    Rule(
        "webhook_endpoints",
        "the secret shows only on create and rotate; a delivery succeeded exactly when the "
        "receiver answered 2xx; every attempt is listed",
        (
            "larkpay_endpoint_invariants",
            "larkpay_delivery_invariants",
            "larkpay_webhook_delivery",
        ),
    ),
    Rule(
        "test_clock",
        "the sandbox's test clock moves by exactly what was asked and never back; settlements "
        "and delivery attempts run when due, each once, with their attempt numbers",
        ("larkpay_clock_property", "larkpay_test_clock", "larkpay_delivery_invariants"),
    ),
    Rule(
        "replay",
        "replaying an endpoint sends again exactly its selection since a time, each event with "
        "its own webhook-id and body",
        ("larkpay_replay_property", "larkpay_replay"),
    ),
    Rule(
        "endpoint_health",
        "a 410 disables an endpoint at once, failing for the period disables it; disabled_reason "
        "says why exactly when disabled; webhook_endpoint.disabled carries the endpoint as it "
        "is; PATCH enables it again",
        ("larkpay_endpoint_health", "larkpay_endpoint_state", "larkpay_event_objects"),
    ),
    Rule(
        "webhook_signatures",
        "deliveries are signed in the Standard Webhooks format, by both secrets during a "
        "rotation and never by a retired one",
        ("larkpay_webhook_signature", "larkpay_webhook_rotation"),
    ),
)


def rule_checks() -> set[str]:
    """Every check named by some rule."""
    return {check for rule in RULES for check in rule.checks}
