"""sandbox/README.md stays true: every module, class, function, method, table and file it names
in backticks exists (the walk-throughs name each function on a request's way)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from functools import cache
from pathlib import Path
from typing import Any

import larkpay_sandbox
import pytest
import yaml
from larkpay_sandbox.storage.schema import SCHEMA

REPO = Path(__file__).resolve().parents[2]
README = REPO / "sandbox" / "README.md"
PACKAGE = Path(larkpay_sandbox.__file__).resolve().parent

#: backticked words that are not names of the code, and what they are
NOT_CODE = {
    "larkpay": "the dispatcher command",
    "openapi.yaml": "the spec file",
}


@cache
def spec_words() -> set[str]:
    """The spec's own words (schema names, their properties, event types): the README may name
    them in backticks as the API's vocabulary, not the code's."""
    spec = yaml.safe_load((REPO / "openapi.yaml").read_text(encoding="utf-8"))
    words: set[str] = set()
    for name, schema in spec["components"]["schemas"].items():
        words.add(name)
        for prop, body in schema.get("properties", {}).items():
            words.add(prop)
            if prop == "event" and "const" in body:
                words.add(body["const"])
    return words


#: instances the walk-throughs name by their usual variable, and the class of each
INSTANCES = {"outbox": "storage.outbox.Outbox", "ctx": "server.contract.Context"}


def readme_names() -> list[str]:
    """The backticked words of the README's prose (code blocks left out), calls stripped,
    without the ones that are prose rather than names (spaces, SQL words, commands)."""
    text = re.sub(r"```.*?```", "", README.read_text(encoding="utf-8"), flags=re.S)
    found: list[str] = []
    for raw in re.findall(r"`([^`]+)`", text):
        name = re.sub(r"\(.*\)$", "", raw.strip())
        if re.search(r"\s|-", name) or re.fullmatch(r"[A-Z_]+", name) or name in found:
            continue
        found.append(name)
    return found


@cache
def modules() -> dict[str, Any]:
    """Every module of the package (``__main__`` only dispatches: named, not imported)."""
    found: dict[str, Any] = {"": larkpay_sandbox}
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="larkpay_sandbox."):
        if not info.name.endswith("__main__"):
            found[info.name.removeprefix("larkpay_sandbox.")] = importlib.import_module(info.name)
    return found


def attribute_path(owner: Any, parts: list[str]) -> bool:
    """Whether ``owner.a.b...`` exists; the last part may be a dataclass field or an attribute
    that ``__init__`` sets."""
    for index, part in enumerate(parts):
        if hasattr(owner, part):
            owner = getattr(owner, part)
            continue
        last = index == len(parts) - 1
        return (
            last
            and inspect.isclass(owner)
            and (
                part in getattr(owner, "__dataclass_fields__", {})
                or f"self.{part} =" in inspect.getsource(owner)
            )
        )
    return True


def resolves(name: str) -> bool:
    if name.endswith(".py"):
        return (PACKAGE / name).is_file() or (REPO / name).is_file()
    parts = name.removeprefix("larkpay_sandbox.").split(".")
    for cut in range(len(parts), 0, -1):
        module = modules().get(".".join(parts[:cut]))
        if module is not None:
            return attribute_path(module, parts[cut:])
    if name == "__main__":
        return (PACKAGE / "__main__.py").is_file()
    if parts[0] in INSTANCES:
        return resolves(".".join([INSTANCES[parts[0]], *parts[1:]]))
    if len(parts) == 1 and re.search(rf"CREATE TABLE IF NOT EXISTS {name}\(", SCHEMA):
        return True
    owners = [vars(m)[parts[0]] for m in modules().values() if parts[0] in vars(m)]
    owners += [
        cls
        for m in modules().values()
        for cls in vars(m).values()
        if inspect.isclass(cls) and len(parts) == 1 and hasattr(cls, parts[0])
    ]
    if len(parts) == 1:
        return bool(owners)
    return any(attribute_path(owner, parts[1:]) for owner in owners)


NAMES = [name for name in readme_names() if name not in NOT_CODE and name not in spec_words()]


def test_the_readme_names_the_code_it_walks_through() -> None:
    assert len(NAMES) >= 50
    assert "server.pipeline.Pipeline.__call__" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_name_in_the_sandbox_readme_exists(name: str) -> None:
    assert resolves(name), f"sandbox/README.md names `{name}`, which the sandbox does not have"


def test_a_name_that_does_not_exist_is_caught() -> None:
    for wrong in ("server.pipeline.Pipeline.no_such_step", "Outbox.no_such", "no_such_table"):
        assert not resolves(wrong)
