"""Rewrites of a spec for the property tests: ones that keep its meaning (key order, $ref
inlining and extraction) and breaking mutations (each names the rule it must trigger)."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator
from typing import Any

Document = dict[str, Any]
_INLINABLE = ("schemas", "parameters", "responses", "headers", "requestBodies", "examples")
_UNORDERED_LISTS = ("required", "enum")


def shuffle_keys(node: Any, rnd: random.Random, key: str = "") -> Any:
    """The same document with every mapping's keys, and every required/enum list, reordered."""
    if isinstance(node, dict):
        items = list(node.items())
        rnd.shuffle(items)
        return {k: shuffle_keys(v, rnd, k) for k, v in items}
    if isinstance(node, list):
        items = [shuffle_keys(v, rnd) for v in node]
        if key in _UNORDERED_LISTS:
            rnd.shuffle(items)
        return items
    return node


def _refs(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and len(node) == 1:
            yield path
        for key, value in node.items():
            yield from _refs(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _refs(value, (*path, index))


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(doc, path[:-1])[path[-1]] = value


def inline_refs(doc: Document, rnd: random.Random, share: float) -> Document:
    """Replace about ``share`` of the internal $refs with a copy of what they point at."""
    out = copy.deepcopy(doc)
    for path in list(_refs(out)):
        if rnd.random() >= share:
            continue
        ref = _get(out, path)["$ref"]
        parts = ref[2:].split("/")
        if ref.startswith("#/components/") and parts[1] in _INLINABLE:
            _set(out, path, copy.deepcopy(_get(out, tuple(parts))))
    return out


def _inline_schemas(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            here = (*path, key)
            if (
                len(path) >= 1
                and path[-1] == "properties"
                and isinstance(value, dict)
                and "$ref" not in value
            ):
                yield here
            yield from _inline_schemas(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _inline_schemas(value, (*path, index))


def extract_schemas(doc: Document, rnd: random.Random, share: float) -> Document:
    """Move about ``share`` of the inline property schemas to components/schemas, by $ref."""
    out = copy.deepcopy(doc)
    schemas = out.setdefault("components", {}).setdefault("schemas", {})
    chosen = [p for p in _inline_schemas(out) if rnd.random() < share]
    for number, path in enumerate(sorted(chosen, key=len, reverse=True)):
        name = f"Extracted{number}"
        schemas[name] = _get(out, path)
        _set(out, path, {"$ref": f"#/components/schemas/{name}"})
    return out


# ---------------------------------------------------------------- breaking mutations

Mutation = Callable[[Document, int], str]
"""Mutates the document in place, choosing its target by ``pick``; returns the rule it breaks."""


def _choose(candidates: list[Any], pick: int) -> Any:
    return sorted(candidates, key=repr)[pick % len(candidates)]


def _operations(doc: Document) -> list[tuple[str, str]]:
    return [
        (path, method)
        for path, item in doc["paths"].items()
        for method in item
        if method in ("get", "post", "patch", "put", "delete")
    ]


def _schemas(doc: Document) -> dict[str, Any]:
    return doc["components"]["schemas"]


def _read_schemas(doc: Document) -> list[str]:
    return [n for n, s in _schemas(doc).items() if s.get("required") and not n.endswith("Request")]


def remove_operation(doc: Document, pick: int) -> str:
    path, method = _choose(_operations(doc), pick)
    del doc["paths"][path][method]
    return "api-removed-without-deprecation"


def make_response_field_optional(doc: Document, pick: int) -> str:
    name = _choose(_read_schemas(doc), pick)
    schema = _schemas(doc)[name]
    schema["required"].remove(_choose(schema["required"], pick // 7))
    return "property-became-optional"


def remove_required_response_field(doc: Document, pick: int) -> str:
    name = _choose(_read_schemas(doc), pick)
    schema = _schemas(doc)[name]
    field = _choose(schema["required"], pick // 7)
    schema["required"].remove(field)
    del schema["properties"][field]
    return "property-removed"


def add_required_request_field(doc: Document, pick: int) -> str:
    names = [n for n in _schemas(doc) if n.endswith("Request")]
    schema = _schemas(doc)[_choose(names, pick)]
    schema.setdefault("properties", {})["mutation_field"] = {"type": "string"}
    schema.setdefault("required", []).append("mutation_field")
    return "request-property-added-required"


def change_response_field_type(doc: Document, pick: int) -> str:
    schema = _schemas(doc)[_choose(_read_schemas(doc), pick)]
    field = _choose(schema["required"], pick // 7)
    old = schema["properties"][field]
    if "$ref" in old:
        old = _schemas(doc)[old["$ref"].rsplit("/", 1)[1]]
    kinds = old.get("type", "object")
    schema["properties"][field] = {"type": "string" if "boolean" in kinds else "boolean"}
    return "type-changed"


def tighten_request_bound(doc: Document, pick: int) -> str:
    candidates = []
    for name, schema in _schemas(doc).items():
        for field, prop in (schema.get("properties") or {}).items():
            if name.endswith("Request") and isinstance(prop, dict) and "maxLength" in prop:
                candidates.append((name, field, "maxLength"))
            if name.endswith("Request") and isinstance(prop, dict) and "maximum" in prop:
                candidates.append((name, field, "maximum"))
    name, field, keyword = _choose(candidates, pick)
    prop = _schemas(doc)[name]["properties"][field]
    prop[keyword] = max(1, prop[keyword] // 2)
    return "request-property-max-decreased"


def tighten_map_values(doc: Document, pick: int) -> str:
    """A lower maxLength for the values of a map (``additionalProperties: {schema}``), such as
    the Metadata that payment requests carry."""
    maps = [
        schema["additionalProperties"]
        for schema in _schemas(doc).values()
        if isinstance(schema.get("additionalProperties"), dict)
        and "maxLength" in schema["additionalProperties"]
    ]
    values = _choose(maps, pick)
    values["maxLength"] = max(1, values["maxLength"] // 5)
    return "request-property-max-decreased"


def remove_success_status(doc: Document, pick: int) -> str:
    path, method = _choose(_operations(doc), pick)
    responses = doc["paths"][path][method]["responses"]
    del responses[_choose([s for s in responses if str(s).startswith("2")], 0)]
    return "response-success-status-removed"


def add_required_query_parameter(doc: Document, pick: int) -> str:
    path, method = _choose(_operations(doc), pick)
    operation = doc["paths"][path][method]
    parameter = {"name": "mutation", "in": "query", "required": True, "schema": {"type": "string"}}
    operation.setdefault("parameters", []).append(parameter)
    return "request-parameter-added-required"


def rename_operation_id(doc: Document, pick: int) -> str:
    path, method = _choose(_operations(doc), pick)
    doc["paths"][path][method]["operationId"] += "Renamed"
    return "api-operation-id-changed"


def remove_request_enum_value(doc: Document, pick: int) -> str:
    candidates = []
    for name, schema in _schemas(doc).items():
        if name.endswith("Request"):
            for prop in (schema.get("properties") or {}).values():
                target = prop
                if "$ref" in prop:
                    target = _schemas(doc)[prop["$ref"].rsplit("/", 1)[1]]
                if len(target.get("enum") or []) >= 2:
                    candidates.append(target)
                items = target.get("items") or {}
                if len(items.get("enum") or []) >= 2:
                    candidates.append(items)
    target = _choose(candidates, pick)
    target["enum"].remove(_choose(target["enum"], pick // 5))
    return "enum-value-removed"


def remove_webhook(doc: Document, pick: int) -> str:
    del doc["webhooks"][_choose(list(doc["webhooks"]), pick)]
    return "webhook-removed"


def remove_security_scheme(doc: Document, pick: int) -> str:
    schemes = doc["components"]["securitySchemes"]
    del schemes[_choose(list(schemes), pick)]
    return "security-scheme-removed"


MUTATIONS: tuple[Mutation, ...] = (
    remove_operation,
    make_response_field_optional,
    remove_required_response_field,
    add_required_request_field,
    change_response_field_type,
    tighten_request_bound,
    tighten_map_values,
    remove_success_status,
    add_required_query_parameter,
    rename_operation_id,
    remove_request_enum_value,
    remove_webhook,
    remove_security_scheme,
)
