"""Which models a caller reads (returned by a method, or reachable from one) and which it
builds (passed as an argument, or reachable from one). A model no method mentions, such as a
webhook payload, counts as read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from larkpay_specdiff.sdk.surface import Surface

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Usage:
    """Model names that are read and that are built."""

    read: frozenset[str]
    written: frozenset[str]


def _reach(surface: Surface, roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = [name for name in roots if name in surface.models]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for attribute in surface.models[name].attributes.values():
            todo += [n for n in _NAME.findall(attribute.annotation) if n in surface.models]
    return seen


def usage_of(surface: Surface) -> Usage:
    """How each model of ``surface`` is used by its methods."""
    returned: set[str] = set()
    passed: set[str] = set()
    for method in surface.methods.values():
        returned.update(_NAME.findall(method.returns))
        for param in method.params.values():
            passed.update(_NAME.findall(param.annotation))
    written = _reach(surface, passed)
    read = _reach(surface, returned)
    unused = set(surface.models) - read - written
    return Usage(read=frozenset(read | unused), written=frozenset(written))
