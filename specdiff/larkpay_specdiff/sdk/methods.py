"""Compare the methods of two SDK surfaces: renamed or moved, removed, added, and their
arguments and return types."""

from __future__ import annotations

from collections.abc import Iterator

from larkpay_specdiff.findings import Finding, Location
from larkpay_specdiff.sdk.annotations import relation, union
from larkpay_specdiff.sdk.sdk_finding import at as _at
from larkpay_specdiff.sdk.sdk_finding import sdk_finding as _finding
from larkpay_specdiff.sdk.surface import Method, Param, Surface
from larkpay_specdiff.wire.operations import normalized_path


def _endpoint_key(method: Method, surface: Surface) -> str:
    """``GET /items/{}``: the endpoint a method calls; a ``<name>_all`` method (which pages
    through ``<name>``) gets its list method's endpoint, marked, so it pairs with its twin."""
    if not method.endpoint and method.name.endswith("_all"):
        pager = surface.methods.get(f"{method.resource}.{method.name.removesuffix('_all')}")
        return f"{_endpoint_key(pager, surface)} (all)" if pager is not None else ""
    verb, _, path = method.endpoint.partition(" ")
    return f"{verb} {normalized_path(path)}" if method.endpoint else ""


def compare_methods(base: Surface, head: Surface) -> list[Finding]:
    """Methods renamed or moved (the same endpoint under another name), removed, added, and
    the signature of every method on both sides."""
    findings: list[Finding] = []
    gone = {k: m for k, m in base.methods.items() if k not in head.methods}
    new = {k: m for k, m in head.methods.items() if k not in base.methods}
    by_endpoint = {_endpoint_key(m, head): k for k, m in new.items()}
    by_endpoint.pop("", None)
    for _, old in sorted(gone.items()):
        old_at = _at(old.file, old.call, old.line)
        twin = by_endpoint.get(_endpoint_key(old, base) or "-")
        if twin is not None and twin in new:
            renamed = new.pop(twin)
            where = f", {renamed.endpoint}" if renamed.endpoint else ", paging the same endpoint"
            findings.append(_finding(
                "sdk-method-renamed", old.call, f" (now `{renamed.call}`{where})",
                old_at, _at(renamed.file, renamed.call, renamed.line),
            ))  # fmt: skip
            findings += _signature(old, renamed)
        else:
            findings.append(_finding("sdk-method-removed", old.call, "", old_at, old_at))
    for _, added in sorted(new.items()):
        at = _at(added.file, added.call, added.line)
        findings.append(_finding("sdk-method-added", added.call, "", at, at))
    for key in sorted(base.methods.keys() & head.methods.keys()):
        findings += _signature(base.methods[key], head.methods[key])
    return findings


def _renamed_positionals(old: Method, new: Method) -> dict[str, str]:
    """Positional arguments renamed in place: same position, same type (a path parameter
    renamed in the spec); old name -> new name."""
    before = [p for p in old.params.values() if p.kind == "positional"]
    after = [p for p in new.params.values() if p.kind == "positional"]
    if len(before) != len(after):
        return {}
    return {
        a.name: b.name
        for a, b in zip(before, after, strict=True)
        if a.name != b.name
        and a.name not in new.params
        and b.name not in old.params
        and a.annotation == b.annotation
    }


def _signature(old: Method, new: Method) -> Iterator[Finding]:
    b_at, h_at = _at(old.file, old.call, old.line), _at(new.file, new.call, new.line)
    renamed = _renamed_positionals(old, new)
    for before, after in sorted(renamed.items()):
        what = f" (now `{after}`; positional calls are unaffected)"
        yield _finding("sdk-parameter-renamed", f"{new.call}({before}=)", what, b_at, h_at)
    for name in sorted(old.params.keys() - new.params.keys() - renamed.keys()):
        yield _finding("sdk-parameter-removed", f"{new.call}({name}=)", "", b_at, h_at)
    for name in sorted(new.params.keys() - old.params.keys() - set(renamed.values())):
        param = new.params[name]
        rule = "sdk-parameter-added-required" if param.required else "sdk-parameter-added"
        yield _finding(rule, f"{new.call}({name}=)", f" (`{param.annotation}`)", b_at, h_at)
    for name in sorted(old.params.keys() & new.params.keys()):
        yield from _parameter(new.call, old.params[name], new.params[name], b_at, h_at)
    change, added = relation(old.returns, new.returns)
    if change in ("absence", "changed", "alternatives"):
        rule = "sdk-return-union-grew" if change == "alternatives" else "sdk-return-type-changed"
        what = f" (`{old.returns}` → `{new.returns}`)"
        yield _finding(rule, new.call, what, b_at, h_at, added)


def _parameter(
    call: str, old: Param, new: Param, b_at: Location, h_at: Location
) -> Iterator[Finding]:
    subject = f"{call}({new.name}=)"
    if old.kind == "positional" and new.kind == "keyword":
        yield _finding("sdk-parameter-kind-changed", subject, "", b_at, h_at)
    if old.required != new.required:
        rule = "sdk-parameter-became-required" if new.required else "sdk-parameter-became-optional"
        yield _finding(rule, subject, "", b_at, h_at)
    # Required-ness is its own finding: an argument made required loses ``| Unset`` too.
    before, after = union(old.annotation) - {"Unset"}, union(new.annotation) - {"Unset"}
    if before != after:
        wider = after > before
        rule = "sdk-parameter-type-widened" if wider else "sdk-parameter-type-changed"
        what = f" (`{old.annotation}` → `{new.annotation}`)"
        yield _finding(rule, subject, what, b_at, h_at)
    if not old.required and not new.required and old.default != new.default:
        what = f" (`{old.default}` → `{new.default}`)"
        yield _finding("sdk-parameter-default-changed", subject, what, b_at, h_at)
