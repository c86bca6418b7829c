"""The conformance package's import graph: every module imports, no cycle anywhere, each
subpackage imports only the ones below it (conformance/README.md draws the same picture).

The graph is read from the source (:mod:`tests.import_graph`): every ``import`` and ``from ...
import`` of a module counts, those under ``if TYPE_CHECKING:`` and inside functions included.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import larkpay_conformance
import pytest
from larkpay_conformance.run import suite

from tests.import_graph import Graph, find_cycle, layer, package_modules, wrong_directions
from tests.import_graph import import_graph as read_import_graph

PACKAGE = "larkpay_conformance"
ROOT = Path(larkpay_conformance.__file__).resolve().parent
README = ROOT.parent / "README.md"
#: A row of the README's layout table: | `name/` | what it imports | what it holds |
ROW = re.compile(r"^\| `([a-z_]+)/` \| ([^|]+) \|", re.MULTILINE)

#: What each subpackage may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "spec": set(),
    "deployment": set(),
    "record": {"spec"},
    "checks": {"record"},
    "report": {"checks", "record", "spec"},
    "sdk": {"checks", "record", "deployment"},
    "run": {"record", "deployment"},
    "schema": {"report", "checks", "record", "run", "deployment"},
    "steps": {"sdk", "checks", "record", "run", "deployment"},
    "model": {"steps", "sdk", "checks", "record", "deployment"},
    "plugin": {"schema", "report", "checks", "record", "run", "deployment", "spec"},
    "__main__": set(),
    "": set(),
}
#: The layers' test modules and their conftest sit on top of everything.
ALLOWED["layers"] = set(ALLOWED) - {"__main__", ""}

#: Test modules of the layers: they parametrize from the configured run, so they import only
#: under their conftest (``larkpay conformance`` or ``pytest <layers folder>``).
NEEDS_A_RUN = {f"{PACKAGE}.layers.test_{name}" for name in ("schema", "stateful", "workflows")}


def modules() -> dict[str, Path]:
    """Every module of the conformance package by dotted name."""
    return package_modules(PACKAGE, ROOT)


def import_graph() -> Graph:
    """Each module of the conformance package and the modules of the package it imports."""
    return read_import_graph(PACKAGE, ROOT)


@pytest.mark.parametrize("name", sorted(set(modules()) - NEEDS_A_RUN))
def test_every_conformance_module_imports(name: str) -> None:
    importlib.import_module(name)


@pytest.mark.parametrize("name", sorted(NEEDS_A_RUN))
def test_layer_modules_that_need_a_run_import_everything_then_say_how_to_start_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(suite, "CURRENT", None)
    monkeypatch.delitem(sys.modules, name, raising=False)
    with pytest.raises(RuntimeError, match="conformance"):
        importlib.import_module(name)


def test_the_conformance_package_has_no_import_cycle_not_even_under_type_checking() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_subpackage_imports_only_the_subpackages_below_it() -> None:
    assert wrong_directions(import_graph(), ALLOWED) == []


def test_every_subpackage_has_a_place_in_the_layers() -> None:
    assert {layer(name) for name in modules()} <= set(ALLOWED)


def test_the_allowed_directions_themselves_have_no_cycle() -> None:
    assert find_cycle(ALLOWED) is None


def test_wrong_directions_names_an_upward_import_and_its_layers() -> None:
    upward = {
        f"{PACKAGE}.checks.exchange": {f"{PACKAGE}.sdk.api"},
        f"{PACKAGE}.sdk.api": {f"{PACKAGE}.checks.exchange"},
    }
    assert wrong_directions(upward, ALLOWED) == [
        f"{PACKAGE}.checks.exchange imports {PACKAGE}.sdk.api",
    ]


def test_the_readme_layout_table_allows_what_the_test_allows() -> None:
    subpackages = set(ALLOWED) - {"__main__", ""}
    drawn = {}
    for name, imports in ROW.findall(README.read_text(encoding="utf-8")):
        listed = set() if imports.strip() == "(nothing)" else set(imports.split(", "))
        drawn[name] = subpackages - {name} if imports == "every subpackage" else listed
    assert drawn == {name: ALLOWED[name] for name in subpackages}
