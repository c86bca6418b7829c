"""The sandbox's import graph: every module imports, no cycle anywhere, layers import downward.

The graph is read from the source with ``ast``: every ``import`` and ``from ... import`` of a
module counts, those under ``if TYPE_CHECKING:`` and inside functions included.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import larkpay_sandbox
import pytest

PACKAGE = "larkpay_sandbox"
ROOT = Path(larkpay_sandbox.__file__).resolve().parent

#: What each layer may import (besides itself); sandbox/README.md draws the same picture.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "spec": {"core"},
    "storage": {"core"},
    "webhooks": {"core"},
    "server": {"core", "spec", "storage"},
    "handlers": {"core", "storage", "server"},
    "workers": {"core", "storage", "webhooks", "handlers"},
    "timeline": {"core", "storage", "workers"},
    "docs": {"core", "spec"},
    "testing": {"core"},
    "app": {"core", "spec", "storage", "server", "handlers", "workers", "timeline", "docs"},
    "serve": {"app", "core", "server"},
    "__main__": set(),
    "": set(),
}

Graph = dict[str, set[str]]


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its source."""
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


def import_graph() -> Graph:
    """Each module of the package and the modules of the package it imports."""
    found = modules()
    return {name: imported_modules(name, path, set(found)) for name, path in found.items()}


def find_cycle(graph: Graph) -> list[str] | None:
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
    """The layer of a module: its subpackage below larkpay_sandbox, or the module itself."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("name", sorted(modules()))
def test_every_sandbox_module_imports(name: str) -> None:
    importlib.import_module(name)


def test_the_sandbox_has_no_import_cycle_not_even_under_type_checking() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_layer_imports_only_the_layers_below_it() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if layer(target) != layer(name) and layer(target) not in ALLOWED[layer(name)]
    ]
    assert wrong == []


def test_every_subpackage_has_a_place_in_the_layers() -> None:
    assert {layer(name) for name in modules()} <= set(ALLOWED)


def test_find_cycle_names_a_cycle_and_accepts_a_tree() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_imported_modules_counts_type_checking_function_level_and_relative_imports(
    tmp_path: Path,
) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from larkpay_sandbox.app import Sandbox\n"
        "def f():\n"
        "    import larkpay_sandbox.core.clock\n"
        "from . import ids\n"
        "from .wakeup import Wakeup\n",
        encoding="utf-8",
    )
    known = {
        "larkpay_sandbox.app",
        "larkpay_sandbox.core.clock",
        "larkpay_sandbox.core.ids",
        "larkpay_sandbox.core.wakeup",
    }
    assert imported_modules("larkpay_sandbox.core.m", source, known) == known
