"""Changes of one schema's own keywords (type, null, format, enum, pattern, bounds, multipleOf,
uniqueItems, default) between two shapes; nothing here looks inside properties or items."""

from __future__ import annotations

from collections.abc import Iterator

from larkpay_specdiff.wire.bounds import MAX_KEYWORDS, MIN_KEYWORDS, tighter
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.shapes import Shape, accepts, canonical


def types_text(shape: Shape) -> str:
    """``integer | null``, ``any`` or ``nothing``."""
    if shape.types is None:
        return "any"
    names = sorted(shape.types) + (["null"] if shape.nullable else [])
    return " | ".join(names) if names else "nothing"


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _bound(value: tuple[float, bool] | None) -> str:
    if value is None:
        return "none"
    return f"{'exclusive ' if value[1] else ''}{_number(value[0])}"


def type_change(b: Shape, h: Shape, name: str) -> Change | None:
    """``type-widened``, ``type-narrowed`` or ``type-changed``; None if the types allow the
    same (two unions: their alternatives are compared one by one)."""
    if b.types == h.types or (b.types_from_variants and h.types_from_variants):
        return None
    widened = (
        all(accepts(h.types, t) for t in b.types) if b.types is not None else (h.types is None)
    )
    narrowed = (
        all(accepts(b.types, t) for t in h.types) if h.types is not None else (b.types is None)
    )
    if widened and narrowed:
        return None
    kind = "type-widened" if widened else "type-narrowed" if narrowed else "type-changed"
    return Change(kind, b.where("type"), h.where("type"), name, types_text(b), types_text(h))


def keyword_changes(b: Shape, h: Shape, name: str, request: bool) -> Iterator[Change]:
    """Every change of the keywords besides ``type``."""
    yield from _null_change(b, h, name)
    yield from _text_change("format", b, h, name)
    yield from _enum_changes(b, h, name)
    yield from _text_change("pattern", b, h, name)
    yield from _bound_changes(b, h, name)
    yield from _multiple_of_change(b, h, name)
    if b.unique != h.unique:
        kind = "unique-items-added" if h.unique else "unique-items-removed"
        yield Change(kind, b.where("uniqueItems"), h.where("uniqueItems"), name)
    if request and b.default != h.default and (b.default or h.default):
        old, new = (canonical(s[0]) if s else "none" for s in (b.default, h.default))
        yield Change("default-changed", b.where("default"), h.where("default"), name, old, new)


def _null_change(b: Shape, h: Shape, name: str) -> Iterator[Change]:
    if b.types is None or h.types is None or b.nullable == h.nullable:
        return
    kind = "became-nullable" if h.nullable else "became-not-nullable"
    yield Change(kind, b.where_null(), h.where_null(), name, types_text(b), types_text(h))


def _text_change(keyword: str, b: Shape, h: Shape, name: str) -> Iterator[Change]:
    """``format`` or ``pattern``: added, removed or changed."""
    old, new = getattr(b, keyword), getattr(h, keyword)
    if old == new:
        return
    change = "added" if old is None else "removed" if new is None else "changed"
    yield Change(
        f"{keyword}-{change}", b.where(keyword), h.where(keyword), name, old or "", new or ""
    )


def _enum_changes(b: Shape, h: Shape, name: str) -> Iterator[Change]:
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


def _bound_changes(b: Shape, h: Shape, name: str) -> Iterator[Change]:
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


def _is_multiple(value: float, of: float) -> bool:
    ratio = value / of
    return abs(ratio - round(ratio)) < 1e-9


def _multiple_of_change(b: Shape, h: Shape, name: str) -> Iterator[Change]:
    """Narrowed: every value allowed now was allowed before (added, or a multiple of the old
    step); widened: the reverse; changed: neither."""
    old, new = b.multiple_of, h.multiple_of
    if old == new:
        return
    if new is not None and (old is None or _is_multiple(new, old)):
        kind = "multiple-of-narrowed"
    elif old is not None and (new is None or _is_multiple(old, new)):
        kind = "multiple-of-widened"
    else:
        kind = "multiple-of-changed"
    before, after = (str(_number(v)) if v is not None else "none" for v in (old, new))
    where = b.where("multipleOf"), h.where("multipleOf")
    yield Change(kind, *where, name, before, after, "multipleOf")
