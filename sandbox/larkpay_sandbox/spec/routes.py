"""The spec compiled once: $refs resolved, strict patterns, the route table of operations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from larkpay_sandbox.spec.document import HTTP_METHODS, find_spec_path, read_document
from larkpay_sandbox.spec.patterns import strict_patterns
from larkpay_sandbox.spec.refs import resolve_refs
from larkpay_sandbox.spec.validators import BodySchema, ParamSet


@dataclass
class Operation:
    """One operation of the spec with its compiled validators."""

    operation_id: str
    method: str
    path: str
    requires_auth: bool
    path_params: ParamSet
    query_params: ParamSet
    header_params: ParamSet
    body: BodySchema | None


@dataclass
class PathEntry:
    """A path template, its matcher and its operations by upper-case method."""

    template: str
    regex: re.Pattern[str] | None
    operations: dict[str, Operation]
    allow: str


class Spec:
    """The parsed spec: base path, route table and lookups."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.resolved = resolve_refs(document)
        strict_patterns(self.resolved)
        self.base_path = _base_path(self.resolved)
        global_security = self.resolved.get("security", [])
        self.static: dict[str, PathEntry] = {}
        self.templated: list[PathEntry] = []
        self.operations: dict[str, Operation] = {}
        for template, item in self.resolved.get("paths", {}).items():
            entry = self._path_entry(template, item, global_security)
            if entry.regex is None:
                self.static[template] = entry
            else:
                self.templated.append(entry)

    @classmethod
    def load(cls, path: Path | None = None) -> Spec:
        """Read and compile the spec file (see :func:`find_spec_path`)."""
        return cls(read_document(path or find_spec_path()))

    def match(self, path: str) -> tuple[PathEntry, dict[str, str]] | None:
        """The path entry and raw path parameters for a path below the base path, or None."""
        entry = self.static.get(path)
        if entry is not None:
            return entry, {}
        for candidate in self.templated:
            assert candidate.regex is not None
            found = candidate.regex.match(path)
            if found is not None:
                return candidate, found.groupdict()
        return None

    def _path_entry(
        self, template: str, item: dict[str, Any], global_security: list[Any]
    ) -> PathEntry:
        shared = item.get("parameters", [])
        operations: dict[str, Operation] = {}
        for method in HTTP_METHODS:
            raw = item.get(method)
            if raw is None:
                continue
            params = {(p["name"], p["in"]): p for p in shared}
            params.update({(p["name"], p["in"]): p for p in raw.get("parameters", [])})
            by_location: dict[str, list[dict[str, Any]]] = {"path": [], "query": [], "header": []}
            for param in params.values():
                if param["in"] in by_location:
                    by_location[param["in"]].append(param)
            security = raw.get("security", global_security)
            body = raw.get("requestBody")
            operation = Operation(
                operation_id=raw["operationId"],
                method=method.upper(),
                path=template,
                requires_auth=bool(security) and all(bool(req) for req in security),
                path_params=ParamSet("path", by_location["path"]),
                query_params=ParamSet("query", by_location["query"]),
                header_params=ParamSet(
                    "header",
                    [p for p in by_location["header"] if p["name"].lower() != "authorization"],
                ),
                body=BodySchema.from_request_body(body) if body else None,
            )
            operations[method.upper()] = operation
            self.operations[operation.operation_id] = operation
        regex = None
        if "{" in template:
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            regex = re.compile("^" + pattern + "$")
        return PathEntry(template, regex, operations, ", ".join(sorted(operations)))


def _base_path(document: dict[str, Any]) -> str:
    servers = document.get("servers") or [{"url": "/v2"}]
    return str(urlparse(servers[0]["url"]).path).rstrip("/")
