"""Compiled JSON Schema (Draft 2020-12) validators for request bodies and parameter sets."""

from __future__ import annotations

import re
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.spec.fast_check import compile_check
from larkpay_sandbox.spec.patterns import as_written

MAX_DETAILS = 20
_INTEGER = re.compile(r"-?[0-9]{1,30}")


_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_URI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.\-]*://"
    rf"(?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?"
    rf"(?:\[[0-9A-Fa-f:.]+\]|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*)"
    r"(?::[0-9]*)?"
    rf"(?:/{_PCHAR}*)*"
    rf"(?:\?(?:{_PCHAR}|[/?])*)?"
    rf"(?:#(?:{_PCHAR}|[/?])*)?"
)

# Only the formats the spec uses on request fields are asserted; "uri" is RFC 3986 syntax
# (ASCII only: an IRI with non-ASCII characters is not a URI).
FORMATS = FormatChecker(formats=())


def is_uri(value: object) -> bool:
    """RFC 3986 syntax for hierarchical URIs (scheme://authority/path?query#fragment)."""
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


FORMATS.checks("uri")(is_uri)


def _describe(error: ValidationError) -> list[dict[str, str]]:
    """Turn one jsonschema error into short, value-free details (values can be megabytes)."""
    path = ".".join(str(part) for part in error.absolute_path)
    keyword = error.validator
    expected = error.validator_value
    instance = error.instance

    def at(name: str) -> str:
        return f"{path}.{name}" if path else name

    if keyword == "required" and isinstance(instance, dict):
        return [
            {"field": at(name), "message": "is required"}
            for name in expected
            if name not in instance
        ]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        extras = [
            key for key in instance if key not in known and not any(p.search(key) for p in patterns)
        ]
        if extras:
            return [
                {"field": at(str(key)[:100]), "message": "is not a known field"}
                for key in extras[:MAX_DETAILS]
            ]
        return [{"field": path or "body", "message": "has an invalid property"}]
    messages = {
        "type": f"must be of type {expected}",
        "minimum": f"must be >= {expected}",
        "maximum": f"must be <= {expected}",
        "exclusiveMinimum": f"must be > {expected}",
        "exclusiveMaximum": f"must be < {expected}",
        "minLength": f"must be at least {expected} characters long",
        "maxLength": f"must be at most {expected} characters long",
        "minItems": f"must have at least {expected} items",
        "maxItems": f"must have at most {expected} items",
        "minProperties": f"must have at least {expected} {_properties(expected)}",
        "maxProperties": f"must have at most {expected} {_properties(expected)}",
        "pattern": f"must match the pattern {as_written(str(expected))}",
        "enum": f"must be one of {', '.join(map(str, expected))}"
        if isinstance(expected, list)
        else "is not allowed",
        "const": f"must be {expected!r}",
        "format": f"must be a valid {expected}",
        "uniqueItems": "must not contain duplicates",
    }
    message = messages.get(str(keyword), f"fails the {keyword} rule")
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if keyword in ("minProperties", "maxProperties") and isinstance(described, str):
        message += f": {described.strip()}"  # the schema's own words say what to send
    return [{"field": path or "body", "message": message[:300]}]


def _properties(count: object) -> str:
    return "property" if count == 1 else "properties"


def _collect(
    validator: Draft202012Validator, instance: Any, prefix: str = ""
) -> list[dict[str, str]]:
    details: list[dict[str, str]] = []
    try:
        for error in validator.iter_errors(instance):
            for detail in _describe(error):
                detail["field"] = (prefix + detail["field"])[:300]
                details.append(detail)
            if len(details) >= MAX_DETAILS:
                break
    except RecursionError:
        details.append({"field": "body", "message": "is nested too deeply"})
    return details[:MAX_DETAILS]


def _invalid(location: str, details: list[dict[str, str]]) -> ApiError:
    fields = ", ".join(sorted({d["field"] for d in details}))
    return ApiError(
        "INVALID_REQUEST",
        f"Invalid {location} ({fields}): see details, fix them and send the request again.",
        details=details,
    )


