"""Compare two SDK surfaces: resources, methods and their arguments (``methods``), models,
attributes and enums (``models``). A renamed model is one finding: the annotations that mention
it are compared under its new name."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from larkpay_specdiff.findings import Finding, Location
from larkpay_specdiff.sdk.methods import compare_methods
from larkpay_specdiff.sdk.models import compare_models, fingerprint
from larkpay_specdiff.sdk.sdk_finding import sdk_finding as _finding
from larkpay_specdiff.sdk.surface import Surface
from larkpay_specdiff.sdk.usage import usage_of

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def compare_surfaces(base: Surface, head: Surface) -> list[Finding]:
    """Every SDK finding from ``base`` to ``head`` (unnumbered, unlinked). A renamed model is
    one finding: the annotations that mention it are compared under its new name."""
    renames = _renames(base, head)
    moved = _with_new_names(base, renames)
    findings = list(_resources(base, head))
    findings += compare_methods(moved, head)
    findings += compare_models(base, moved, head, renames, usage_of(moved), usage_of(head))
    return findings


def _renames(base: Surface, head: Surface) -> dict[str, str]:
    """Models gone from ``base`` whose twin (same fields or members) is new in ``head``."""
    fresh: dict[tuple[object, ...], str] = {}
    for name, model in head.models.items():
        if name not in base.models:
            fresh.setdefault(fingerprint(model), name)
    renames = {}
    for name, model in sorted(base.models.items()):
        if name not in head.models:
            twin = fresh.pop(fingerprint(model), None)
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
