"""Every example in openapi.yaml validates against the schema it illustrates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:larkpay:openapi"


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _registry(spec: dict[str, Any]) -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec, default_specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


def _examples(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example value) for every example of a media type or parameter."""
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            where = f"{method.upper()} {path}"
            media = [op.get("requestBody", {}).get("content", {}).get("application/json")]
            for response in op["responses"].values():
                resolved = _resolve(spec, response)
                media.append(resolved.get("content", {}).get("application/json"))
            for entry in filter(None, media):
                if "example" in entry:
                    yield where, entry["schema"], entry["example"]
                for example in entry.get("examples", {}).values():
                    yield where, entry["schema"], _resolve(spec, example)["value"]
    for name, parameter in spec["components"]["parameters"].items():
        if "example" in parameter:
            yield f"parameter {name}", parameter["schema"], parameter["example"]


def test_spec_has_examples_for_every_operation(spec: dict[str, Any]) -> None:
    wheres = {where for where, _, _ in _examples(spec)}
    operations = {
        f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item if m != "parameters"
    }
    assert operations <= wheres


def test_spec_examples_validate_against_their_schemas(spec: dict[str, Any]) -> None:
    registry = _registry(spec)
    failures = []
    for where, schema, value in _examples(spec):
        rooted = {"$ref": SPEC_URI + schema["$ref"]} if "$ref" in schema else schema
        validator = Draft202012Validator(rooted, registry=registry)
        failures += [f"{where}: {error.message}" for error in validator.iter_errors(value)]
    assert failures == []


@pytest.mark.parametrize("bad", [{"status": "success"}, {"status": "error", "error": {}}])
def test_spec_envelope_schema_rejects_incomplete_example(spec: dict[str, Any], bad: Any) -> None:
    registry = _registry(spec)
    for envelope in ("PaymentEnvelope", "ErrorEnvelope"):
        validator = Draft202012Validator(
            {"$ref": f"{SPEC_URI}#/components/schemas/{envelope}"}, registry=registry
        )
        assert not validator.is_valid(bad)
