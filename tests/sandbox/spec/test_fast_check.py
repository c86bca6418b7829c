"""The fast validity check never accepts what the full Draft 2020-12 validator rejects."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from larkpay_sandbox.spec.fast_check import compile_check
from larkpay_sandbox.spec.routes import Spec
from larkpay_sandbox.spec.validators import FORMATS

SPEC = Spec.load()
BODIES = {op.operation_id: op.body for op in SPEC.operations.values() if op.body is not None}
PARAMETERS = {
    f"{op.operation_id}.{params.location}.{name}": schema
    for op in SPEC.operations.values()
    for params in (op.path_params, op.query_params, op.header_params)
    for name, schema in params.schemas.items()
}

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**9), max_value=10**9)
    | st.sampled_from([0, 1, 99999999, 100000000, 1.0, 2.5, -1])
    | st.text(max_size=6)
    | st.sampled_from(["USD", "EUR", "usd", "", "x" * 40, "x" * 41, "*", "payment.created"])
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


def _candidates(schema: dict[str, Any]) -> list[Any]:
    """Values at and just past the schema's own limits, plus its enum and examples."""
    values: list[Any] = [None, True, 0, 1.0, "", {}, [], {"k": "v"}]
    values += list(schema.get("enum", [])) + list(schema.get("examples", []))
    for key in ("minimum", "maximum"):
        if key in schema:
            values += [schema[key] - 1, schema[key], schema[key] + 1]
    for key in ("minLength", "maxLength", "minItems", "maxItems"):
        if key in schema:
            size = int(schema[key])
            values += ["a" * n for n in (max(size - 1, 0), size, size + 1)]
    if "items" in schema:
        values += [[item] for item in _candidates(schema["items"])]
        values += [[item, item] for item in schema["items"].get("enum", [])[:2]]
    if "propertyNames" in schema or "maxProperties" in schema:
        values += [{"k" * 41: "v"}, {"k": "v" * 501}, {str(n): "v" for n in range(21)}]
    return values


def _plausible(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Mostly valid values for simple schemas, so that the fast path says True often."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "examples" in schema:
        return st.sampled_from(schema["examples"])
    kind = schema.get("type")
    if kind == "integer":
        return st.integers(schema.get("minimum", -5), schema.get("maximum", 5))
    if kind == "string" or (isinstance(kind, list) and "string" in kind):
        low = schema.get("minLength", 0)
        return st.text(st.characters(codec="ascii"), min_size=low, max_size=max(low, 8))
    if kind == "array":
        return st.lists(_plausible(schema.get("items", {})), max_size=3)
    if kind == "object":
        return st.dictionaries(st.text(min_size=1, max_size=4), st.text(max_size=4), max_size=3)
    return JSON_VALUES


def _bodies(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Objects of the schema's own fields (plausible, at their limits, or random) or any JSON."""
    properties = schema.get("properties", {})
    required = [name for name in schema.get("required", []) if name in properties]

    def objects(field: Any, extra: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        fields = {name: field(sub) for name, sub in properties.items()}
        optional = {name: value for name, value in fields.items() if name not in required}
        return st.fixed_dictionaries(
            {name: fields[name] for name in required}, optional={**optional, **extra}
        )

    def mixed(sub: dict[str, Any]) -> st.SearchStrategy[Any]:
        return st.one_of(_plausible(sub), st.sampled_from(_candidates(sub)), JSON_VALUES)

    return st.one_of(
        objects(_plausible, {}),
        objects(mixed, {}),
        objects(mixed, {"unknown": JSON_VALUES}),
        JSON_VALUES,
    )


@pytest.mark.parametrize("operation_id", sorted(BODIES))
def test_fast_check_compiles_for_every_request_body_of_the_spec(operation_id: str) -> None:
    assert BODIES[operation_id].quick is not None


@pytest.mark.parametrize("operation_id", sorted(BODIES))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_check_accepts_only_what_the_full_validator_accepts(
    operation_id: str, data: st.DataObject
) -> None:
    body = BODIES[operation_id]
    assert body.quick is not None
    instance = data.draw(_bodies(body.schema))
    if body.quick(instance):
        assert body.validator.is_valid(instance), instance


@pytest.mark.parametrize("parameter", sorted(PARAMETERS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_fast_check_of_a_parameter_accepts_only_what_the_full_validator_accepts(
    parameter: str, data: st.DataObject
) -> None:
    schema = PARAMETERS[parameter]
    quick = compile_check(schema)
    if quick is None:
        return
    instance = data.draw(st.one_of(_plausible(schema), st.sampled_from(_candidates(schema))))
    if quick(instance):
        assert Draft202012Validator(schema, format_checker=FORMATS).is_valid(instance), instance


def test_fast_check_vouches_for_typical_path_and_query_parameters() -> None:
    get_payment = SPEC.operations["getPayment"]
    assert get_payment.path_params.quick["payment_id"] is not None
    assert get_payment.path_params.parse([("payment_id", "pay_abc")]) == {"payment_id": "pay_abc"}
    list_payments = SPEC.operations["listPayments"]
    assert list_payments.query_params.parse([("limit", "20")]) == {"limit": 20}


def test_fast_check_accepts_a_typical_create_payment_body() -> None:
    quick = BODIES["createPayment"].quick
    assert quick is not None
    body = {"amount": 2500, "currency": "USD", "source": "test_success", "metadata": {"k": "v"}}
    assert quick(body)
    assert not quick({**body, "amount": 0})
    assert not quick({**body, "extra": 1})
    assert not quick({**body, "metadata": {"k" * 41: "v"}})


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"type": "integer"}, 1.0),
        ({"type": "array", "items": {"type": "integer"}, "uniqueItems": True}, [1, 2]),
    ],
)
def test_fast_check_defers_valid_edge_cases_to_the_full_validator(
    schema: dict[str, Any], instance: Any
) -> None:
    quick = compile_check(schema)
    assert quick is not None
    assert not quick(instance)
    assert Draft202012Validator(schema, format_checker=FORMATS).is_valid(instance)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "format": "uri"},
        {"oneOf": [{"type": "string"}]},
        {"type": "object", "patternProperties": {"^a": {}}},
        {"enum": [1, 2]},
        {"type": "decimal"},
    ],
)
def test_compile_check_returns_none_for_keywords_outside_the_subset(
    schema: dict[str, Any],
) -> None:
    assert compile_check(schema) is None
