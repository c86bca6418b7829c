"""Parameters of one operation: removed, added, moved, required, deprecated, and their schemas."""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.loading.document import child
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.context import DiffContext
from larkpay_specdiff.wire.operations import Operation, ParameterKey
from larkpay_specdiff.wire.shapes import Located


def parameter_schema(located: Located) -> Located:
    """The schema of a parameter: ``schema``, or the one media type of ``content``."""
    (path, pointer), parameter = located
    if "schema" in parameter:
        return (path, (*pointer, "schema")), parameter["schema"]
    content = parameter.get("content")
    if isinstance(content, dict) and content:
        media, value = next(iter(content.items()))
        schema = value.get("schema", {}) if isinstance(value, dict) else {}
        return (path, (*pointer, "content", media, "schema")), schema
    return located[0], {}


def serialization(parameter: dict[str, Any]) -> str:
    """``style=form, explode=true``: how the value is written, defaults filled in (form and
    exploded in a query or cookie, simple elsewhere); empty for a ``content`` parameter."""
    if "content" in parameter and "schema" not in parameter:
        return ""
    place = parameter.get("in")
    style = str(parameter.get("style") or ("form" if place in ("query", "cookie") else "simple"))
    explode = parameter.get("explode")
    if not isinstance(explode, bool):
        explode = style == "form"
    return f"style={style}, explode={str(explode).lower()}"


def _required(parameter: dict[str, Any]) -> bool:
    return parameter.get("in") == "path" or parameter.get("required") is True


def diff_parameters(ctx: DiffContext, base: Operation, head: Operation) -> None:
    """Every parameter rule for one operation present on both sides."""
    removed = {k: v for k, v in base.parameters.items() if k not in head.parameters}
    added = {k: v for k, v in head.parameters.items() if k not in base.parameters}
    _moved(ctx, base, head, removed, added)
    for key, (name, (address, _)) in removed.items():
        change = Change("request-parameter-removed", address, ctx.head_near(address), name, key[0])
        ctx.out.add(change.kind, change, head.label, parameter=name)
    for key, (name, (address, parameter)) in added.items():
        kind = (
            "request-parameter-added-required"
            if _required(parameter)
            else ("request-parameter-added")
        )
        change = Change(kind, ctx.base_near(address), address, name, "", key[0])
        ctx.out.add(kind, change, head.label, parameter=name)
    for key in base.parameters.keys() & head.parameters.keys():
        _compare(ctx, head.label, base.parameters[key], head.parameters[key])


def _moved(
    ctx: DiffContext,
    base: Operation,
    head: Operation,
    removed: dict[ParameterKey, tuple[str, Located]],
    added: dict[ParameterKey, tuple[str, Located]],
) -> None:
    for old_key, (name, (old_address, _)) in list(removed.items()):
        for new_key, (new_name, (new_address, _)) in list(added.items()):
            if new_name.lower() == name.lower() and new_key[0] != old_key[0]:
                change = Change(
                    "request-parameter-moved",
                    old_address,
                    new_address,
                    name,
                    old_key[0],
                    new_key[0],
                )
                ctx.out.add(change.kind, change, head.label, parameter=name)
                del removed[old_key], added[new_key]
                break


def _compare(
    ctx: DiffContext, operation: str, old: tuple[str, Located], new: tuple[str, Located]
) -> None:
    (name, (b_address, b)), (new_name, (h_address, h)) = old, new
    if ctx.schemas.stability.same((b_address, b), (h_address, h)):
        return
    if name != new_name and b.get("in") == "path":
        change = Change("request-parameter-renamed", b_address, h_address, name, name, new_name)
        ctx.out.add(change.kind, change, operation, parameter=new_name)
    if _required(b) != _required(h):
        kind = (
            "request-parameter-became-required"
            if _required(h)
            else ("request-parameter-became-optional")
        )
        change = Change(
            kind,
            child(b_address, "required") if "required" in b else b_address,
            child(h_address, "required") if "required" in h else h_address,
            new_name,
        )
        ctx.out.add(kind, change, operation, parameter=new_name)
    if serialization(b) != serialization(h) and serialization(b) and serialization(h):
        keyword = "style" if b.get("style") != h.get("style") else "explode"
        change = Change(
            "request-parameter-style-changed",
            child(b_address, keyword) if keyword in b else b_address,
            child(h_address, keyword) if keyword in h else h_address,
            new_name,
            serialization(b),
            serialization(h),
        )
        ctx.out.add(change.kind, change, operation, parameter=new_name)
    if h.get("deprecated") is True and b.get("deprecated") is not True:
        change = Change("request-parameter-deprecated", b_address, h_address, new_name)
        ctx.out.add(change.kind, change, operation, parameter=new_name)
    changes = ctx.schemas.compare(
        parameter_schema((b_address, b)),
        parameter_schema((h_address, h)),
        new_name,
        request=True,
        objects=False,
        named=True,
    )
    ctx.out.schema("request-parameter", changes, operation, parameter=new_name)
