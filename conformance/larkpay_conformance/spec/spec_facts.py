"""What the spec documents, read from openapi.yaml as a plain document: each operation (method,
path, auth, body, documented statuses, example body), each link between operations, the event
types of the ``webhooks`` section and the scenario sources of the ``source`` field's table.
The rules layer drives every operation from this; the coverage report compares a run's traffic
with it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")
_SCENARIO_ROW = re.compile(r"^\|\s*`(test_[a-z_]+)`\s*\|", re.M)


@dataclass(frozen=True)
class Operation:
    """One operation of the spec."""

    operation_id: str
    method: str
    path: str
    tags: tuple[str, ...]
    requires_auth: bool
    has_body: bool
    statuses: tuple[int, ...]
    example_body: Any = None
    parameters: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Link:
    """A link of the spec: from an operation's answer to another operation."""

    source: str
    status: int
    name: str
    target: str
    parameters: Mapping[str, str]

    def label(self, operations: Mapping[str, Operation]) -> str:
        """The link as the traffic names it, ``POST /payments -> [201] GetPayment -> GET ...``."""
        source, target = operations[self.source], operations[self.target]
        return (
            f"{source.method} {source.path} -> [{self.status}] {self.name} -> "
            f"{target.method} {target.path}"
        )


def _resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (one level at a time, until none is left)."""
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _example(spec: Mapping[str, Any], body: Any) -> Any:
    media = (_resolve(spec, body) or {}).get("content", {}).get("application/json", {})
    if "example" in media:
        return media["example"]
    for example in (media.get("examples") or {}).values():
        return _resolve(spec, example).get("value")
    return None


def operations(spec: Mapping[str, Any]) -> dict[str, Operation]:
    """Every operation by operationId."""
    found: dict[str, Operation] = {}
    global_security = spec.get("security", [])
    for path, item in (spec.get("paths") or {}).items():
        for method in _METHODS:
            raw = (item or {}).get(method)
            if not isinstance(raw, Mapping):
                continue
            security = raw.get("security", global_security)
            params = [
                _resolve(spec, p) for p in [*item.get("parameters", []), *raw.get("parameters", [])]
            ]
            found[str(raw["operationId"])] = Operation(
                operation_id=str(raw["operationId"]),
                method=method.upper(),
                path=str(path),
                tags=tuple(raw.get("tags") or ()),
                requires_auth=bool(security) and all(bool(req) for req in security),
                has_body="requestBody" in raw,
                statuses=tuple(sorted(int(s) for s in raw.get("responses", {}) if s.isdigit())),
                example_body=_example(spec, raw["requestBody"]) if "requestBody" in raw else None,
                parameters=tuple(str(p.get("name")) for p in params if p.get("in") == "path"),
            )
    return found


def links(spec: Mapping[str, Any]) -> list[Link]:
    """Every link of every documented answer."""
    ids = operations(spec)
    found: list[Link] = []
    for operation in ids.values():
        raw = spec["paths"][operation.path][operation.method.lower()]
        for status, response in raw.get("responses", {}).items():
            for name, link in (_resolve(spec, response).get("links") or {}).items():
                link = _resolve(spec, link)
                if status.isdigit() and link.get("operationId") in ids:
                    found.append(
                        Link(
                            operation.operation_id,
                            int(status),
                            str(name),
                            str(link["operationId"]),
                            dict(link.get("parameters") or {}),
                        )
                    )
    return found


def path_allows(spec: Mapping[str, Any]) -> dict[str, set[str]]:
    """Each path and the methods it has."""
    return {
        str(path): {m.upper() for m in _METHODS if m in (item or {})}
        for path, item in (spec.get("paths") or {}).items()
    }


def event_types(spec: Mapping[str, Any]) -> list[str]:
    """The event types the ``webhooks`` section documents."""
    return sorted(str(name) for name in (spec.get("webhooks") or {}))


def scenario_sources(spec: Mapping[str, Any]) -> list[str]:
    """The test sources of the scenario table in the description of createPayment's source."""
    text = str(
        spec.get("components", {})
        .get("schemas", {})
        .get("CreatePaymentRequest", {})
        .get("properties", {})
        .get("source", {})
        .get("description", "")
    )
    return sorted(set(_SCENARIO_ROW.findall(text)))
