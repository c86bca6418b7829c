"""Internal ``$ref``\\ s (``#/...`` JSON pointers): the one resolver of the sandbox.

:func:`ref_target` follows one reference; :func:`follow` a chain of them, forgiving (the docs
page and the conformance suite's sandbox probe read any spec with it); :func:`resolve_refs`
inlines them all (the route table and validators use that).
"""

from __future__ import annotations

from typing import Any


def ref_target(document: Any, ref: str) -> Any:
    """The node that the internal reference ``ref`` names in ``document`` (a JSON pointer:
    object keys with ``~1``/``~0`` escapes, array indices as digits).

    Raises ValueError for a reference outside the document, LookupError when it names nothing.
    """
    if not ref.startswith("#/"):
        raise ValueError(f"only internal $refs are supported, got {ref!r}")
    node = document
    for part in ref[2:].split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            raise LookupError(f"$ref {ref!r} names nothing in the document")
    return node


MAX_REF_HOPS = 20
"""How many references in a row :func:`follow` takes before it gives up (a loop)."""


def follow(document: Any, node: Any) -> Any:
    """``node``, or the node its chain of ``$ref``\\ s ends at; a reference that names nothing
    or leaves the document gives an empty node, and a chain longer than
    :data:`MAX_REF_HOPS` stops where it is (for readers of any spec, which must not fail)."""
    for _ in range(MAX_REF_HOPS):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            break
        try:
            node = ref_target(document, node["$ref"])
        except (LookupError, ValueError):
            return {}
    return node


def resolve_refs(document: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of the document with every internal ``#/...`` $ref replaced by its target.

    Each place a reference appears gets its own copy of the target, so the result can be
    changed in one place without changing another (and the document itself is left as it is).
    """

    def walk(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, stack) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in stack:
                raise ValueError(f"recursive $ref {ref!r} is not supported")
            target = walk(ref_target(document, ref), (*stack, ref))
            siblings = {key: walk(value, stack) for key, value in node.items() if key != "$ref"}
            return {**target, **siblings} if siblings else target
        return {key: walk(value, stack) for key, value in node.items()}

    resolved = walk(document, ())
    assert isinstance(resolved, dict)
    return resolved
