"""The shape a spec must have before it is diffed: ``paths`` a mapping of path items, each
operation a mapping, lists where OpenAPI has lists. A malformed side is refused with the place
and what was expected, instead of being diffed as if its broken parts were empty.

Only the structure the diff walks is checked; openapi-spec-validator checks everything else.
"""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.loading.document import Address, Spec, child

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_ROOT = {"paths": dict, "webhooks": dict, "components": dict, "servers": list, "security": list,
         "tags": list}  # fmt: skip
_COMPONENTS = ("schemas", "parameters", "responses", "requestBodies", "headers", "securitySchemes")
_OPERATION = {"parameters": list, "responses": dict, "tags": list, "security": list,
              "requestBody": dict}  # fmt: skip
_NAMES: dict[type, str] = {dict: "a mapping", list: "a list"}


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict | list):
        return _NAMES[type(value)]
    if isinstance(value, bool):
        return "a boolean"
    return "a string" if isinstance(value, str) else "a number"


def _expect(spec: Spec, address: Address, value: Any, wanted: type) -> None:
    if not isinstance(value, wanted):
        field = address[1][-1] if address[1] else "the document"
        raise SpecInputError(
            f"{spec.describe(address)}: `{field}` must be {_NAMES[wanted]}, not {_kind(value)}; "
            "fix the spec (openapi-spec-validator lists every problem)."
        )


def check_structure(spec: Spec) -> None:
    """Raise ``SpecInputError`` naming the first place whose shape is wrong."""
    root = (spec.root_file, ())
    for key, wanted in _ROOT.items():
        if key in spec.data:
            _expect(spec, child(root, key), spec.data[key], wanted)
    components = spec.data.get("components") or {}
    for key in _COMPONENTS:
        if key in components:
            _expect(spec, child(root, "components", key), components[key], dict)
    for section in ("paths", "webhooks"):
        for name, raw in (spec.data.get(section) or {}).items():
            address, item = spec.follow(child(root, section, str(name)), raw)
            _expect(spec, address, item, dict)
            if "parameters" in item:
                _expect(spec, child(address, "parameters"), item["parameters"], list)
            for method in HTTP_METHODS:
                if method in item:
                    _operation(spec, child(address, method), item[method])


def _operation(spec: Spec, address: Address, operation: Any) -> None:
    _expect(spec, address, operation, dict)
    for key, wanted in _OPERATION.items():
        if key in operation:
            located = spec.follow(child(address, key), operation[key])
            _expect(spec, *located, wanted)
