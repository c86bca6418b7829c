"""Request bodies, responses (statuses, media types, headers) and webhook payloads."""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.loading.document import Address, child
from larkpay_specdiff.wire.changes import Change
from larkpay_specdiff.wire.context import DiffContext
from larkpay_specdiff.wire.operations import Operation, success
from larkpay_specdiff.wire.shapes import Located


def _child(located: Located, key: str) -> Located:
    (path, pointer), node = located
    value = node.get(key) if isinstance(node, dict) else None
    return (path, (*pointer, key)), value


def _media(content: Any) -> dict[str, str]:
    """Media type (lowercased, parameters dropped) -> the key as written."""
    if not isinstance(content, dict):
        return {}
    return {key.split(";")[0].strip().lower(): key for key in content}


def _schema(located: Located, key: str) -> Located:
    media = _child(_child(located, "content"), key)
    schema = _child(media, "schema")
    return schema if schema[1] is not None else (media[0], {})


def diff_request_body(ctx: DiffContext, base: Operation, head: Operation) -> None:
    """Request body rules for one operation (client writes); for a webhook the body is the
    payload its receiver reads."""
    b, h = base.get("requestBody"), head.get("requestBody")
    if (b[1] is None and h[1] is None) or ctx.schemas.stability.same(b, h):
        return
    label, webhook = head.label, head.webhook is not None
    if h[1] is None:
        kind = "webhook-body-removed" if webhook else "request-body-removed"
        ctx.out.add(kind, Change(kind, b[0], ctx.head_near(b[0]), head.webhook or ""), label)
        return
    h = ctx.head.follow(*h)
    if b[1] is None:
        required = isinstance(h[1], dict) and h[1].get("required") is True
        kind = "request-body-added-required" if required else "request-body-added"
        kind = "webhook-body-added" if webhook else kind
        ctx.out.add(kind, Change(kind, ctx.base_near(h[0]), h[0], head.webhook or ""), label)
        return
    b = ctx.base.follow(*b)
    if not webhook:
        _required_flag(ctx, b, h, label)
    _contents(ctx, b, h, label, webhook=webhook)


def _required_flag(ctx: DiffContext, b: Located, h: Located, label: str) -> None:
    was, now = (isinstance(x[1], dict) and x[1].get("required") is True for x in (b, h))
    if was != now:
        kind = "request-body-became-required" if now else "request-body-became-optional"
        ctx.out.add(
            kind, Change(kind, _child(b, "required")[0], _child(h, "required")[0], ""), label
        )


def _contents(ctx: DiffContext, b: Located, h: Located, label: str, *, webhook: bool) -> None:
    old, new = _media(_child(b, "content")[1]), _media(_child(h, "content")[1])
    prefix = "webhook" if webhook else "request-body"
    for media in sorted(old.keys() - new.keys()):
        address = _child(_child(b, "content"), old[media])[0]
        change = Change(f"{prefix}-media-type-removed", address, ctx.head_near(address), media)
        ctx.out.add(change.kind, change, label, media=media)
    for media in sorted(new.keys() - old.keys()):
        address = _child(_child(h, "content"), new[media])[0]
        change = Change(f"{prefix}-media-type-added", ctx.base_near(address), address, media)
        ctx.out.add(change.kind, change, label, media=media)
    context = "webhook-property" if webhook else "request-property"
    for media in sorted(old.keys() & new.keys()):
        changes = ctx.schemas.compare(
            _schema(b, old[media]), _schema(h, new[media]), "", request=not webhook
        )
        ctx.out.schema(context, changes, label)


def _range(status: str) -> str:
    """``2XX`` for ``201``: the range key that covers a status."""
    return status[:1] + "XX"


