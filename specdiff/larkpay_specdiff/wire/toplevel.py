"""Spec-wide rules: servers and security schemes."""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.loading.document import Address, Spec
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.context import DiffContext

_SCHEME_FIELDS = ("type", "scheme", "in", "name", "openIdConnectUrl")


def _servers(spec: Spec) -> dict[str, Address]:
    servers = spec.data.get("servers")
    if not isinstance(servers, list):
        return {}
    return {
        str(server["url"]).rstrip("/"): (spec.root_file, ("servers", str(index)))
        for index, server in enumerate(servers)
        if isinstance(server, dict) and "url" in server
    }


def diff_servers(ctx: DiffContext) -> None:
    """Server URLs removed (a warning: clients pointed at one must move) or added."""
    old, new = _servers(ctx.base), _servers(ctx.head)
    for url in sorted(old.keys() - new.keys()):
        address = old[url]
        ctx.out.add(
            "server-removed",
            Change(
                "server-removed", address, ctx.head_near((ctx.head.root_file, ("servers",))), url
            ),
        )
    for url in sorted(new.keys() - old.keys()):
        address = new[url]
        ctx.out.add(
            "server-added",
            Change("server-added", ctx.base_near((ctx.base.root_file, ("servers",))), address, url),
        )


def _schemes(spec: Spec) -> dict[str, tuple[Address, Any]]:
    components = spec.data.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(schemes, dict):
        return {}
    return {
        name: spec.follow((spec.root_file, ("components", "securitySchemes", name)), value)
        for name, value in schemes.items()
    }


def _how(scheme: Any) -> str:
    if not isinstance(scheme, dict):
        return ""
    parts = [f"{key}={scheme[key]}" for key in _SCHEME_FIELDS if key in scheme]
    flows = scheme.get("flows")
    if isinstance(flows, dict):
        for flow, settings in sorted(flows.items()):
            if isinstance(settings, dict):
                urls = [str(settings.get(k, "")) for k in ("authorizationUrl", "tokenUrl")]
                parts.append(f"{flow}({' '.join(u for u in urls if u)})")
    return ", ".join(parts)


def diff_security_schemes(ctx: DiffContext) -> None:
    """Security schemes removed, added, or changed in how credentials are sent."""
    old, new = _schemes(ctx.base), _schemes(ctx.head)
    for name in sorted(old.keys() - new.keys()):
        address = old[name][0]
        change = Change("security-scheme-removed", address, ctx.head_near(address), name)
        ctx.out.add(change.kind, change)
    for name in sorted(new.keys() - old.keys()):
        address = new[name][0]
        change = Change("security-scheme-added", ctx.base_near(address), address, name)
        ctx.out.add(change.kind, change)
    for name in sorted(old.keys() & new.keys()):
        before, after = _how(old[name][1]), _how(new[name][1])
        if before != after:
            change = Change(
                "security-scheme-changed", old[name][0], new[name][0], name, before, after
            )
            ctx.out.add(change.kind, change)