class BodySchema:
    """The JSON request body of an operation and its compiled validator."""

    def __init__(self, schema: dict[str, Any], required: bool) -> None:
        Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.required = required
        self.validator = Draft202012Validator(schema, format_checker=FORMATS)
        # A sound shortcut for valid bodies; anything it cannot vouch for goes to the validator.
        self.quick = compile_check(schema)

    @classmethod
    def from_request_body(cls, request_body: dict[str, Any]) -> BodySchema | None:
        """Build from an OpenAPI requestBody object (application/json only)."""
        media = request_body.get("content", {}).get("application/json")
        if media is None:
            return None
        return cls(media.get("schema", {}), bool(request_body.get("required", False)))

    def validate(self, instance: Any) -> None:
        """Raise a 400 ApiError with one detail per problem."""
        if (self.quick is not None and self.quick(instance)) or self.validator.is_valid(instance):
            return
        raise _invalid(
            "body",
            _collect(self.validator, instance) or [{"field": "body", "message": "is invalid"}],
        )


class ParamSet:
    """The path, query or header parameters of an operation, coerced then validated at once."""

    def __init__(self, location: str, params: list[dict[str, Any]]) -> None:
        self.location = location
        self.schemas: dict[str, dict[str, Any]] = {p["name"]: p.get("schema", {}) for p in params}
        self.lookup = {
            name.lower() if location == "header" else name: name for name in self.schemas
        }
        self.required = [p["name"] for p in params if p.get("required")]
        self.arrays = {name for name, schema in self.schemas.items() if _types(schema) & {"array"}}
        self.empty = not params
        object_schema = {
            "type": "object",
            "properties": self.schemas,
            "required": self.required,
            "additionalProperties": location != "query",
        }
        Draft202012Validator.check_schema(object_schema)
        self.validator = Draft202012Validator(object_schema, format_checker=FORMATS)
        # The same sound shortcut as for bodies, one per parameter.
        self.quick = {name: compile_check(schema) for name, schema in self.schemas.items()}

    def _quick_valid(self, values: dict[str, Any]) -> bool:
        """A fast yes when every parameter's shortcut vouches for it; else the full validator."""
        for name in self.required:
            if name not in values:
                return False
        for name, value in values.items():
            check = self.quick.get(name)
            if check is None or not check(value):
                return False
        return True

    def parse(self, pairs: list[tuple[str, str]]) -> dict[str, Any]:
        """Coerce raw name/value pairs by schema type and validate; raise 400 on any problem."""
        values: dict[str, Any] = {}
        details: list[dict[str, str]] = []
        for raw_name, raw_value in pairs:
            name = self.lookup.get(raw_name.lower() if self.location == "header" else raw_name)
            if name is None:
                if self.location == "query":
                    details.append(
                        {"field": f"query.{raw_name[:100]}", "message": "is not a known parameter"}
                    )
                continue
            if name in self.arrays:
                values.setdefault(name, []).append(
                    _coerce(self.schemas[name].get("items", {}), raw_value)
                )
            elif name in values:
                details.append(
                    {"field": f"{self.location}.{name}", "message": "must be given once"}
                )
            else:
                values[name] = _coerce(self.schemas[name], raw_value)
        if not details and (self._quick_valid(values) or self.validator.is_valid(values)):
            return values
        details.extend(_collect(self.validator, values, f"{self.location}."))
        raise _invalid(f"{self.location} parameters", details[:MAX_DETAILS])


def _types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return set(declared)
    return set()


def _coerce(schema: dict[str, Any], raw: str) -> Any:
    types = _types(schema)
    if "integer" in types and _INTEGER.fullmatch(raw):
        return int(raw)
    if "number" in types:
        try:
            number = float(raw)
        except ValueError:
            return raw
        return number if number == number and abs(number) != float("inf") else raw
    if "boolean" in types and raw in ("true", "false"):
        return raw == "true"
    return raw
