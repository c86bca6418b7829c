"""Internal ``$ref``\\ s (``#/...`` JSON pointers): the one resolver of the sandbox.

:func:`ref_target` follows one reference; :func:`resolve_refs` inlines them all (the route
table and validators use that); the docs page, and the conformance suite's sandbox probe,
follow them one at a time with ref_target.
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
