"""Compare the models of two SDK surfaces: removed, renamed, added, their attributes and enum
members.

Whether an attribute's type change breaks depends on how its model is used: a model returned
by a method (or a webhook payload) is read, so a wider type breaks; a model passed as an
argument is built by the caller, so a narrower type breaks.
"""

from __future__ import annotations

from collections.abc import Iterator

from larkpay_specdiff.findings import Finding
from larkpay_specdiff.sdk.annotations import relation
from larkpay_specdiff.sdk.sdk_finding import at as _at
from larkpay_specdiff.sdk.sdk_finding import sdk_finding as _finding
from larkpay_specdiff.sdk.surface import Attribute, Model, Surface
from larkpay_specdiff.sdk.usage import Usage


def fingerprint(model: Model) -> tuple[object, ...]:
    if model.members is not None:
        return ("enum", tuple(sorted(model.members.items())))
    return ("class", tuple(sorted((a.name, a.annotation) for a in model.attributes.values())))


def compare_models(
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
