"""Operation-level rules: removal and deprecation (with sunset dates), operationId, tags and
security requirements."""

from __future__ import annotations

from datetime import date
from typing import Any

from larkpay_specdiff.loading.document import Address
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.context import DiffContext
from larkpay_specdiff.wire.operations import Operation


def sunset(operation: Operation) -> date | None:
    """The ``x-sunset`` date of an operation (RFC 3339 date or date-time), or None."""
    value = operation.node.get("x-sunset")
    try:
        return date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def _deprecated(operation: Operation) -> bool:
    return operation.node.get("deprecated") is True


def removed(ctx: DiffContext, base: Operation) -> None:
    """An operation of the base that the head no longer has."""
    head_address = ctx.head_near(base.address)
    if base.webhook:
        change = Change("webhook-removed", base.address, head_address, base.webhook)
        ctx.out.add(change.kind, change, base.label)
        return
    end = sunset(base)
    if not _deprecated(base):
        kind = "api-removed-without-deprecation"
    elif end is not None and end > ctx.today:
        kind = "api-removed-before-sunset"
    else:
        kind = "api-removed-after-deprecation"
    change = Change(kind, base.address, head_address, base.label, "", str(end or ""))
    ctx.out.add(kind, change, base.label, operation_id=str(base.node.get("operationId", "")))


def added(ctx: DiffContext, head: Operation) -> None:
    """An operation that only the head has."""
    kind = "webhook-added" if head.webhook else "api-added"
    change = Change(kind, ctx.base_near(head.address), head.address, head.webhook or head.label)
    ctx.out.add(kind, change, head.label, operation_id=str(head.node.get("operationId", "")))


def diff_operation(ctx: DiffContext, base: Operation, head: Operation) -> None:
    """Deprecation, operationId, tags and security of one operation on both sides."""
    _deprecation(ctx, base, head)
    if head.webhook:
        return
    _operation_id(ctx, base, head)
    _tags(ctx, base, head)
    _security(ctx, base, head)


def _deprecation(ctx: DiffContext, base: Operation, head: Operation) -> None:
    where = base.get("deprecated")[0], head.get("deprecated")[0]
    end = sunset(head)
    if _deprecated(head) and not _deprecated(base):
        kind = "api-deprecated" if end else "api-deprecated-without-sunset"
        ctx.out.add(kind, Change(kind, *where, head.label, "", str(end or "")), head.label)
    elif _deprecated(base) and not _deprecated(head):
        ctx.out.add("api-reactivated", Change("api-reactivated", *where, head.label), head.label)
    elif _deprecated(base) and _deprecated(head):
        before = sunset(base)
        if before is not None and (end is None or end < before):
            change = Change(
                "api-sunset-moved-earlier",
                base.get("x-sunset")[0],
                head.get("x-sunset")[0] if end else where[1],
                head.label,
                str(before),
                str(end or "none"),
            )
            ctx.out.add(change.kind, change, head.label)


def _operation_id(ctx: DiffContext, base: Operation, head: Operation) -> None:
    old, new = base.node.get("operationId"), head.node.get("operationId")
    if old != new:
        where = base.get("operationId")[0], head.get("operationId")[0]
        change = Change(
            "api-operation-id-changed", *where, head.label, str(old or ""), str(new or "")
        )
        ctx.out.add(change.kind, change, head.label, operation_id=str(new or ""))


def _tags(ctx: DiffContext, base: Operation, head: Operation) -> None:
    old, new = _list(base.node.get("tags")), _list(head.node.get("tags"))
    where = base.get("tags")[0], head.get("tags")[0]
    if (old[:1] or [""])[0] != (new[:1] or [""])[0]:
        first = (old[:1] or [""])[0], (new[:1] or [""])[0]
        change = Change("api-primary-tag-changed", *where, head.label, *first)
        ctx.out.add(change.kind, change, head.label, tag=first[1])
    for tag in sorted(set(old[1:]) - set(new)):
        ctx.out.add(
            "api-tag-removed", Change("api-tag-removed", *where, head.label, tag), head.label
        )
    for tag in sorted(set(new[1:]) - set(old)):
        change = Change("api-tag-added", *where, head.label, "", tag)
        ctx.out.add(change.kind, change, head.label)


def _list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


Requirement = frozenset[tuple[str, tuple[str, ...]]]


def _requirements(
    ctx: DiffContext, operation: Operation, spec_root: Any, root: str
) -> tuple[Address, set[Requirement]]:
    if "security" in operation.node:
        address, value = operation.get("security")
    else:
        address, value = (root, ("security",)), spec_root.get("security")
    if not isinstance(value, list):
        return address, {frozenset()}
    found: set[Requirement] = set()
    for item in value:
        if isinstance(item, dict):
            found.add(
                frozenset((str(k), tuple(sorted(map(str, v or [])))) for k, v in item.items())
            )
    return address, found or {frozenset()}


def _describe(requirement: Requirement) -> str:
    if not requirement:
        return "no authentication"
    parts = [
        f"{name}[{', '.join(scopes)}]" if scopes else name for name, scopes in sorted(requirement)
    ]
    return " + ".join(parts)


def _security(ctx: DiffContext, base: Operation, head: Operation) -> None:
    b_address, old = _requirements(ctx, base, ctx.base.data, ctx.base.root_file)
    h_address, new = _requirements(ctx, head, ctx.head.data, ctx.head.root_file)
    public = frozenset() in new  # anyone may call it now: nobody is locked out
    for requirement in sorted(set() if public else old - new, key=_describe):
        change = Change(
            "api-security-requirement-removed", b_address, h_address, head.label,
            _describe(requirement), "; ".join(sorted(map(_describe, new))),
        )  # fmt: skip
        ctx.out.add(change.kind, change, head.label)
    for requirement in sorted(new - old, key=_describe):
        change = Change(
            "api-security-requirement-added", b_address, h_address, head.label,
            "", _describe(requirement),
        )  # fmt: skip
        ctx.out.add(change.kind, change, head.label)
