"""Compare two SDK surfaces: resources, methods and their arguments, models, attributes, enums.

Whether an attribute's type change breaks depends on how its model is used: a model returned
by a method (or a webhook payload) is read, so a wider type breaks; a model passed as an
argument is built by the caller, so a narrower type breaks.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from larkpay_specdiff.findings import Finding, Location
from larkpay_specdiff.sdk.rules import SDK_RULES
from larkpay_specdiff.sdk.surface import Attribute, Method, Model, Param, Surface
from larkpay_specdiff.sdk.usage import Usage, usage_of
from larkpay_specdiff.wire.operations import normalized_path

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _split(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[("
        depth -= char in "])"
        if char == separator and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part for part in parts if part]


def union(annotation: str) -> frozenset[str]:
    """The members of an ``A | B | None`` annotation; a one-argument generic distributes over
    its union (``list[A | B]`` has the members ``list[A]`` and ``list[B]``)."""
    members: set[str] = set()
    for part in _split(annotation, "|"):
        outer, bracket, inner = part.partition("[")
        if bracket and part.endswith("]") and len(_split(inner[:-1], ",")) == 1:
            members |= {f"{outer}[{member}]" for member in union(inner[:-1])}
        else:
            members.add(part)
    return frozenset(members)


_ABSENCE = ("None", "Unset")


def relation(before: str, after: str) -> tuple[str, frozenset[str]]:
    """How a type changed: ``same``, ``absence`` (it may now be None or Unset),
    ``alternatives`` (new union members), ``narrower`` or ``changed``; and what it gained."""
    old, new = union(before), union(after)
    added, removed = new - old, old - new
    if not added and not removed:
        return "same", added
    if removed and added:
        return "changed", added
    if removed:
        return "narrower", added
    absent = any(m in _ABSENCE or m.endswith(tuple(f"[{a}]" for a in _ABSENCE)) for m in added)
    return ("absence" if absent else "alternatives"), added


def _finding(
    rule_id: str,
    subject: str,
    what: str,
    base: Location,
    head: Location,
    added: frozenset[str] = frozenset(),
    **facts: str,
) -> Finding:
    """``facts`` (old and new types, how a model is used) go to ``details`` for the outputs."""
    rule = SDK_RULES[rule_id]
    action = rule.action[0].upper() + rule.action[1:]
    if added:
        facts["added"] = ", ".join(sorted(added))
    return Finding(
        rule=rule_id,
        severity=rule.severity,
        message=f"`{subject}`: {rule.summary}{what}. {action}.",
        subject=subject,
        base=base,
        head=head,
        details=tuple(sorted(facts.items())),
    )


def _at(file: str, name: str, line: int) -> Location:
    return Location(file=file, pointer=name, line=line or None)


def _endpoint_key(method: Method) -> str:
    verb, _, path = method.endpoint.partition(" ")
    return f"{verb} {normalized_path(path)}" if method.endpoint else ""


def compare_surfaces(base: Surface, head: Surface) -> list[Finding]:
    """Every SDK finding from ``base`` to ``head`` (unnumbered, unlinked). A renamed model is
    one finding: the annotations that mention it are compared under its new name."""
    renames = _renames(base, head)
    moved = _with_new_names(base, renames)
    findings = list(_resources(base, head))
    findings += _methods(moved, head)
    findings += _models(base, moved, head, renames, usage_of(moved), usage_of(head))
    return findings


def _renames(base: Surface, head: Surface) -> dict[str, str]:
    """Models gone from ``base`` whose twin (same fields or members) is new in ``head``."""
    fresh: dict[tuple[object, ...], str] = {}
    for name, model in head.models.items():
        if name not in base.models:
            fresh.setdefault(_fingerprint(model), name)
    renames = {}
    for name, model in sorted(base.models.items()):
        if name not in head.models:
            twin = fresh.pop(_fingerprint(model), None)
            if twin is not None:
                renames[name] = twin
    return renames


def _with_new_names(surface: Surface, renames: dict[str, str]) -> Surface:
    if not renames:
        return surface

    def rename(text: str) -> str:
        return _NAME.sub(lambda found: renames.get(found.group(0), found.group(0)), text)

    methods = {
        key: dataclasses.replace(
            method,
            returns=rename(method.returns),
            params={
                n: dataclasses.replace(p, annotation=rename(p.annotation))
                for n, p in method.params.items()
            },
        )
        for key, method in surface.methods.items()
    }
    models = {
        name: dataclasses.replace(
            model,
            attributes={
                n: dataclasses.replace(a, annotation=rename(a.annotation))
                for n, a in model.attributes.items()
            },
        )
        for name, model in surface.models.items()
    }
    return Surface(dict(surface.resources), methods, models)


def _resources(base: Surface, head: Surface) -> Iterator[Finding]:
    nowhere = Location("larkpay_api/api/__init__.py", "Resources", None)
    for name in sorted(base.resources.keys() - head.resources.keys()):
        yield _finding("sdk-resource-removed", f"client.{name}", "", nowhere, nowhere)
    for name in sorted(head.resources.keys() - base.resources.keys()):
        yield _finding("sdk-resource-added", f"client.{name}", "", nowhere, nowhere)


def _methods(base: Surface, head: Surface) -> list[Finding]:
    findings: list[Finding] = []
    gone = {k: m for k, m in base.methods.items() if k not in head.methods}
    new = {k: m for k, m in head.methods.items() if k not in base.methods}
    by_endpoint = {_endpoint_key(m): k for k, m in new.items() if m.endpoint}
    for _, old in sorted(gone.items()):
        old_at = _at(old.file, old.call, old.line)
        twin = by_endpoint.get(_endpoint_key(old)) if old.endpoint else None
        if twin is not None:
            renamed = new.pop(twin)
            findings.append(_finding(
                "sdk-method-renamed", old.call, f" (now `{renamed.call}`, {renamed.endpoint})",
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


def _signature(old: Method, new: Method) -> Iterator[Finding]:
    b_at, h_at = _at(old.file, old.call, old.line), _at(new.file, new.call, new.line)
    for name in sorted(old.params.keys() - new.params.keys()):
        yield _finding("sdk-parameter-removed", f"{new.call}({name}=)", "", b_at, h_at)
    for name in sorted(new.params.keys() - old.params.keys()):
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


def _fingerprint(model: Model) -> tuple[object, ...]:
    if model.members is not None:
        return ("enum", tuple(sorted(model.members.items())))
    return ("class", tuple(sorted((a.name, a.annotation) for a in model.attributes.values())))


def _models(
    base: Surface,
    moved: Surface,
    head: Surface,
    renames: dict[str, str],
    b_use: Usage,
    h_use: Usage,
) -> Iterator[Finding]:
    for name, model in sorted(base.models.items()):
        if name in head.models:
            continue
        at = _at(model.file, f"models.{name}", model.line)
        twin = renames.get(name)
        if twin is None:
            yield _finding("sdk-model-removed", f"models.{name}", "", at, at)
        else:
            new = head.models[twin]
            yield _finding("sdk-model-renamed", f"models.{name}", f" (now `models.{twin}`)", at,
                           _at(new.file, f"models.{twin}", new.line))  # fmt: skip
    for name, model in sorted(head.models.items()):
        if name not in base.models and name not in renames.values():
            at = _at(model.file, f"models.{name}", model.line)
            yield _finding("sdk-model-added", f"models.{name}", "", at, at)
    for name in sorted(base.models.keys() & head.models.keys()):
        read, written = name in b_use.read | h_use.read, name in b_use.written | h_use.written
        yield from _model(moved.models[name], head.models[name], read=read, written=written)


def _model(old: Model, new: Model, *, read: bool, written: bool) -> Iterator[Finding]:
    b_at = _at(old.file, f"models.{old.name}", old.line)
    h_at = _at(new.file, f"models.{new.name}", new.line)
    if old.members is not None or new.members is not None:
        before, after = old.members or {}, new.members or {}
        for member in sorted(before.keys() - after.keys()):
            what = f" (value {before[member]!r})"
            yield _finding(
                "sdk-enum-member-removed", f"models.{old.name}.{member}", what, b_at, h_at
            )
        for member in sorted(after.keys() - before.keys()):
            what = f" (value {after[member]!r})"
            yield _finding("sdk-enum-member-added", f"models.{new.name}.{member}", what, b_at, h_at)
        return
    for attr in sorted(old.attributes.keys() - new.attributes.keys()):
        at = _at(old.file, f"models.{old.name}.{attr}", old.attributes[attr].line)
        yield _finding("sdk-attribute-removed", f"models.{old.name}.{attr}", "", at, h_at)
    for attr in sorted(new.attributes.keys() - old.attributes.keys()):
        added = new.attributes[attr]
        rule = (
            "sdk-attribute-added-required" if added.required and written else "sdk-attribute-added"
        )
        at = _at(new.file, f"models.{new.name}.{attr}", added.line)
        yield _finding(rule, f"models.{new.name}.{attr}", f" (`{added.annotation}`)", b_at, at)
    for attr in sorted(old.attributes.keys() & new.attributes.keys()):
        yield from _attribute(old, new, old.attributes[attr], new.attributes[attr], read, written)


def _attribute(
    old_model: Model, new_model: Model, old: Attribute, new: Attribute, read: bool, written: bool
) -> Iterator[Finding]:
    if old.annotation == new.annotation and old.required == new.required:
        return
    change, added = relation(old.annotation, new.annotation)
    breaks = (read and change in ("absence", "changed")) or (
        written and (change in ("narrower", "changed") or (new.required and not old.required))
    )
    if breaks:
        rule = "sdk-attribute-type-changed"
    elif read and change == "alternatives":
        rule = "sdk-attribute-union-grew"
    else:
        rule = "sdk-attribute-type-relaxed"
    use = "read and built" if read and written else "read" if read else "built by callers"
    what = f" (`{old.annotation}` → `{new.annotation}`; the model is {use})"
    subject = f"models.{new_model.name}.{new.name}"
    yield _finding(
        rule,
        subject,
        what,
        _at(old_model.file, f"models.{old_model.name}.{old.name}", old.line),
        _at(new_model.file, subject, new.line),
        added,
        old=old.annotation,
        new=new.annotation,
        use=use,
    )
