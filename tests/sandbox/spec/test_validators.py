"""JSON parsing and compiled validators: strictness and short, value-free details."""

from __future__ import annotations

from typing import Any

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.server.body import parse_json
from larkpay_sandbox.spec.validators import BodySchema, ParamSet, is_uri


def details_of(action: Any) -> list[dict[str, str]]:
    with pytest.raises(ApiError) as caught:
        action()
    assert caught.value.status == 400
    return caught.value.details


@pytest.mark.parametrize(
    "raw",
    [b"{", b"NaN", b'{"a": Infinity}', b"\xff", b"[" * 50_000, b"1" * 5000, b'"\\ud800"'],
)
def test_parse_json_rejects_what_is_not_strict_json(raw: bytes) -> None:
    assert details_of(lambda: parse_json(raw))[0]["field"] == "body"


def test_parse_json_accepts_big_integers_for_the_schema_to_judge() -> None:
    assert parse_json(b"18446744073709551617") == 2**64 + 1


def test_body_details_name_fields_and_never_echo_huge_values() -> None:
    schema = BodySchema(
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {"name": {"type": "string", "maxLength": 3}},
        },
        required=True,
    )
    details = details_of(lambda: schema.validate({"name": "x" * 100_000, "other": 1}))
    assert {"field": "name", "message": "must be at most 3 characters long"} in details
    assert {"field": "other", "message": "is not a known field"} in details
    assert all(len(d["message"]) < 300 for d in details)


def test_body_details_are_capped() -> None:
    schema = BodySchema({"type": "object", "additionalProperties": False}, required=True)
    details = details_of(lambda: schema.validate({str(i): i for i in range(1000)}))
    assert len(details) == 20


def test_query_params_are_coerced_from_strings_then_validated() -> None:
    params = ParamSet(
        "query",
        [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
    )
    assert params.parse([("limit", "5")]) == {"limit": 5}
    assert details_of(lambda: params.parse([("limit", "0")])) == [
        {"field": "query.limit", "message": "must be >= 1"}
    ]
    assert details_of(lambda: params.parse([("limit", "abc")]))[0]["field"] == "query.limit"


def test_headers_are_matched_case_insensitively() -> None:
    params = ParamSet(
        "header",
        [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "minLength": 1}}],
    )
    assert params.parse([("idempotency-key", "abc")]) == {"Idempotency-Key": "abc"}


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("https://shop.example/webhooks?x=1#f", True),
        ("http://[::1]:8080/", True),
        ("https://ex.com/ü", False),
        ("https://a b", False),
        ("https://a/%zz", False),
    ],
)
def test_uri_format_is_rfc_3986_syntax(value: str, valid: bool) -> None:
    assert is_uri(value) is valid


@pytest.mark.parametrize(
    "value", ["pay_abc", "pay_", "x", "pay_" + "a" * 64, "pay_" + "a" * 65, "pay_a\n", "pay_é"]
)
def test_quick_string_check_agrees_with_the_full_validator(value: str) -> None:
    schema = {"type": "string", "pattern": "^pay_[A-Za-z0-9]{1,64}$", "maxLength": 68}
    params = ParamSet("path", [{"name": "id", "in": "path", "required": True, "schema": schema}])
    assert params._quick_valid({"id": value}) == params.validator.is_valid({"id": value})
