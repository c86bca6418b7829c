"""Changes inside objects and arrays: properties (added, removed, required), undeclared fields
(``additionalProperties``, ``propertyNames``), items and ``prefixItems``. The schemas found
there are compared by the caller's ``compare``, so their own changes come back named
``Object.field``, ``Object.*`` (any other field), ``Object keys`` or ``List[]``/``List[0]``.

A property hidden in the direction compared (``readOnly`` in a request, ``writeOnly`` in what a
client reads) counts as absent on that side only: one that stops being ``readOnly`` is a field
clients must now send.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from larkpay_specdiff.loading.document import Address, child
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.shapes import Located, Shape, Shapes


class Comparer(Protocol):
    """What the object comparison needs from the schema comparer."""

    base: Shapes
    head: Shapes

    def compare(
        self, b: Located, h: Located, name: str, *, request: bool, objects: bool = True
    ) -> list[Change]:
        """Changes from ``b`` to ``h`` (``objects``: look inside objects too)."""
        ...

    def head_near(self, address: Address) -> Address:
        """The place in the head of something at ``address`` in the base (or its parent)."""
        ...

    def base_near(self, address: Address) -> Address:
        """The place in the base of something at ``address`` in the head (or its parent)."""
        ...


def _anything(shape: Shape, keyword: str) -> Located:
    """An unconstrained schema standing for an absent ``keyword`` (its own address, so that
    shapes cached per address stay apart)."""
    return child(shape.address, keyword), {}


def object_changes(cmp: Comparer, b: Shape, h: Shape, name: str, request: bool) -> Iterator[Change]:
    """Properties, then undeclared fields."""
    hidden = "read_only" if request else "write_only"
    for prop in sorted(set(b.properties) | set(h.properties)):
        path = f"{name}.{prop}" if name else prop
        in_b, in_h = b.properties.get(prop), h.properties.get(prop)
        seen_b = in_b if in_b is not None and not getattr(cmp.base.of(in_b), hidden) else None
        seen_h = in_h if in_h is not None and not getattr(cmp.head.of(in_h), hidden) else None
        if seen_b is not None and seen_h is None:
            head = in_h[0] if in_h is not None else cmp.head_near(seen_b[0])
            yield Change(_removed_kind(b, h, prop, request), seen_b[0], head, path)
        elif seen_b is None and seen_h is not None:
            kind = "added-required" if request and prop in h.required else "added"
            base = in_b[0] if in_b is not None else cmp.base_near(seen_h[0])
            yield Change(kind, base, seen_h[0], path)
        elif seen_b is not None and seen_h is not None:
            yield from _required_change(cmp, b, h, prop, path)
            yield from cmp.compare(seen_b, seen_h, path, request=request)
    yield from _undeclared(cmp, b, h, name, request)


def _removed_kind(b: Shape, h: Shape, prop: str, request: bool) -> str:
    if request:
        return "removed-rejected" if h.closed else "removed"
    return "removed" if prop in b.required else "optional-removed"


def _required_change(cmp: Comparer, b: Shape, h: Shape, prop: str, path: str) -> Iterator[Change]:
    was, now = prop in b.required, prop in h.required
    if was == now:
        return
    key = f"required:{prop}"
    if now:
        head = h.places.get(key, h.address)  # the entry in a required list
        yield Change("became-required", cmp.base_near(_parent(head)), head, path)
    else:
        base = b.places.get(key, b.address)
        yield Change("became-optional", base, cmp.head_near(_parent(base)), path)


def _parent(address: Address) -> Address:
    """The required list holding an entry."""
    return address[0], address[1][:-1]


def _undeclared(cmp: Comparer, b: Shape, h: Shape, name: str, request: bool) -> Iterator[Change]:
    """Closed (``additionalProperties: false``) to open and back; the schema of the fields
    that are not declared, and of the keys (``propertyNames``)."""
    where = "additionalProperties"
    if h.closed and not b.closed:
        yield Change("additional-forbidden", cmp.base_near(h.where(where)), h.where(where), name)
    elif b.closed and not h.closed:
        yield Change("additional-allowed", b.where(where), cmp.head_near(b.where(where)), name)
    elif b.extra is not None or h.extra is not None:
        values = f"{name}.*" if name else "*"
        b_extra, h_extra = b.extra or _anything(b, where), h.extra or _anything(h, where)
        yield from cmp.compare(b_extra, h_extra, values, request=request)
    if b.names is not None or h.names is not None:
        keys = f"{name} keys" if name else "keys"
        b_names = b.names or _anything(b, "propertyNames")
        h_names = h.names or _anything(h, "propertyNames")
        yield from cmp.compare(b_names, h_names, keys, request=request)


def array_changes(
    cmp: Comparer, b: Shape, h: Shape, name: str, request: bool, objects: bool
) -> Iterator[Change]:
    """``prefixItems`` position by position (beyond a side's prefix, its ``items`` apply),
    then ``items``."""
    for index in range(max(len(b.prefix), len(h.prefix))):
        yield from cmp.compare(
            _position(b, index), _position(h, index), f"{name}[{index}]", request=request,
            objects=objects,
        )  # fmt: skip
    if b.items is not None or h.items is not None:
        yield from cmp.compare(
            b.items or _anything(b, "items"), h.items or _anything(h, "items"), f"{name}[]",
            request=request, objects=objects,
        )  # fmt: skip


def _position(shape: Shape, index: int) -> Located:
    if index < len(shape.prefix):
        return shape.prefix[index]
    return shape.items or _anything(shape, "items")
