"""Link each SDK finding to the wire findings that caused it.

Names are compared loosely (case and punctuation ignored), the way the generator derives them:
``updated_at`` and ``updatedAt`` both give the attribute ``updated_at``; the inline enum
``SettlePaymentRequest.outcome`` gives the class ``SettlePaymentRequestOutcome``.
"""

from __future__ import annotations

import re

from larkpay_specdiff.findings import Finding
from larkpay_specdiff.sdk.surface import Method, Surface
from larkpay_specdiff.wire.operations import normalized_path

_METHOD_RULES = (
    "api-removed", "api-added", "api-operation-id-changed", "api-primary-tag-changed",
)  # fmt: skip
_OPERATION_RULES = ("api-removed", "api-added", "api-operation-id-changed")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def loose(name: str) -> str:
    """``updated_at``, ``updatedAt`` and ``Updated-At`` all give ``updatedat``."""
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("field_"))


def _endpoint(label: str) -> str:
    verb, _, path = label.partition(" ")
    return f"{verb} {normalized_path(path)}"


def _wire_names(finding: Finding) -> set[str]:
    name = finding.detail("name") or ""
    names = {loose(name), loose(name.rsplit(".", 1)[-1])}
    parameter = finding.detail("parameter")
    if parameter:
        names.add(loose(parameter))
    return names


def _method(surfaces: tuple[Surface, Surface], key: str) -> Method | None:
    """``payments.list`` on either side; ``payments.list_all`` stands for ``payments.list``
    (it pages through the same endpoint)."""
    for name in (key, key.removesuffix("_all")):
        for surface in surfaces:
            method = surface.methods.get(name)
            if method is not None and method.endpoint:
                return method
    return None


def _on(endpoints: set[str], wire: list[Finding]) -> list[Finding]:
    return [w for w in wire if endpoints & {_endpoint(op) for op in w.operations}]


def _method_causes(
    sdk: Finding, surfaces: tuple[Surface, Surface], wire: list[Finding]
) -> list[Finding]:
    call = sdk.subject.split("(")[0]
    method = _method(surfaces, call.removeprefix("client."))
    if method is None:
        return []
    on_endpoint = _on({_endpoint(method.endpoint)}, wire)
    if "(" not in sdk.subject:
        return [w for w in on_endpoint if w.rule.startswith(_METHOD_RULES)]
    argument = loose(sdk.subject.split("(")[1].rstrip("=)"))
    return [w for w in on_endpoint if argument in _wire_names(w)]


def _class_name(wire_name: str) -> str:
    """The generated class of a schema path: array items get ``Item`` (``X[]`` -> ``XItem``)."""
    return loose(wire_name.replace("[]", "Item"))


def _enum_causes(sdk: Finding, wire: list[Finding], models: set[str]) -> list[Finding]:
    """By class name first; else by value among the enum changes no model is named after
    (a parameter's enum, for instance)."""
    model, _, member = sdk.subject.removeprefix("models.").partition(".")
    enums = [w for w in wire if "enum" in w.rule]

    def values(finding: Finding) -> set[str]:
        text = (finding.detail("old") or "") + "," + (finding.detail("new") or "")
        return {loose(value) for value in text.split(",")}

    named = [w for w in enums if _class_name(w.detail("name") or "") == loose(model)]
    if named:
        return [w for w in named if not member or loose(member) in values(w)]
    return [
        w
        for w in enums
        if _class_name(w.detail("name") or "") not in models and loose(member) in values(w)
    ]


def _model_causes(sdk: Finding, wire: list[Finding]) -> list[Finding]:
    parts = sdk.subject.removeprefix("models.").split(".")
    model = loose(parts[0])
    member = loose(parts[1]) if len(parts) > 1 else ""
    causes = []
    for finding in wire:
        segments = (finding.detail("name") or "").split(".")
        if (
            len(segments) >= 2 and loose(segments[-2]) == model and loose(segments[-1]) == member
        ) or (loose("".join(segments)) == model and member and finding.rule.endswith("-added")):
            causes.append(finding)
    return causes


def _model_endpoints(model: str, surfaces: tuple[Surface, Surface]) -> set[str]:
    """The endpoints of the methods that take or return ``model`` (on either side)."""
    found = set()
    for surface in surfaces:
        for method in surface.methods.values():
            texts = [method.returns, *(p.annotation for p in method.params.values())]
            if method.endpoint and any(model in _WORD.findall(text) for text in texts):
                found.add(_endpoint(method.endpoint))
    return found


def _inline_causes(
    sdk: Finding, surfaces: tuple[Surface, Surface], wire: list[Finding]
) -> list[Finding]:
    """A model the generator names after an operation (an inline body ``CreateItemBody``,
    an inline enum ``ListItemsStatus``): an attribute by the changes of that name on the
    operations that use the model; the model itself by the operation's id or existence."""
    model, _, member = sdk.subject.removeprefix("models.").partition(".")
    if member:
        names = loose(member)
        return [
            w
            for w in _on(_model_endpoints(model, surfaces), wire)
            if names
            in {
                loose((w.detail("name") or "").rsplit(".", 1)[-1]),
                loose(w.detail("parameter") or ""),
            }
        ]
    return [w for w in wire if w.rule.startswith(_OPERATION_RULES) and _named_after(model, w)]


def _named_after(model: str, finding: Finding) -> bool:
    """Whether ``model`` is named after an operationId of ``finding`` (old or new)."""
    ids = (finding.detail(key) or "" for key in ("operation_id", "old", "new"))
    return any(oid and loose(model).startswith(loose(oid)) for oid in ids)


def _resource_causes(
    sdk: Finding, surfaces: tuple[Surface, Surface], wire: list[Finding]
) -> list[Finding]:
    """A resource added or removed: the changes that moved or added its methods."""
    resource = sdk.subject.removeprefix("client.")
    endpoints = {
        _endpoint(m.endpoint)
        for surface in surfaces
        for m in surface.methods.values()
        if m.resource == resource and m.endpoint
    }
    return [w for w in _on(endpoints, wire) if w.rule.startswith(_METHOD_RULES)]


def _union_causes(sdk: Finding, wire: list[Finding]) -> list[Finding]:
    """Wire findings that added the union members an SDK type gained."""
    added = {loose(name) for name in re.findall(r"\w+", sdk.detail("added") or "")}
    return [
        w
        for w in wire
        if w.rule.endswith("variant-added") and loose(w.detail("new") or "") in added
    ]


def link(
    sdk: list[Finding], wire: list[Finding], surfaces: tuple[Surface, Surface]
) -> list[Finding]:
    """``sdk`` with ``caused_by`` set to the ids of the wire findings behind each one."""
    models = {loose(name) for surface in surfaces for name in surface.models}
    linked = []
    for finding in sdk:
        if finding.rule.startswith("sdk-resource-"):
            causes = _resource_causes(finding, surfaces, wire)
        elif finding.subject.startswith("client."):
            causes = _method_causes(finding, surfaces, wire)
        elif finding.rule.startswith("sdk-enum-member"):
            causes = _enum_causes(finding, wire, models)
        else:
            causes = _model_causes(finding, wire) or _inline_causes(finding, surfaces, wire)
        causes += _union_causes(finding, wire)
        ids = tuple(dict.fromkeys(c.id for c in causes))
        linked.append(Finding(**{**finding.__dict__, "caused_by": ids}))
    return linked
