"""Link each SDK finding to the wire findings that caused it.

Names are compared loosely (case and punctuation ignored), the way the generator derives them:
``updated_at`` and ``updatedAt`` both give the attribute ``updated_at``; the inline enum
``SettlePaymentRequest.outcome`` gives the class ``SettlePaymentRequestOutcome``.
"""

from __future__ import annotations

import re

from larkpay_specdiff.findings import Finding
from larkpay_specdiff.sdk.surface import Surface
from larkpay_specdiff.wire.operations import normalized_path

_METHOD_RULES = (
    "api-removed", "api-added", "api-operation-id-changed", "api-primary-tag-changed",
)  # fmt: skip


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


def _method_causes(
    sdk: Finding, surfaces: tuple[Surface, Surface], wire: list[Finding]
) -> list[Finding]:
    call = sdk.subject.split("(")[0]
    key = call.removeprefix("client.")
    method = surfaces[0].methods.get(key) or surfaces[1].methods.get(key)
    if method is None or not method.endpoint:
        return []
    endpoint = _endpoint(method.endpoint)
    on_endpoint = [w for w in wire if endpoint in {_endpoint(op) for op in w.operations}]
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
        if finding.subject.startswith("client."):
            causes = _method_causes(finding, surfaces, wire)
        elif finding.rule.startswith("sdk-enum-member"):
            causes = _enum_causes(finding, wire, models)
        else:
            causes = _model_causes(finding, wire)
        causes += _union_causes(finding, wire)
        ids = tuple(dict.fromkeys(c.id for c in causes))
        linked.append(Finding(**{**finding.__dict__, "caused_by": ids}))
    return linked
