"""Python type annotations as text, read as unions: what a change of type means to code."""

from __future__ import annotations


def _split(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[("
        depth -= char in "])"
        if char == separator and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part for part in parts if part]


def union(annotation: str) -> frozenset[str]:
    """The members of an ``A | B | None`` annotation; a one-argument generic distributes over
    its union (``list[A | B]`` has the members ``list[A]`` and ``list[B]``)."""
    members: set[str] = set()
    for part in _split(annotation, "|"):
        outer, bracket, inner = part.partition("[")
        if bracket and part.endswith("]") and len(_split(inner[:-1], ",")) == 1:
            members |= {f"{outer}[{member}]" for member in union(inner[:-1])}
        else:
            members.add(part)
    return frozenset(members)


_ABSENCE = ("None", "Unset")


def relation(before: str, after: str) -> tuple[str, frozenset[str]]:
    """How a type changed: ``same``, ``absence`` (it may now be None or Unset),
    ``alternatives`` (new union members), ``narrower`` or ``changed``; and what it gained."""
    old, new = union(before), union(after)
    added, removed = new - old, old - new
    if not added and not removed:
        return "same", added
    if removed and added:
        return "changed", added
    if removed:
        return "narrower", added
    absent = any(m in _ABSENCE or m.endswith(tuple(f"[{a}]" for a in _ABSENCE)) for m in added)
    return ("absence" if absent else "alternatives"), added
