"""SDK calls written out as Python source, with argument values taken from one side's spec
(examples, defaults, enums, bounds), for the migration guide's before/after examples.

Path parameters are left as variables named like the parameter (``payment_id``): the guide
says they stand for the id of an existing object.
"""

from __future__ import annotations

import json
import re
from typing import Any

from larkpay_specdiff.loading.document import Spec, child
from larkpay_specdiff.sdk.link import loose
from larkpay_specdiff.sdk.surface import Method, Param
from larkpay_specdiff.wire.operations import Operation, collect, normalized_path
from larkpay_specdiff.wire.shapes import Located

_FORMATS = {
    "date-time": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
    "email": "developer@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "uri": "https://example.com/",
}
_ANNOTATION_DEFAULTS = {"int": 1, "float": 1.0, "bool": True, "str": "example"}


def literal(value: Any) -> str:
    """Python source for a JSON value (strings in double quotes)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def variable(name: str) -> str:
    """A snake_case Python variable name for a class or field name."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return re.sub(r"\W+", "_", snake).strip("_") or "value"


class Examples:
    """Example values for the arguments of SDK methods, read from one side's spec."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._operations = {
            f"{method} {path}": op for (method, path), op in collect(spec, "paths").items()
        }

    def operation(self, method: Method) -> Operation | None:
        """The operation behind an SDK method (from the endpoint its docstring names)."""
        verb, _, path = method.endpoint.partition(" ")
        return self._operations.get(f"{verb} {normalized_path(path)}")

    def schema_of(self, method: Method, name: str) -> tuple[Located | None, Any]:
        """The schema of argument ``name`` and an example given beside it, if any."""
        operation = self.operation(method)
        if operation is None:
            return None, None
        for spec_name, (address, parameter) in operation.parameters.values():
            if loose(spec_name) == loose(name):
                schema = (child(address, "schema"), parameter.get("schema", {}))
                return schema, parameter.get("example")
        body = self.spec.follow(*operation.get("requestBody"))
        content = body[1].get("content") if isinstance(body[1], dict) else None
        media = content.get("application/json") if isinstance(content, dict) else None
        if not isinstance(media, dict):
            return None, None
        schema = self.spec.follow(
            child(body[0], "content", "application/json", "schema"), media.get("schema")
        )
        example = media.get("example")
        properties = schema[1].get("properties", {}) if isinstance(schema[1], dict) else {}
        for field, value in properties.items():
            if loose(field) == loose(name):
                given = example.get(field) if isinstance(example, dict) else None
                return (child(schema[0], "properties", field), value), given
        return None, None

    def component(self, model: str) -> Located | None:
        """The component schema a generated model class is named after."""
        components = self.spec.data.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        for name, schema in (schemas or {}).items():
            if loose(name) == loose(model):
                return self.spec.follow(
                    (self.spec.root_file, ("components", "schemas", name)), schema
                )
        return None

    def field(self, schema: Located, attribute: str) -> str:
        """Python source of an example value for one field of an object schema."""
        properties = schema[1].get("properties", {}) if isinstance(schema[1], dict) else {}
        for name, value in properties.items():
            if loose(name) == loose(attribute):
                return literal(self.example((child(schema[0], "properties", name), value)))
        return literal("example")

    def value(self, method: Method, param: Param) -> str:
        """Python source of an example value for one argument."""
        if param.kind == "positional":
            return param.name
        located, given = self.schema_of(method, param.name)
        if given is not None:
            return literal(given)
        if located is not None:
            return literal(self.example(located))
        base = param.annotation.split("|")[0].strip()
        return literal(_ANNOTATION_DEFAULTS.get(base, "example"))

    def example(self, located: Located, depth: int = 0) -> Any:
        """An example value that the schema at ``located`` accepts, as far as can be told."""
        address, node = self.spec.follow(*located)
        if not isinstance(node, dict):
            return "example"
        for key in ("const", "example", "default"):
            if key in node and node[key] is not None:
                return node[key]
        for key in ("examples", "enum"):
            values = [v for v in node.get(key) or [] if v is not None]
            if values:
                return values[0]
        for key in ("allOf", "oneOf", "anyOf"):
            for index, branch in enumerate(node.get(key) or []):
                value = self.example((child(address, key, str(index)), branch), depth + 1)
                if value is not None:
                    return value
        return self._by_type(address, node, depth)

    def _by_type(self, address: Any, node: dict[str, Any], depth: int) -> Any:
        kinds = node.get("type", "string")
        kind = next(
            (k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null"), None
        )
        if kind in ("integer", "number"):
            low = node.get("minimum", node.get("exclusiveMinimum", 0) + 1)
            return int(min(max(low, 1), node.get("maximum", max(low, 1))))
        if kind == "boolean":
            return True
        if kind == "array":
            item = self.example((child(address, "items"), node.get("items", {})), depth + 1)
            return [item] * max(1, int(node.get("minItems", 1)))
        if kind == "object":
            if depth > 3:
                return {}
            props = node.get("properties") or {}
            return {
                name: self.example((child(address, "properties", name), props[name]), depth + 1)
                for name in node.get("required") or []
                if name in props
            }
        if kind is None:
            return None
        text = _FORMATS.get(str(node.get("format")), "example")
        return text.ljust(int(node.get("minLength", 0)), "x")


def call(
    method: Method,
    examples: Examples,
    *,
    include: dict[str, str] | None = None,
    omit: set[str] | None = None,
) -> str:
    """``client.<resource>.<method>(...)`` with the required arguments and ``include``."""
    extra, skipped = dict(include or {}), omit or set()
    fields = any(p.kind == "keyword" and p.name != "body" for p in method.params.values())
    positional, keywords = [], []
    for param in method.params.values():
        if param.name in skipped or param.name in extra or (param.name == "body" and fields):
            continue
        if param.kind == "positional" and param.required:
            positional.append(examples.value(method, param))
        elif param.required:
            keywords.append(f"{param.name}={examples.value(method, param)}")
    keywords += [f"{name}={value}" for name, value in extra.items()]
    return f"{method.call}({', '.join(positional + keywords)})"
