"""Matching a request to its operation: literal paths first, base path stripped."""

from __future__ import annotations

from larkpay_conformance.spec.routes import UNMATCHED, Routes

SPEC = {
    "paths": {
        "/payments/{payment_id}": {"get": {"operationId": "getPayment"}},
        "/payments/search": {"get": {"operationId": "searchPayments"}},
        "/payments/{payment_id}/refunds": {"post": {"operationId": "createRefund"}},
        "/health": {"get": {}, "parameters": []},
    }
}
ROUTES = Routes.from_spec(SPEC, "/v2")


def test_match_fills_path_parameters_and_strips_the_base_path() -> None:
    assert ROUTES.match("post", "http://h/v2/payments/pay_1/refunds?x=1") == (
        "createRefund",
        "/payments/{payment_id}/refunds",
    )


def test_match_prefers_a_literal_segment_over_a_parameter() -> None:
    assert ROUTES.match("GET", "http://h/v2/payments/search")[0] == "searchPayments"


def test_match_names_an_undefined_method_on_a_known_path() -> None:
    assert ROUTES.match("DELETE", "http://h/v2/payments/pay_1") == (
        "DELETE /payments/{payment_id}",
        "/payments/{payment_id}",
    )


def test_match_without_operation_id_uses_method_and_template() -> None:
    assert ROUTES.match("GET", "http://h/v2/health")[0] == "GET /health"


def test_unknown_path_is_unmatched_and_known_ids_give_their_template() -> None:
    assert ROUTES.match("GET", "http://h/v2/nope") == UNMATCHED
    assert ROUTES.template_of("getPayment") == ("GET", "/payments/{payment_id}")
    assert ROUTES.template_of("nope") is None
