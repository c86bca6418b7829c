"""The version gate: breaking changes need a bump of the major part of ``info.version``; any
change wants a version bump; expired ignore entries fail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.gate.ignore import IgnoreEntry

_MAJOR = re.compile(r"\s*v?(\d+)")


def major(version: str) -> int | None:
    """The major part of a version (``2`` for ``2.0.0`` or ``v2.1``), None if it has none."""
    found = _MAJOR.match(version)
    return int(found.group(1)) if found else None


@dataclass
class Verdict:
    """The gate's answer: ``kept`` findings, what it ``ignored`` (and by which entry), the
    ``failures`` that make it fail, the ``warnings`` it reports, and the severities whose kept
    findings fail it (``failing``).

    An SDK finding is ignored with the wire findings that caused it: when every one of its
    causes is ignored, it is too, by the entry of its first cause, and ``through`` maps its id
    to those wire ids."""

    kept: list[Finding]
    ignored: list[tuple[Finding, IgnoreEntry]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failing: frozenset[Severity] = frozenset()
    through: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Whether the gate passes."""
        return not self.failures


def _apply_ignores(
    findings: list[Finding], entries: list[IgnoreEntry], today: date, verdict: Verdict
) -> None:
    active = [entry for entry in entries if not entry.expired(today)]
    used: set[int] = set()
    by_cause: dict[str, IgnoreEntry] = {}
    for finding in findings:
        entry = next((e for e in active if e.matches(finding)), None)
        if entry is None and finding.caused_by and all(c in by_cause for c in finding.caused_by):
            entry = by_cause[finding.caused_by[0]]
            verdict.through[finding.id] = finding.caused_by
        if entry is None:
            verdict.kept.append(finding)
        else:
            verdict.ignored.append((finding, entry))
            by_cause[finding.id] = entry
            used.add(entry.number)
    for entry in entries:
        if entry.expired(today):
            verdict.failures.append(
                f"Ignore {entry.describe()} expired on {entry.expires}: fix the change, or renew "
                "the entry with a new date and reason."
            )
        elif entry.number not in used:
            verdict.warnings.append(
                f"Ignore {entry.describe()} matches no finding: delete it, or correct its rule "
                "or location."
            )


def evaluate(
    findings: list[Finding],
    *,
    base_version: str,
    head_version: str,
    entries: list[IgnoreEntry],
    today: date,
    spec_changed: bool,
    fail_on: Severity = Severity.BREAKING,
) -> Verdict:
    """Apply the ignore entries, then the version rules, to the wire and SDK findings (wire
    findings first: an SDK finding is ignored with its causes)."""
    verdict = Verdict(kept=[])
    _apply_ignores(findings, entries, today, verdict)
    breaking = [f for f in verdict.kept if f.severity is Severity.BREAKING]
    old, new = major(base_version), major(head_version)
    bumped = old is not None and new is not None and new > old
    failing: set[Severity] = set()
    if breaking and not bumped:
        failing.add(Severity.BREAKING)
        target = f"{old + 1}.0.0" if old is not None else "a new major version"
        many = len(breaking) != 1
        verdict.failures.append(
            f"{len(breaking)} breaking change{'s need' if many else ' needs'} a new major "
            f"version: info.version is {head_version or '(missing)'} (was "
            f"{base_version or '(missing)'}); set it to {target}, or revert the "
            f"change{'s' if many else ''}."
        )
    if fail_on is Severity.WARNING:
        warned = [f for f in verdict.kept if f.severity is Severity.WARNING]
        if warned:
            failing.add(Severity.WARNING)
            verdict.failures.append(
                f"{len(warned)} warning{'s' if len(warned) != 1 else ''} and --fail-on warning: "
                "review them, or accept them in the ignore file."
            )
    verdict.failing = frozenset(failing)
    if (spec_changed or verdict.kept) and head_version == base_version:
        verdict.warnings.append(
            f"The spec changed but info.version is still {head_version or '(missing)'}: bump it "
            "(the minor part for additions, the major part for breaking changes)."
        )
    elif old is not None and new is not None and new < old:
        verdict.warnings.append(
            f"info.version went down from {base_version} to {head_version}: check the sides' order."
        )
    return verdict
