"""Compare two schemas in one direction: what a client writes (request) or reads (response)."""

from __future__ import annotations

from collections.abc import Iterator

from larkpay_specdiff.loading.document import Address, Spec
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.shapes import (
    MAX_KEYWORDS,
    MIN_KEYWORDS,
    Located,
    Shape,
    Shapes,
    accepts,
    canonical,
    tighter,
)
from larkpay_specdiff.wire.stable import Stability

_Key = tuple[bool, bool, Address, Address, str]


def _types(shape: Shape) -> str:
    if shape.types is None:
        return "any"
    names = sorted(shape.types) + (["null"] if shape.nullable else [])
    return " | ".join(names) if names else "nothing"


def _bound(value: tuple[float, bool] | None) -> str:
    if value is None:
        return "none"
    number = int(value[0]) if value[0].is_integer() else value[0]
    return f"{'exclusive ' if value[1] else ''}{number}"


def component_name(address: Address) -> str | None:
    """``Payment`` for ``#/components/schemas/Payment``; None elsewhere."""
    pointer = address[1]
    if len(pointer) == 3 and pointer[:2] == ("components", "schemas"):
        return pointer[2]
    return None


class SchemaComparer:
    """Compares schemas of two specs; results are cached per pair of definitions."""

    def __init__(self, base: Spec, head: Spec) -> None:
        self.base, self.head = Shapes(base), Shapes(head)
        self.stability = Stability(base, head)
        self._memo: dict[_Key, list[Change]] = {}
        self._active: set[_Key] = set()

    def compare(
        self,
        b: Located,
        h: Located,
        name: str,
        *,
        request: bool,
        objects: bool = True,
        named: bool = False,
    ) -> list[Change]:
        """Changes from ``b`` to ``h``; ``request`` says the client writes this data. Changes
        inside a component schema are named after it unless ``named`` keeps ``name``."""
        if self.stability.same(b, h):
            return []
        sb, sh = self.base.of(b), self.head.of(h)
        if not named:
            name = component_name(sb.address) or component_name(sh.address) or name
        key = (request, objects, sb.address, sh.address, name)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:  # a recursive schema: this pair is being compared further up
            return []
        self._active.add(key)
        try:
            changes = list(self._changes(sb, sh, name, request, objects))
        finally:
            self._active.discard(key)
        self._memo[key] = changes
        return changes

    def _changes(
        self, b: Shape, h: Shape, name: str, request: bool, objects: bool
    ) -> Iterator[Change]:
        type_change = self._type_change(b, h, name)
        if type_change is not None:
            yield type_change
            if type_change.kind == "type-changed":
                return
        yield from self._null_change(b, h, name)
        yield from self._text_change("format", b, h, name)
        yield from self._enum_changes(b, h, name)
        yield from self._text_change("pattern", b, h, name)
        yield from self._bound_changes(b, h, name)
        if request and b.default != h.default and (b.default or h.default):
            old, new = (canonical(s[0]) if s else "none" for s in (b.default, h.default))
            yield Change("default-changed", b.where("default"), h.where("default"), name, old, new)
        if objects:
            yield from self._object_changes(b, h, name, request)
        if b.items is not None and h.items is not None:
            yield from self.compare(b.items, h.items, f"{name}[]", request=request, objects=objects)
        yield from self._variant_changes(b, h, name, request, objects)

    def _type_change(self, b: Shape, h: Shape, name: str) -> Change | None:
        if b.types == h.types or (b.types_from_variants and h.types_from_variants):
            return None  # two unions: their alternatives are compared one by one
        widened = (
            all(accepts(h.types, t) for t in b.types) if b.types is not None else (h.types is None)
        )
        narrowed = (
            all(accepts(b.types, t) for t in h.types) if h.types is not None else (b.types is None)
        )
        if widened and narrowed:
            return None
        kind = "type-widened" if widened else "type-narrowed" if narrowed else "type-changed"
        return Change(kind, b.where("type"), h.where("type"), name, _types(b), _types(h))

    def _null_change(self, b: Shape, h: Shape, name: str) -> Iterator[Change]:
        if b.types is None or h.types is None or b.nullable == h.nullable:
            return
        kind = "became-nullable" if h.nullable else "became-not-nullable"
        yield Change(kind, b.where("type"), h.where("type"), name, _types(b), _types(h))

    def _text_change(self, keyword: str, b: Shape, h: Shape, name: str) -> Iterator[Change]:
        """``format`` or ``pattern``: added, removed or changed."""
        old, new = getattr(b, keyword), getattr(h, keyword)
        if old == new:
            return
        change = "added" if old is None else "removed" if new is None else "changed"
        yield Change(
            f"{keyword}-{change}", b.where(keyword), h.where(keyword), name, old or "", new or ""
        )

    def _enum_changes(self, b: Shape, h: Shape, name: str) -> Iterator[Change]:
        if b.enum is None and h.enum is None:
            return
        where = b.where("enum"), h.where("enum")
        if b.enum is None or h.enum is None:
            kind = "enum-added" if b.enum is None else "enum-removed"
            listed = h.enum if b.enum is None else b.enum
            yield Change(kind, *where, name, "", ", ".join(sorted(listed or {})))
            return
        removed = sorted(set(b.enum) - set(h.enum))
        added = sorted(set(h.enum) - set(b.enum))
        if removed:
            yield Change("enum-value-removed", *where, name, ", ".join(removed))
        if added:
            yield Change("enum-value-added", *where, name, "", ", ".join(added))

    def _bound_changes(self, b: Shape, h: Shape, name: str) -> Iterator[Change]:
        for keyword in (*MAX_KEYWORDS, *MIN_KEYWORDS):
            old, new = b.bounds.get(keyword), h.bounds.get(keyword)
            if old == new:
                continue
            family = "max" if keyword in MAX_KEYWORDS else "min"
            narrower = old is None or (new is not None and tighter(keyword, new, old))
            if family == "max":
                kind = "max-decreased" if narrower else "max-increased"
            else:
                kind = "min-increased" if narrower else "min-decreased"
            yield Change(
                kind, b.where(keyword), h.where(keyword), name, _bound(old), _bound(new), keyword
            )

    def _object_changes(self, b: Shape, h: Shape, name: str, request: bool) -> Iterator[Change]:
        hidden = "read_only" if request else "write_only"
        for prop in sorted(set(b.properties) | set(h.properties)):
            path = f"{name}.{prop}" if name else prop
            in_b, in_h = b.properties.get(prop), h.properties.get(prop)
            if in_b is not None and getattr(self.base.of(in_b), hidden):
                continue
            if in_h is not None and getattr(self.head.of(in_h), hidden):
                continue
            if in_h is None and in_b is not None:
                yield self._removed(b, h, prop, path, in_b, request)
            elif in_b is None and in_h is not None:
                required = prop in h.required
                kind = "added-required" if request and required else "added"
                yield Change(kind, b.where("properties"), in_h[0], path)
            elif in_b is not None and in_h is not None:
                yield from self._required_change(b, h, prop, path, request)
                yield from self.compare(in_b, in_h, path, request=request)
        if request and h.closed and not b.closed:
            yield Change(
                "additional-forbidden", b.address, h.where("additionalProperties"), name or ""
            )

    def _removed(
        self, b: Shape, h: Shape, prop: str, path: str, in_b: Located, request: bool
    ) -> Change:
        if request:
            kind = "removed-rejected" if h.closed else "removed"
        else:
            kind = "removed" if prop in b.required else "optional-removed"
        return Change(kind, in_b[0], h.where("properties"), path)

    def _required_change(
        self, b: Shape, h: Shape, prop: str, path: str, request: bool
    ) -> Iterator[Change]:
        was, now = prop in b.required, prop in h.required
        if was == now:
            return
        kind = "became-required" if now else "became-optional"
        key = f"required:{prop}"
        yield Change(
            kind,
            b.places.get(key) or b.where("required"),
            h.places.get(key) or h.where("required"),
            path,
        )

    def _variant_changes(
        self, b: Shape, h: Shape, name: str, request: bool, objects: bool
    ) -> Iterator[Change]:
        if not b.variants or not h.variants:
            return  # a schema that became a union (or stopped being one): its type change says it
        pairs, lost, gained = self._match_variants(list(b.variants), list(h.variants))
        for left, right in pairs:
            yield from self.compare(left, right, name, request=request, objects=objects)
        for located in lost:
            yield Change("variant-removed", located[0], h.address, name, self._label(located, True))
        for located in gained:
            yield Change(
                "variant-added", b.address, located[0], name, "", self._label(located, False)
            )

    def _label(self, located: Located, base: bool) -> str:
        shapes = self.base if base else self.head
        shape = shapes.of(located)
        return component_name(shape.address) or _types(shape)

    def _match_variants(
        self, old: list[Located], new: list[Located]
    ) -> tuple[list[tuple[Located, Located]], list[Located], list[Located]]:
        """Pair alternatives by component name, then by shape (types, fields and constant
        fields such as a discriminator); unnamed leftovers pair by position."""
        pairs: list[tuple[Located, Located]] = []
        lost, gained = list(old), list(new)
        for key in (self._name_key, self._shape_key):
            wanted: dict[str, Located] = {}
            for located in gained:
                wanted.setdefault(key(located, self.head), located)
            for located in list(lost):
                match = wanted.pop(key(located, self.base), None)
                if match is not None and match in gained:
                    pairs.append((located, match))
                    lost.remove(located)
                    gained.remove(match)
        while (
            lost
            and gained
            and not (
                component_name(self.base.of(lost[0]).address)
                or component_name(self.head.of(gained[0]).address)
            )
        ):
            pairs.append((lost.pop(0), gained.pop(0)))
        return pairs, lost, gained

    @staticmethod
    def _name_key(located: Located, shapes: Shapes) -> str:
        return component_name(shapes.of(located).address) or f"unnamed:{id(located)}"

    @staticmethod
    def _shape_key(located: Located, shapes: Shapes) -> str:
        shape = shapes.of(located)
        constants = sorted(
            (name, sorted(inner.enum))
            for name, prop in shape.properties.items()
            if (inner := shapes.of(prop)).enum is not None and len(inner.enum) == 1
        )
        return canonical([*_signature(shape), constants])


def _signature(shape: Shape) -> list[object]:
    consts = sorted(shape.enum or {})
    return [sorted(shape.types or []), consts, sorted(shape.properties), sorted(shape.required)]
