"""Compare two schemas in one direction: what a client writes (request) or reads (response).

A change inside a component schema is named after the component (``Payment.updated_at``) when
both sides are that component; where one side refers to a component and the other does not
(an inlined schema, a ``$ref`` with siblings such as ``nullable``), the change is named after
the referring property and located at the reference, not inside the component.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from larkpay_specdiff.loading.document import Address, Spec, near
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.keywords import keyword_changes, type_change, types_text
from larkpay_specdiff.wire.objects import array_changes, object_changes
from larkpay_specdiff.wire.shapes import Located, Shape, Shapes, canonical
from larkpay_specdiff.wire.stable import Stability

_Key = tuple[bool, bool, Address, Address, str]


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

    def head_near(self, address: Address) -> Address:
        """The place in the head of something at ``address`` in the base (or its parent)."""
        return near(address, self.base.spec, self.head.spec)

    def base_near(self, address: Address) -> Address:
        """The place in the base of something at ``address`` in the head (or its parent)."""
        return near(address, self.head.spec, self.base.spec)

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
        b_component, h_component = component_name(sb.address), component_name(sh.address)
        if not named and b_component is not None and b_component == h_component:
            name = b_component
        key = (request, objects, sb.address, sh.address, name)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:  # a recursive schema: this pair is being compared further up
            return []
        self._active.add(key)
        try:
            sites: tuple[Address | None, Address | None] = (None, None)
            if b_component != h_component:  # a reference on one side only: point at it
                sites = (b[0] if b_component else None, h[0] if h_component else None)
            changes = list(self._changes(sb, sh, name, request, objects, sites))
        finally:
            self._active.discard(key)
        self._memo[key] = changes
        return changes

    def _changes(
        self,
        b: Shape,
        h: Shape,
        name: str,
        request: bool,
        objects: bool,
        sites: tuple[Address | None, Address | None],
    ) -> Iterator[Change]:
        changed = type_change(b, h, name)
        if changed is not None:
            yield from _at_sites(iter([changed]), *sites)
            if changed.kind == "type-changed":
                return
        yield from _at_sites(keyword_changes(b, h, name, request), *sites)
        if objects:
            yield from object_changes(self, b, h, name, request)
        yield from array_changes(self, b, h, name, request, objects)
        yield from self._variant_changes(b, h, name, request, objects)

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
        return component_name(shape.address) or types_text(shape)

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


def _at_sites(
    changes: Iterator[Change], b_site: Address | None, h_site: Address | None
) -> Iterator[Change]:
    """``changes`` located at the given references instead (None: keep that side's place)."""
    for change in changes:
        yield dataclasses.replace(change, base=b_site or change.base, head=h_site or change.head)
