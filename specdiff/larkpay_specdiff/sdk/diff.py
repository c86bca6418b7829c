"""The SDK-surface diff of two loaded specs, numbered ``S1``, ``S2``... and linked to the wire."""

from __future__ import annotations

import tempfile
from pathlib import Path

from larkpay_specdiff.findings import Finding
from larkpay_specdiff.loading.document import Spec
from larkpay_specdiff.sdk.build import clients_for
from larkpay_specdiff.sdk.compare import compare_surfaces
from larkpay_specdiff.sdk.generator import generator_files
from larkpay_specdiff.sdk.link import link
from larkpay_specdiff.sdk.surface import Surface, load_surface


def surfaces_of(base: Spec, head: Spec, *, cache: bool = True) -> tuple[Surface, Surface]:
    """Generate (or reuse) both sides' clients and read their public API."""
    with tempfile.TemporaryDirectory(prefix="larkpay-sdk-diff-") as tmp:
        old, new = clients_for(base, head, generator_files(), Path(tmp), cache=cache)
        return load_surface(old), load_surface(new)


def sdk_diff(
    base: Spec, head: Spec, wire: list[Finding], *, cache: bool = True
) -> tuple[list[Finding], tuple[Surface, Surface]]:
    """The SDK findings, breaking first, each linked to the wire findings that caused it."""
    surfaces = surfaces_of(base, head, cache=cache)
    findings = compare_surfaces(*surfaces)
    findings.sort(key=lambda f: (f.severity.rank, f.rule, f.subject))
    numbered = [
        Finding(**{**f.__dict__, "id": f"S{number}"}) for number, f in enumerate(findings, start=1)
    ]
    return link(numbered, wire, surfaces), surfaces
