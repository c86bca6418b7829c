"""The operations of a spec (paths and webhooks), matched across the two sides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from larkpay_specdiff.loading.document import Address, Spec
from larkpay_specdiff.wire.shapes import Located

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE = re.compile(r"\{([^}/]*)\}")

ParameterKey = tuple[str, str]
"""(location, name): header names lowercased; a path parameter by its position in the path."""


@dataclass
class Operation:
    """One operation (or webhook operation) with its path-level parameters merged in."""

    label: str
    path: str
    method: str
    address: Address
    node: dict[str, Any]
    webhook: str | None = None
    parameters: dict[ParameterKey, tuple[str, Located]] = field(default_factory=dict)

    def get(self, key: str) -> Located:
        """A field of the operation object, with its address."""
        return (self.address[0], (*self.address[1], key)), self.node.get(key)


def normalized_path(path: str) -> str:
    """The path with parameter names erased: ``/payments/{id}`` and ``/payments/{pid}`` match."""
    return _TEMPLATE.sub("{}", path)


def collect(spec: Spec, section: str) -> dict[tuple[str, str], Operation]:
    """Every operation of ``paths`` or ``webhooks``, keyed by (METHOD, normalized path/name)."""
    items = spec.data.get(section)
    found: dict[tuple[str, str], Operation] = {}
    if not isinstance(items, dict):
        return found
    for name, raw in items.items():
        address, item = spec.follow((spec.root_file, (section, name)), raw)
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            node = item.get(method)
            if not isinstance(node, dict):
                continue
            webhook = name if section == "webhooks" else None
            label = f"webhook {name}" if webhook else f"{method.upper()} {name}"
            op_address = (address[0], (*address[1], method))
            operation = Operation(label, name, method, op_address, node, webhook)
            _merge_parameters(spec, operation, (address, item))
            key = (method.upper(), name if webhook else normalized_path(name))
            found[key] = operation
    return found


def _merge_parameters(spec: Spec, operation: Operation, path_item: Located) -> None:
    names = _TEMPLATE.findall(operation.path)
    for owner_address, owner in (path_item, (operation.address, operation.node)):
        listed = owner.get("parameters")
        if not isinstance(listed, list):
            continue
        for index, raw in enumerate(listed):
            where = (owner_address[0], (*owner_address[1], "parameters", str(index)))
            address, parameter = spec.follow(where, raw)
            if not isinstance(parameter, dict) or "name" not in parameter:
                continue
            place, name = str(parameter.get("in", "")), str(parameter["name"])
            key = _key(place, name, names)
            operation.parameters[key] = (name, (address, parameter))


def _key(place: str, name: str, template_names: list[str]) -> ParameterKey:
    if place == "path" and name in template_names:
        return place, f"#{template_names.index(name)}"
    return place, name.lower() if place == "header" else name


def success(status: str) -> bool:
    """Whether a response key is a success status (``2xx``, ``2XX``)."""
    return status.startswith("2")