def _matched(
    old: dict[str, Any], new: dict[str, Any]
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Pairs of response keys to compare, then the keys removed and added. A status whose
    range (``2XX``) the other side lists instead is paired with that range."""
    old_ranges = {_range(k).upper(): k for k in old if k.upper().endswith("XX")}
    new_ranges = {_range(k).upper(): k for k in new if k.upper().endswith("XX")}
    pairs = [(k, k) for k in sorted(old.keys() & new.keys())]
    covered_old: set[str] = set()
    covered_new: set[str] = set()
    for status in sorted(old.keys() - new.keys()):
        cover = new_ranges.get(_range(status).upper())
        if cover is not None:
            pairs.append((status, cover))
            covered_old.add(status)
            covered_new.add(cover)
    for status in sorted(new.keys() - old.keys() - covered_new):
        cover = old_ranges.get(_range(status).upper())
        if cover is not None:
            pairs.append((cover, status))
            covered_old.add(cover)
            covered_new.add(status)
    removed = sorted(old.keys() - new.keys() - covered_old)
    added = sorted(new.keys() - old.keys() - covered_new)
    return pairs, removed, added


def diff_responses(ctx: DiffContext, base: Operation, head: Operation) -> None:
    """Response rules for one operation: statuses, media types, headers, bodies."""
    b, h = base.get("responses"), head.get("responses")
    old = {str(k): k for k in b[1]} if isinstance(b[1], dict) else {}
    new = {str(k): k for k in h[1]} if isinstance(h[1], dict) else {}
    label = head.label
    pairs, removed, added = _matched(old, new)
    for status in removed:
        kind = (
            "response-success-status-removed"
            if success(status)
            else "response-error-status-removed"
        )
        address = _child(b, old[status])[0]
        ctx.out.add(kind, Change(kind, address, ctx.head_near(address), status), label)
    for status in added:
        kind = "response-success-status-added" if success(status) else "response-error-status-added"
        address = _child(h, new[status])[0]
        ctx.out.add(kind, Change(kind, ctx.base_near(address), address, status), label)
    if head.webhook:
        return
    for old_status, new_status in pairs:
        b_response, h_response = _child(b, old[old_status]), _child(h, new[new_status])
        if ctx.schemas.stability.same(b_response, h_response):
            continue
        rb = ctx.base.follow(*b_response)
        rh = ctx.head.follow(*h_response)
        _headers(ctx, rb, rh, label, new_status)
        _response_content(ctx, rb, rh, label, new_status)


def _response_content(ctx: DiffContext, b: Located, h: Located, label: str, status: str) -> None:
    old, new = _media(_child(b, "content")[1]), _media(_child(h, "content")[1])
    if success(status):
        for media in sorted(old.keys() - new.keys()):
            address = _child(_child(b, "content"), old[media])[0]
            change = Change("response-media-type-removed", address, ctx.head_near(address), media)
            ctx.out.add(change.kind, change, label, media=media, status=status)
        for media in sorted(new.keys() - old.keys()):
            address = _child(_child(h, "content"), new[media])[0]
            change = Change("response-media-type-added", ctx.base_near(address), address, media)
            ctx.out.add(change.kind, change, label, media=media, status=status)
    for media in sorted(old.keys() & new.keys()):
        changes = ctx.schemas.compare(
            _schema(b, old[media]), _schema(h, new[media]), "", request=False
        )
        ctx.out.schema("response-property", changes, label, error=not success(status))


def _headers(ctx: DiffContext, b: Located, h: Located, label: str, status: str) -> None:
    old = _named(_child(b, "headers"))
    new = _named(_child(h, "headers"))
    for key in sorted(old.keys() - new.keys()):
        name, address, header = old[key]
        header = ctx.base.follow(address, header)[1]
        required = isinstance(header, dict) and header.get("required") is True
        kind = "response-required-header-removed" if required else "response-header-removed"
        ctx.out.add(kind, Change(kind, address, ctx.head_near(address), name), label, status=status)
    for key in sorted(new.keys() - old.keys()):
        name, address, _ = new[key]
        change = Change("response-header-added", ctx.base_near(address), address, name)
        ctx.out.add(change.kind, change, label, status=status)
    for key in sorted(old.keys() & new.keys()):
        name, b_address, b_header = old[key]
        _, h_address, h_header = new[key]
        rb = ctx.base.follow(b_address, b_header)
        rh = ctx.head.follow(h_address, h_header)
        if _is_required(rb[1]) and not _is_required(rh[1]):
            where = (
                child(rb[0], "required"),
                _child(rh, "required")[0] if "required" in rh[1] else rh[0],
            )
            change = Change("response-header-became-optional", *where, name)
            ctx.out.add(change.kind, change, label, status=status)
        changes = ctx.schemas.compare(
            _header_schema(rb), _header_schema(rh), name, request=False, objects=False, named=True
        )
        ctx.out.schema("response-header", changes, label, status=status)


def _named(located: Located) -> dict[str, tuple[str, Address, Any]]:
    (path, pointer), headers = located
    if not isinstance(headers, dict):
        return {}
    return {
        name.lower(): (name, (path, (*pointer, name)), value)
        for name, value in headers.items()
        if name.lower() != "content-type"
    }


def _is_required(header: Any) -> bool:
    return isinstance(header, dict) and header.get("required") is True


def _header_schema(located: Located) -> Located:
    schema = _child(located, "schema")
    if schema[1] is not None:
        return schema
    content = _child(located, "content")
    if isinstance(content[1], dict) and content[1]:
        return _child(_child(content, next(iter(content[1]))), "schema")
    return located[0], {}
