"""A fast "definitely valid" check for the JSON Schema subset of the spec's requests.

``compile_check(schema)`` turns a schema into a plain Python predicate, or returns None when the
schema uses any keyword outside the subset below. The predicate is *sound*: when it says True,
the full Draft 2020-12 validator says valid too. It may say False for a valid instance (e.g. an
integer written as ``1.0``); the caller then asks the full validator, which also words the
errors. So validation stays complete while the common valid request (its body and its
parameters) skips jsonschema's generic machinery.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Keywords with no effect on validity (annotations).
_ANNOTATIONS = frozenset(
    {"description", "examples", "example", "title", "default", "deprecated", "$comment"}
)
_OBJECT_KEYWORDS = frozenset(
    {
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
    }
)
_ARRAY_KEYWORDS = frozenset({"items", "minItems", "maxItems", "uniqueItems"})
_SUPPORTED = (
    _ANNOTATIONS
    | _OBJECT_KEYWORDS
    | _ARRAY_KEYWORDS
    | {"type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern"}
)
# Exact Python types that certainly satisfy each JSON type (bool is not an integer).
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "object": (dict,),
    "array": (list,),
}


class _UnsupportedError(Exception):
    pass


def compile_check(schema: Any) -> Check | None:
    """A sound fast validity predicate for ``schema``, or None if it uses other keywords."""
    try:
        return _compile(schema)
    except _UnsupportedError:
        return None


def _always(_: Any) -> bool:
    return True


def _compile(schema: Any) -> Check:
    if schema is True or schema == {}:
        return _always
    if not isinstance(schema, dict) or not set(schema) <= _SUPPORTED:
        raise _UnsupportedError
    checks: list[Check] = []
    if "type" in schema:
        checks.append(_type_check(schema["type"]))
    if "enum" in schema:
        values = schema["enum"]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise _UnsupportedError
        allowed = frozenset(values)
        checks.append(lambda v: type(v) is str and v in allowed)
    checks.extend(_number_checks(schema))
    checks.extend(_string_checks(schema))
    checks.extend(_object_checks(schema))
    checks.extend(_array_checks(schema))
    return _all(checks)


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    return lambda v: all(check(v) for check in checks)


def _type_check(declared: Any) -> Check:
    names = [declared] if isinstance(declared, str) else declared
    if not isinstance(names, list) or not all(name in _TYPES for name in names):
        raise _UnsupportedError
    exact = frozenset(t for name in names for t in _TYPES[name])
    return lambda v: type(v) in exact


def _number_checks(schema: dict[str, Any]) -> list[Check]:
    low = schema.get("minimum", float("-inf"))
    high = schema.get("maximum", float("inf"))
    if type(low) not in (int, float) or type(high) not in (int, float):
        raise _UnsupportedError
    if "minimum" not in schema and "maximum" not in schema:
        return []
    return [lambda v: type(v) not in (int, float) or low <= v <= high]


def _string_checks(schema: dict[str, Any]) -> list[Check]:
    low = schema.get("minLength", 0)
    high = schema.get("maxLength")
    if type(low) is not int or (high is not None and type(high) is not int):
        raise _UnsupportedError
    top = high if high is not None else 1 << 62
    bounded = bool(low) or high is not None
    if "pattern" not in schema:
        return [lambda v: type(v) is not str or low <= len(v) <= top] if bounded else []
    search = re.compile(schema["pattern"]).search
    return [lambda v: type(v) is not str or (low <= len(v) <= top and search(v) is not None)]


def _object_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    extra = schema.get("additionalProperties", True)
    extra_check = None if extra is False else _compile(extra)
    names = _compile(schema.get("propertyNames", True))
    low = schema.get("minProperties", 0)
    high = schema.get("maxProperties", 1 << 62)

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return True
        if not low <= len(value) <= high:
            return False
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            if not names(name):
                return False
            known = properties.get(name)
            if known is not None:
                if not known(item):
                    return False
            elif extra_check is None or not extra_check(item):
                return False
        return True

    if _OBJECT_KEYWORDS & set(schema):
        checks.append(check)
    return checks


def _array_checks(schema: dict[str, Any]) -> list[Check]:
    if not _ARRAY_KEYWORDS & set(schema):
        return []
    items = _compile(schema.get("items", True))
    low = schema.get("minItems", 0)
    high = schema.get("maxItems", 1 << 62)
    unique = schema.get("uniqueItems", False) is True

    def check(value: Any) -> bool:
        if type(value) is not list:
            return True
        if unique and not (
            all(type(item) is str for item in value) and len(set(value)) == len(value)
        ):
            return False  # only lists of strings are checked here; the full validator decides
        return low <= len(value) <= high and all(items(item) for item in value)

    return [check]
