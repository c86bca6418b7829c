"""The generated readers (``larkpay_api.api.read_<model>``) agree with the models' ``from_dict``.

For every component schema with a reader, hypothesis draws JSON from the schema and then, most
of the time, spoils it (a required key dropped, a value replaced by any JSON, an unknown key
added). Whatever it is, the reader and ``from_dict`` must give equal models or both refuse it
with one of the errors the SDK turns into ``APIResponseValidationError``.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any

import larkpay_api.api as api
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from larkpay_api import models

SCHEMAS: dict[str, Any] = yaml.safe_load((Path(__file__).parents[2] / "openapi.yaml").read_text())[
    "components"
]["schemas"]
READERS = {
    inspect.signature(getattr(api, name)).return_annotation: getattr(api, name)
    for name in api.__all__
    if name.startswith("read_")
}
REFUSALS = (TypeError, ValueError, KeyError, AttributeError)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@functools.cache
def named(name: str) -> st.SearchStrategy[Any]:
    """Valid JSON for the component schema ``name`` (one strategy per schema)."""
    return instances(SCHEMAS[name])


def instances(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Valid JSON for ``schema`` (patterns and lengths aside, which neither side checks)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: named(name))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "oneOf" in schema or "anyOf" in schema:
        return st.one_of([instances(choice) for choice in schema.get("oneOf", schema.get("anyOf"))])
    kinds = schema.get("type", "object")
    if isinstance(kinds, list):
        return st.one_of([instances({**schema, "type": kind}) for kind in kinds])
    if kinds == "array":
        return st.lists(instances(schema.get("items", {})), max_size=3)
    if kinds == "object":
        return _objects(schema)
    return {
        "string": st.text(max_size=8),
        "integer": st.integers(),
        "number": st.integers() | st.floats(allow_nan=False),
        "boolean": st.booleans(),
        "null": st.none(),
    }[kinds]


def _objects(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    extra = schema.get("additionalProperties", True)
    extra_values = JSON if extra is True else instances(extra) if extra else None

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        value = {
            key: draw(instances(sub))
            for key, sub in properties.items()
            if key in required or draw(st.booleans())
        }
        if extra_values is not None:
            for key in draw(st.lists(st.text(min_size=1, max_size=6), max_size=2)):
                value.setdefault(key, draw(extra_values))
        return value

    return build()


@st.composite
def spoiled(draw: st.DrawFn, value: Any) -> Any:
    """``value`` as it is, or with one key dropped, replaced or added (at the top or inside)."""
    if not isinstance(value, dict) or not value or draw(st.integers(0, 3)) == 0:
        return value
    key = draw(st.sampled_from(sorted(value)))
    change = draw(st.sampled_from(["drop", "replace", "add", "inside"]))
    copy = dict(value)
    if change == "drop":
        del copy[key]
    elif change == "replace":
        copy[key] = draw(JSON)
    elif change == "add":
        copy[draw(st.text(min_size=1, max_size=6))] = draw(JSON)
    else:
        copy[key] = draw(spoiled(copy[key]))
    return copy


def outcome(read: Any, value: Any) -> tuple[str, Any]:
    try:
        return ("model", read(value))
    except REFUSALS as error:
        return ("refused", str(error))


def agree(ours: tuple[str, Any], theirs: tuple[str, Any]) -> bool:
    """Equal models, or both refused; the reader may also refuse a JSON array where an object
    belongs, which from_dict's ``dict(...)`` accepts when it holds pairs (``[]``, ``["ab"]``)."""
    if ours[0] == theirs[0] == "refused" or ours == theirs:
        return True
    stricter = (ours[0], theirs[0]) == ("refused", "model")
    return stricter and ours[1].endswith("must be a JSON object, not list")


def test_every_component_schema_with_a_model_has_a_reader() -> None:
    modelled = {name for name in SCHEMAS if hasattr(models, name) and hasattr(
        getattr(models, name), "from_dict")}  # fmt: skip
    assert modelled == set(READERS)
    assert len(READERS) >= 30


@pytest.mark.parametrize("name", sorted(READERS))
def test_reader_agrees_with_from_dict_on_valid_and_spoiled_json(name: str) -> None:
    cls = getattr(models, name)

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(spoiled(data.draw(named(name))))
        ours, theirs = outcome(READERS[name], value), outcome(cls.from_dict, value)
        assert agree(ours, theirs), (ours, theirs)

    check()


@pytest.mark.parametrize("value", [[], "x", None, 5])
def test_readers_refuse_what_is_not_an_object(value: Any) -> None:
    assert outcome(api.read_payment, value)[0] == "refused"
    assert outcome(api.read_event_envelope, value)[0] == "refused"
