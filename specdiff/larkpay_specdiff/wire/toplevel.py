"""Spec-wide rules: servers (and their variables) and security schemes."""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.loading.document import Address, Spec, child
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.context import DiffContext

_SCHEME_FIELDS = ("type", "scheme", "in", "name", "openIdConnectUrl")


def _servers(spec: Spec) -> dict[str, tuple[Address, dict[str, Any]]]:
    servers = spec.data.get("servers")
    if not isinstance(servers, list):
        return {}
    return {
        str(server["url"]).rstrip("/"): ((spec.root_file, ("servers", str(index))), server)
        for index, server in enumerate(servers)
        if isinstance(server, dict) and "url" in server
    }


def diff_servers(ctx: DiffContext) -> None:
    """Server URLs removed (a warning: clients pointed at one must move) or added; the
    variables of a URL on both sides."""
    old, new = _servers(ctx.base), _servers(ctx.head)
    for url in sorted(old.keys() - new.keys()):
        address = old[url][0]
        change = Change("server-removed", address, ctx.head_near(address), url)
        ctx.out.add(change.kind, change)
    for url in sorted(new.keys() - old.keys()):
        address = new[url][0]
        change = Change("server-added", ctx.base_near(address), address, url)
        ctx.out.add(change.kind, change)
    for url in sorted(old.keys() & new.keys()):
        _variables(ctx, url, old[url], new[url])


def _variables(
    ctx: DiffContext, url: str, old: tuple[Address, Any], new: tuple[Address, Any]
) -> None:
    """A variable's allowed values (``enum``) narrowed, or its ``default`` changed."""
    b_vars, h_vars = (_mapping(server.get("variables")) for _, server in (old, new))
    for name in sorted(b_vars.keys() & h_vars.keys()):
        b_var, h_var = _mapping(b_vars[name]), _mapping(h_vars[name])
        b_at = child(old[0], "variables", name)
        b_enum, h_enum = b_var.get("enum"), h_var.get("enum")
        if isinstance(b_enum, list):
            allowed = set(map(str, h_enum)) if isinstance(h_enum, list) else None
            removed = sorted(set(map(str, b_enum)) - allowed) if allowed is not None else []
            if removed:
                change = Change(
                    "server-variable-enum-value-removed", child(b_at, "enum"),
                    ctx.head_near(child(b_at, "enum")), f"{name} in {url}", ", ".join(removed),
                )  # fmt: skip
                ctx.out.add(change.kind, change)
        if "default" in b_var and b_var.get("default") != h_var.get("default"):
            change = Change(
                "server-variable-default-changed", child(b_at, "default"),
                ctx.head_near(child(b_at, "default")), f"{name} in {url}",
                str(b_var.get("default")), str(h_var.get("default", "none")),
            )  # fmt: skip
            ctx.out.add(change.kind, change)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


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


def _used_schemes(spec: Spec) -> set[str]:
    """Every scheme named by a security requirement, spec-wide or of an operation."""
    lists = [spec.data.get("security")]
    for section in ("paths", "webhooks"):
        for item in _mapping(spec.data.get(section)).values():
            for operation in _mapping(item).values():
                if isinstance(operation, dict):
                    lists.append(operation.get("security"))
    return {
        str(name)
        for listed in lists
        if isinstance(listed, list)
        for requirement in listed
        for name in _mapping(requirement)
    }


def diff_security_schemes(ctx: DiffContext) -> None:
    """Security schemes removed (breaking if a requirement of the base used it), added, or
    changed in how credentials are sent."""
    old, new = _schemes(ctx.base), _schemes(ctx.head)
    used = _used_schemes(ctx.base)
    for name in sorted(old.keys() - new.keys()):
        address = old[name][0]
        kind = "security-scheme-removed" if name in used else "security-scheme-unused-removed"
        ctx.out.add(kind, Change(kind, address, ctx.head_near(address), name))
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
