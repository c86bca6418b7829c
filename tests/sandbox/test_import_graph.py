"""The sandbox's import graph: every module imports, no cycle anywhere, layers import downward.

The graph is read from the source (:mod:`tests.import_graph`): every ``import`` and ``from ...
import`` of a module counts, those under ``if TYPE_CHECKING:`` and inside functions included.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import larkpay_sandbox
import pytest

from tests.import_graph import (
    Graph,
    find_cycle,
    imported_modules,
    layer,
    package_modules,
    wrong_directions,
)
from tests.import_graph import import_graph as read_import_graph

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


def modules() -> dict[str, Path]:
    """Every module of the sandbox by dotted name."""
    return package_modules(PACKAGE, ROOT)


def import_graph() -> Graph:
    """Each module of the sandbox and the modules of the sandbox it imports."""
    return read_import_graph(PACKAGE, ROOT)


@pytest.mark.parametrize("name", sorted(modules()))
def test_every_sandbox_module_imports(name: str) -> None:
    importlib.import_module(name)


def test_the_sandbox_has_no_import_cycle_not_even_under_type_checking() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert wrong_directions(import_graph(), ALLOWED) == []


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
