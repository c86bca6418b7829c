"""One run of the diff: load both sides, the wire diff, the SDK diff if asked, the gate."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from larkpay_specdiff.errors import GeneratorError, SpecDiffError
from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.gate.ignore import IgnoreEntry
from larkpay_specdiff.gate.verdict import Verdict, evaluate
from larkpay_specdiff.loading.document import Spec
from larkpay_specdiff.loading.source import open_side
from larkpay_specdiff.loading.structure import check_structure
from larkpay_specdiff.wire.engine import diff_specs

if TYPE_CHECKING:  # griffe is imported only when the SDK diff runs
    from larkpay_specdiff.sdk.surface import Surface

EXIT_OK, EXIT_GATE_FAILED, EXIT_USAGE = 0, 1, 2


def load_spec(argument: str, cwd: Path | None = None) -> Spec:
    """A side named like on the command line: a file, or a git ``REF:path``; a side whose
    structure is not OpenAPI's is refused (``SpecInputError``)."""
    spec = Spec(open_side(argument, cwd))
    check_structure(spec)
    return spec


@dataclass
class Report:
    """Everything one diff found, and the gate's verdict on it. ``sdk`` is None when the SDK
    diff was not asked for, or could not run: ``sdk_error`` then says why."""

    base: Spec
    head: Spec
    findings: list[Finding]
    sdk: list[Finding] | None
    verdict: Verdict
    surfaces: tuple[Surface, Surface] | None = None
    sdk_error: str | None = None

    @property
    def exit_code(self) -> int:
        """0 when the gate passes, 1 when it fails, 2 when the SDK diff could not run."""
        if self.sdk_error is not None:
            return EXIT_USAGE
        return EXIT_OK if self.verdict.passed else EXIT_GATE_FAILED

    def all_findings(self) -> list[Finding]:
        """Wire findings, then SDK findings."""
        return self.findings + (self.sdk or [])

    def count(self, severity: Severity, *, sdk: bool = False) -> int:
        """How many (wire or SDK) findings of one severity."""
        return sum(f.severity is severity for f in ((self.sdk or []) if sdk else self.findings))


def _without_version(spec: Spec) -> dict[str, Any]:
    """The root document without ``info.version`` (dict equality ignores key order)."""
    data = dict(spec.data)
    info = dict(data.get("info") or {})
    info.pop("version", None)
    data["info"] = info
    return data


_SDK_TOOLS = ("griffe", "openapi_python_client", "ruff")


def _require_sdk_tools() -> None:
    """The SDK diff generates both clients and reads them with griffe: without the tools, one
    sentence naming the extra (the wire diff needs only PyYAML)."""
    missing = [name for name in _SDK_TOOLS if importlib.util.find_spec(name) is None]
    if missing:
        raise SpecDiffError(
            f"the SDK diff needs {', '.join(missing)}: pip install 'larkpay[spec]', "
            "or pass --no-sdk for the wire diff alone."
        )


def compare(
    base: Spec,
    head: Spec,
    *,
    sdk: bool = False,
    ignore: list[IgnoreEntry] | None = None,
    today: date | None = None,
    fail_on: Severity = Severity.BREAKING,
    cache: bool = True,
) -> Report:
    """Diff ``base`` against ``head``; ``sdk`` adds the SDK-surface diff (generates both). A
    side the generator fails on leaves the wire findings and sets ``sdk_error``."""
    day = today or date.today()
    findings = diff_specs(base, head, today=day)
    sdk_findings: list[Finding] | None = None
    surfaces = None
    sdk_error = None
    if sdk:
        _require_sdk_tools()
        from larkpay_specdiff.sdk.diff import sdk_diff  # griffe and the generator only if asked

        try:
            sdk_findings, surfaces = sdk_diff(base, head, findings, cache=cache)
        except GeneratorError as error:
            sdk_error = str(error)
    verdict = evaluate(
        findings + (sdk_findings or []),
        base_version=base.version,
        head_version=head.version,
        entries=ignore or [],
        today=day,
        spec_changed=_without_version(base) != _without_version(head),
        fail_on=fail_on,
    )
    return Report(base, head, findings, sdk_findings, verdict, surfaces, sdk_error)
