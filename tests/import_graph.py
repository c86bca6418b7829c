"""A package's import graph, read from its source with ``ast``, for the layer tests of the
sandbox and of the conformance package.

Every ``import`` and ``from ... import`` of a module counts, those under ``if TYPE_CHECKING:``
and inside functions included. A module's layer is its subpackage below the package ("" for a
module at the top).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

Graph = dict[str, set[str]]


def package_modules(package: str, root: Path) -> dict[str, Path]:
    """Every module of ``package`` (its folder is ``root``) by dotted name (a package by its own
    name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in known else base)
    return {target for target in targets if target in known and target != name}


def import_graph(package: str, root: Path) -> Graph:
    """Each module of the package and the modules of the package it imports."""
    found = package_modules(package, root)
    return {name: imported_modules(name, path, set(found)) for name, path in found.items()}


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph has none."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def layer(name: str) -> str:
    """The layer of a module: its subpackage below the package, or the module itself."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def wrong_directions(graph: Graph, allowed: Mapping[str, set[str]]) -> list[str]:
    """Each import into another layer than the ones its own layer may import."""
    return [
        f"{name} imports {target}"
        for name, targets in sorted(graph.items())
        for target in sorted(targets)
        if layer(target) != layer(name) and layer(target) not in allowed.get(layer(name), set())
    ]
