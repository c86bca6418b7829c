"""JSON Schema patterns are ECMA-262 regexes: make Python's ``re`` read them the same way."""

from __future__ import annotations

from typing import Any


def ecma_end_anchor(pattern: str) -> str:
    """``pattern`` with a final ``$`` made to match only at the very end, as in ECMA-262.

    JSON Schema patterns are ECMA-262 regexes, where ``$`` (no m flag) matches only at the end
    of the string; Python's ``$`` also matches before a final newline, so ``"pay_x\\n"`` would
    pass ``^pay_[A-Za-z0-9]+$``. ``\\Z`` is Python's end-of-string anchor.
    """
    body = pattern[:-1]
    escapes = len(body) - len(body.rstrip("\\"))
    if pattern.endswith("$") and escapes % 2 == 0:
        return body + "\\Z"
    return pattern


def strict_patterns(node: Any, seen: set[int] | None = None) -> None:
    """Rewrite, in place, every schema ``pattern`` under ``node`` with :func:`ecma_end_anchor`."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, list):
        for item in node:
            strict_patterns(item, seen)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                node[key] = ecma_end_anchor(value)
            else:
                strict_patterns(value, seen)


def as_written(pattern: str) -> str:
    """A pattern as the spec writes it: the inverse of :func:`ecma_end_anchor`."""
    return pattern.removesuffix("\\Z") + "$" if pattern.endswith("\\Z") else pattern
