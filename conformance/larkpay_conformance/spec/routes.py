"""Which operation of openapi.yaml a request was: its operationId and path template, from its
method and URL path (for the traffic record, whatever sent the request)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_PARAMETER = re.compile(r"\{[^/{}]+\}")

#: operation and template of a request that matches no path of the spec
UNMATCHED = ("(unmatched)", "(unmatched)")


@dataclass(frozen=True)
class Route:
    """One operation: method, path template and the regex its URL paths match."""

    method: str
    template: str
    operation_id: str
    pattern: re.Pattern[str]


def _compile(template: str) -> re.Pattern[str]:
    parts = _PARAMETER.split(template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + "/?")


class Routes:
    """Every operation of a spec, matched against the paths under ``base_path`` (e.g. /v2)."""

    def __init__(self, routes: list[Route], base_path: str = "") -> None:
        # Literal segments win over parameters (/payments/search before /payments/{id}).
        self._routes = sorted(routes, key=lambda r: r.template.count("{"))
        self.base_path = base_path.rstrip("/")
        self._by_id = {route.operation_id: route for route in self._routes}

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], base_path: str = "") -> Routes:
        """The routes of an OpenAPI document (its ``paths``)."""
        routes: list[Route] = []
        for template, item in (spec.get("paths") or {}).items():
            for method, operation in (item or {}).items():
                if method not in _METHODS or not isinstance(operation, Mapping):
                    continue
                operation_id = str(operation.get("operationId") or f"{method.upper()} {template}")
                routes.append(Route(method.upper(), template, operation_id, _compile(template)))
        return cls(routes, base_path)

    def match(self, method: str, url: str) -> tuple[str, str]:
        """(operationId, path template) of a request, or :data:`UNMATCHED`."""
        path = unquote(urlsplit(url).path)
        if self.base_path and path.startswith(self.base_path):
            path = path[len(self.base_path) :]
        method = method.upper()
        for route in self._routes:
            if route.method == method and route.pattern.fullmatch(path):
                return route.operation_id, route.template
        for route in self._routes:  # the right path with a method the spec does not define
            if route.pattern.fullmatch(path):
                return f"{method} {route.template}", route.template
        return UNMATCHED

    def template_of(self, operation_id: str) -> tuple[str, str] | None:
        """(method, path template) of an operationId, if the spec has it."""
        route = self._by_id.get(operation_id)
        return (route.method, route.template) if route else None
