"""Unchanged parts are skipped: two nodes that are equal, and whose $refs reach only
definitions that are equal on both sides, cannot hold a change. Checking that costs one
dictionary comparison (in C); comparing them rule by rule costs a walk in Python."""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.loading.document import Spec, parse_pointer
from larkpay_specdiff.wire.shapes import Located


class Stability:
    """Decides, with caches, whether two nodes of the two sides are the same in effect."""

    def __init__(self, base: Spec, head: Spec) -> None:
        self.base, self.head = base, head
        self._refs: dict[int, frozenset[str]] = {}
        self._stable: dict[str, bool] = {}

    def same(self, b: Located, h: Located) -> bool:
        """Whether ``b`` (base) and ``h`` (head) are equal, $ref targets included."""
        (b_address, b_node), (h_address, h_node) = b, h
        if b_address[0] != self.base.root_file or h_address[0] != self.head.root_file:
            return False  # refs relative to other files: compared the long way
        if b_node != h_node:
            return False
        return all(self._stable_ref(ref) for ref in self._refs_in(b_node))

    def _refs_in(self, node: Any) -> frozenset[str]:
        if not isinstance(node, dict | list):
            return frozenset()
        known = self._refs.get(id(node))
        if known is not None:
            return known
        values = node.values() if isinstance(node, dict) else node
        found: set[str] = set()
        for value in values:
            found |= self._refs_in(value)
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            found.add(node["$ref"])
        result = self._refs[id(node)] = frozenset(found)
        return result

    def _stable_ref(self, ref: str) -> bool:
        if ref in self._stable:
            return self._stable[ref]
        if not ref.startswith("#/"):
            return False
        self._stable[ref] = True  # a cycle of refs is stable if every member is equal
        try:
            pointer = parse_pointer(ref[1:])
            b = self.base.get((self.base.root_file, pointer))
            h = self.head.get((self.head.root_file, pointer))
        except (KeyError, ValueError):
            self._stable[ref] = False
            return False
        stable = b == h and all(self._stable_ref(inner) for inner in self._refs_in(b))
        self._stable[ref] = stable
        return stable
