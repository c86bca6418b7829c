"""A fixture's ``call``: an SDK method (``payments.create``) or an operationId (``createPayment``),
found on the client, and ``${step.field}`` references in its params resolved."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from larkpay import LarkpayClient

from larkpay_devtools.trigger.fixtures import FixtureError

_REFERENCE = re.compile(r"\$\{([a-z][a-z0-9_]*)((?:\.[A-Za-z_0-9]+)*)\}")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def resources(client: LarkpayClient) -> dict[str, object]:
    """The client's resources by name (``payments``, ``sandbox``, ...)."""
    return {
        name: value
        for name, value in vars(client).items()
        if type(value).__name__.endswith("Resource") and not name.startswith("_")
    }


def method_for(client: LarkpayClient, call: str) -> Callable[..., Any]:
    """The bound SDK method a fixture's ``call`` names."""
    found = resources(client)
    if "." in call:
        resource_name, _, method_name = call.partition(".")
        resource = found.get(resource_name)
        method = getattr(resource, method_name, None) if resource is not None else None
        if method is None or method_name.startswith("_") or not callable(method):
            raise FixtureError(
                f"call {call!r}: no such SDK method; use resource.method, e.g. payments.create "
                f"(resources: {', '.join(sorted(found))})"
            )
        return method  # type: ignore[no-any-return]
    snake = _CAMEL.sub("_", call).lower()
    matches = []
    for resource_name, resource in found.items():
        words = resource_name.split("_")
        drop = {*words, words[-1].removesuffix("s")}
        short = "_".join(word for word in snake.split("_") if word not in drop)
        for candidate in {short, snake}:
            method = getattr(resource, candidate, None)
            if candidate and callable(method):
                matches.append((f"{resource_name}.{candidate}", method))
    if len(matches) != 1:
        raise FixtureError(
            f"call {call!r}: {'no' if not matches else 'more than one'} SDK method for this "
            "operationId; name it as resource.method, e.g. payments.create"
        )
    return matches[0][1]  # type: ignore[no-any-return]


def resolve(value: Any, results: Mapping[str, Any]) -> Any:
    """``value`` with every ``${step.field}`` replaced from the earlier steps' results."""
    if isinstance(value, dict):
        return {key: resolve(item, results) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, results) for item in value]
    if not isinstance(value, str):
        return value
    whole = _REFERENCE.fullmatch(value)
    if whole is not None:
        return _lookup(whole, results)
    return _REFERENCE.sub(lambda found: str(_lookup(found, results)), value)


def _lookup(found: re.Match[str], results: Mapping[str, Any]) -> Any:
    name, path = found.group(1), [part for part in found.group(2).split(".") if part]
    if name not in results:
        raise FixtureError(
            f"{found.group(0)} names {name!r}, which is not an earlier step "
            f"(earlier steps: {', '.join(results) or 'none'})"
        )
    node = results[name]
    for part in path:
        if not isinstance(node, dict) or part not in node:
            raise FixtureError(f"{found.group(0)}: the result of {name!r} has no field {part!r}")
        node = node[part]
    return node
