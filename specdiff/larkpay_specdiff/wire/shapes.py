"""A schema reduced to the facts the diff compares: $refs followed, ``allOf`` merged, null
folded in from ``type`` lists, ``nullable``, ``enum`` and ``oneOf``/``anyOf`` null branches.

``places`` says where each fact is written; an ``allOf`` member's facts keep their own places
(a property declared in ``allOf/1`` is located there, not in the first member)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from larkpay_specdiff.loading.document import Address, Spec, child
from larkpay_specdiff.wire.bounds import read_bounds, tighter

Located = tuple[Address, Any]
"""A schema node and where it is written."""

_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "$comment", "deprecated", "externalDocs"}
)


def canonical(value: Any) -> str:
    """A hashable, order-independent text of a JSON value (``True`` and ``1`` stay distinct)."""
    return json.dumps(value, sort_keys=True, default=str)


@dataclass
class Shape:
    """What a schema allows. ``types`` None means any type (null included)."""

    address: Address
    types: frozenset[str] | None = None
    nullable: bool = False
    format: str | None = None
    enum: dict[str, Any] | None = None
    pattern: str | None = None
    bounds: dict[str, tuple[float, bool]] = field(default_factory=dict)
    default: tuple[Any] | None = None
    properties: dict[str, Located] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    closed: bool = False
    extra: Located | None = None
    names: Located | None = None
    items: Located | None = None
    prefix: tuple[Located, ...] = ()
    multiple_of: float | None = None
    unique: bool = False
    variants: tuple[Located, ...] = ()
    types_from_variants: bool = False
    read_only: bool = False
    write_only: bool = False
    places: dict[str, Address] = field(default_factory=dict)

    def where(self, keyword: str) -> Address:
        """Where ``keyword`` is written for this schema (the schema itself if it is not)."""
        return self.places.get(keyword, self.address)

    def where_null(self) -> Address:
        """Where null is allowed or not: ``nullable``, a null branch, or the ``type``."""
        return self.places.get("nullable") or self.where("type")

    def allows_null(self) -> bool:
        """Whether null is a valid value."""
        return self.types is None or self.nullable


def accepts(types: frozenset[str] | None, kind: str) -> bool:
    """Whether a value of JSON type ``kind`` is allowed by ``types`` (integers are numbers)."""
    return types is None or kind in types or (kind == "integer" and "number" in types)


class Shapes:
    """Normalized schemas of one spec, computed once per address."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._cache: dict[Address, Shape] = {}

    def of(self, located: Located) -> Shape:
        """The shape of the schema at ``located`` (following $refs)."""
        address, node = self._follow(located)
        cached = self._cache.get(address)
        if cached is None:
            cached = self._cache[address] = self._build(address, node)
        return cached

    def _follow(self, located: Located) -> Located:
        address, node = located
        if isinstance(node, dict) and "$ref" in node and set(node) - _ANNOTATIONS - {"$ref"}:
            return address, node  # $ref with constraint siblings: built as an allOf below
        return self.spec.follow(address, node)

    def _build(self, address: Address, node: Any) -> Shape:
        shape = Shape(address=address)
        if node is False:
            shape.types = frozenset()
            return shape
        if not isinstance(node, dict):
            return shape
        at = partial(child, address)
        _read_own(shape, node, at)
        members: list[Shape] = []
        if "$ref" in node:
            members.append(self.of((address, {"$ref": node["$ref"]})))
        members += [self.of((at("allOf", str(i)), m)) for i, m in enumerate(_list(node, "allOf"))]
        for member in members:
            _merge(shape, member)
        if node.get("nullable") is True:  # OpenAPI 3.0 writes a nullable $ref as allOf + nullable
            shape.nullable = True
            shape.places["nullable"] = at("nullable")
        for keyword in ("oneOf", "anyOf"):
            if keyword in node:
                self._read_variants(shape, node, keyword, at)
        return shape

    def _read_variants(self, shape: Shape, node: dict[str, Any], keyword: str, at: Any) -> None:
        branches = [(at(keyword, str(i)), b) for i, b in enumerate(_list(node, keyword))]
        if not branches:
            return
        kept = [b for b in branches if not _is_null_schema(self.spec.follow(*b)[1])]
        if len(kept) < len(branches):
            shape.nullable = True
            shape.places["nullable"] = at(keyword)
            if shape.types is not None:
                shape.places.setdefault("type", at(keyword))
        if len(kept) == 1 and "type" not in node and "properties" not in node:
            nullable = shape.nullable or len(kept) < len(branches)
            _merge(shape, self.of(kept[0]), keep_null=True)
            shape.nullable = nullable
            if shape.types is not None and "type" not in shape.places:
                shape.places["type"] = at(keyword)
        elif kept:
            shape.variants = tuple(kept)
            kinds = [self.of(branch).types for branch in kept]
            if shape.types is None and all(k is not None for k in kinds):
                shape.types = frozenset().union(*(k for k in kinds if k is not None))
                shape.types_from_variants = True
                shape.places["type"] = at(keyword)


def _list(node: dict[str, Any], key: str) -> list[Any]:
    value = node.get(key)
    return value if isinstance(value, list) else []


def _is_null_schema(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("type")
    return kind == "null" or kind == ["null"] or ("const" in node and node["const"] is None)


def _read_own(shape: Shape, node: dict[str, Any], at: Any) -> None:
    kind = node.get("type")
    if isinstance(kind, str | list):
        kinds = {kind} if isinstance(kind, str) else {str(k) for k in kind}
        shape.nullable = "null" in kinds
        shape.types = frozenset(kinds - {"null"})
        shape.places["type"] = at("type")
    if node.get("nullable") is True:
        shape.nullable, shape.places["nullable"] = True, at("nullable")
    if isinstance(node.get("format"), str):
        shape.format, shape.places["format"] = node["format"], at("format")
    if "const" in node:
        _set_enum(shape, [node["const"]], at("const"))
    elif isinstance(node.get("enum"), list):
        _set_enum(shape, node["enum"], at("enum"))
    if isinstance(node.get("pattern"), str):
        shape.pattern, shape.places["pattern"] = node["pattern"], at("pattern")
    shape.bounds, bound_places = read_bounds(node, at)
    shape.places.update(bound_places)
    if "default" in node:
        shape.default, shape.places["default"] = (node["default"],), at("default")
    properties = node.get("properties")
    if isinstance(properties, dict):
        shape.properties = {name: (at("properties", name), s) for name, s in properties.items()}
        shape.places["properties"] = at("properties")
    required = node.get("required")
    if isinstance(required, list):
        shape.required = frozenset(str(name) for name in required)
        shape.places["required"] = at("required")
        for index, name in enumerate(required):
            shape.places[f"required:{name}"] = at("required", str(index))
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        value = node.get(keyword)
        if value is False:
            shape.closed, shape.places["additionalProperties"] = True, at(keyword)
        elif isinstance(value, dict) and shape.extra is None:
            shape.extra = (at(keyword), value)
            shape.places["additionalProperties"] = at(keyword)
    if isinstance(node.get("propertyNames"), dict):
        shape.names = (at("propertyNames"), node["propertyNames"])
    if "items" in node and not isinstance(node["items"], bool):
        shape.items = (at("items"), node["items"])
    prefix = node.get("prefixItems")
    if isinstance(prefix, list):
        shape.prefix = tuple((at("prefixItems", str(i)), item) for i, item in enumerate(prefix))
    value = node.get("multipleOf")
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        shape.multiple_of, shape.places["multipleOf"] = float(value), at("multipleOf")
    if node.get("uniqueItems") is True:
        shape.unique, shape.places["uniqueItems"] = True, at("uniqueItems")
    shape.read_only = node.get("readOnly") is True
    shape.write_only = node.get("writeOnly") is True


def _set_enum(shape: Shape, values: list[Any], where: Address) -> None:
    if None in values:
        shape.nullable = True
    shape.enum = {canonical(v): v for v in values if v is not None}
    shape.places["enum"] = where


def _merge(shape: Shape, member: Shape, *, keep_null: bool = False) -> None:
    """Intersect ``member`` (an allOf branch, or a lone oneOf branch) into ``shape``."""
    if member.types is not None:
        if shape.types is None:
            shape.types = member.types
            shape.nullable = shape.nullable if "type" in shape.places else member.nullable
        else:
            shape.types = _intersect(shape.types, member.types)
            shape.nullable = shape.nullable and member.nullable
        shape.places.setdefault("type", member.where("type"))
    elif keep_null:
        shape.nullable = shape.nullable or member.nullable
    for keyword in ("format", "pattern"):
        if getattr(shape, keyword) is None and getattr(member, keyword) is not None:
            setattr(shape, keyword, getattr(member, keyword))
            shape.places[keyword] = member.where(keyword)
    if member.enum is not None:
        if shape.enum is None:
            shape.enum = dict(member.enum)
        else:
            shape.enum = {k: v for k, v in shape.enum.items() if k in member.enum}
        shape.places.setdefault("enum", member.where("enum"))
    for keyword, bound in member.bounds.items():
        current = shape.bounds.get(keyword)
        if current is None or tighter(keyword, bound, current):
            shape.bounds[keyword] = bound
            shape.places[keyword] = member.where(keyword)
    if shape.default is None and member.default is not None:
        shape.default, shape.places["default"] = member.default, member.where("default")
    for name, located in member.properties.items():
        shape.properties.setdefault(name, located)
    shape.places.setdefault("properties", member.where("properties"))
    for name in member.required - shape.required:
        shape.places[f"required:{name}"] = member.where(f"required:{name}")
    shape.required |= member.required
    shape.places.setdefault("required", member.where("required"))
    if member.closed and not shape.closed:
        shape.closed, shape.places["additionalProperties"] = (
            True,
            member.where("additionalProperties"),
        )
    if shape.extra is None and member.extra is not None and not shape.closed:
        shape.extra, shape.places["additionalProperties"] = (
            member.extra,
            member.where("additionalProperties"),
        )
    for keyword in ("multipleOf", "uniqueItems", "nullable"):
        if keyword in member.places:
            shape.places.setdefault(keyword, member.where(keyword))
    shape.multiple_of = shape.multiple_of or member.multiple_of
    shape.unique = shape.unique or member.unique
    shape.names = shape.names or member.names
    shape.items = shape.items or member.items
    shape.prefix = shape.prefix or member.prefix
    shape.variants = shape.variants or member.variants
    shape.read_only = shape.read_only or member.read_only
    shape.write_only = shape.write_only or member.write_only


def _intersect(left: frozenset[str], right: frozenset[str]) -> frozenset[str]:
    both = set(left & right)
    if ("integer" in left and "number" in right) or ("integer" in right and "number" in left):
        both.add("integer")
    return frozenset(both)
