"""larkpay_specdiff.gate.verdict: the version gate."""

from __future__ import annotations

from datetime import date

from larkpay_specdiff.findings import Finding, Severity
from larkpay_specdiff.gate.ignore import IgnoreEntry
from larkpay_specdiff.gate.verdict import Verdict, evaluate, major

from tests.specdiff.findings_factory import finding

TODAY = date(2026, 1, 1)


def _gate(
    findings: list[Finding],
    base: str = "2.0.0",
    head: str = "2.0.0",
    *,
    entries: list[IgnoreEntry] | None = None,
    spec_changed: bool | None = None,
    fail_on: Severity = Severity.BREAKING,
) -> Verdict:
    return evaluate(
        findings,
        base_version=base,
        head_version=head,
        entries=entries or [],
        today=TODAY,
        spec_changed=bool(findings) if spec_changed is None else spec_changed,
        fail_on=fail_on,
    )


def test_major_reads_the_leading_number() -> None:
    assert major("2.0.0") == 2
    assert major("v10.1") == 10
    assert major("beta") is None


def test_breaking_changes_without_a_major_bump_fail_naming_the_next_major() -> None:
    verdict = _gate([finding()], head="2.1.0")
    assert not verdict.passed
    assert "set it to 3.0.0" in verdict.failures[0]


def test_breaking_changes_with_a_major_bump_pass() -> None:
    assert _gate([finding()], head="3.0.0").passed


def test_changes_without_a_version_bump_warn_but_pass() -> None:
    verdict = _gate([finding("api-added", Severity.INFO)])
    assert verdict.passed
    assert "info.version is still 2.0.0" in verdict.warnings[0]


def test_a_text_only_change_without_a_bump_also_warns() -> None:
    verdict = _gate([], spec_changed=True)
    assert verdict.passed
    assert verdict.warnings


def test_no_change_at_all_is_silent() -> None:
    verdict = _gate([])
    assert verdict.passed
    assert not verdict.warnings
    assert not verdict.failures


def test_a_lower_version_warns() -> None:
    assert "went down" in _gate([], base="3.0.0", head="2.9.0", spec_changed=True).warnings[0]


def test_fail_on_warning_fails_on_warnings() -> None:
    warning = finding("response-property-enum-value-added", Severity.WARNING)
    assert _gate([warning], head="2.1.0").passed
    assert not _gate([warning], head="2.1.0", fail_on=Severity.WARNING).passed


def test_an_ignored_breaking_change_passes_and_is_reported_as_ignored() -> None:
    entry = IgnoreEntry(
        "response-property-became-optional", "Payment.updated_at", "ok", date(2026, 6, 1), 1
    )
    verdict = _gate([finding()], head="2.1.0", entries=[entry])
    assert verdict.passed
    assert verdict.ignored == [(finding(), entry)]
    assert verdict.kept == []


def test_an_expired_entry_fails_and_no_longer_suppresses() -> None:
    entry = IgnoreEntry(
        "response-property-became-optional", "Payment.updated_at", "ok", date(2025, 12, 31), 1
    )
    verdict = _gate([finding()], head="3.0.0", entries=[entry])
    assert not verdict.passed
    assert "expired on 2025-12-31" in verdict.failures[0]
    assert verdict.kept == [finding()]


def test_an_entry_that_matches_nothing_warns() -> None:
    entry = IgnoreEntry("api-added", "GET /nothing", "ok", date(2030, 1, 1), 2)
    verdict = _gate([], entries=[entry])
    assert verdict.passed
    assert "entry 2 (api-added at GET /nothing) matches no finding" in verdict.warnings[0]


def _sdk(id_: str, causes: tuple[str, ...]) -> Finding:
    found = finding("sdk-attribute-type-changed", id_=id_, subject="models.Payment.updated_at")
    return Finding(**{**found.__dict__, "caused_by": causes})


def test_an_sdk_finding_is_ignored_with_the_wire_findings_that_caused_it() -> None:
    entry = IgnoreEntry(
        "response-property-became-optional", "Payment.updated_at", "ok", date(2026, 6, 1), 1
    )
    wire = [finding(id_="W1"), finding(id_="W2", subject="Payment.updated_at")]
    verdict = _gate([*wire, _sdk("S1", ("W1", "W2"))], head="2.1.0", entries=[entry])
    assert verdict.passed
    assert [f.id for f, _ in verdict.ignored] == ["W1", "W2", "S1"]
    assert verdict.through == {"S1": ("W1", "W2")}


def test_an_sdk_finding_with_a_cause_not_ignored_is_kept() -> None:
    entry = IgnoreEntry("response-property-became-optional", "/nowhere", "ok", date(2026, 6, 1), 1)
    entry_w1 = IgnoreEntry(
        "response-property-became-optional", "Payment.updated_at", "ok", date(2026, 6, 1), 2
    )
    other = finding(id_="W2", subject="Payment.created_at", pointer="/components/x")
    verdict = _gate(
        [finding(id_="W1"), other, _sdk("S1", ("W1", "W2"))], head="2.1.0",
        entries=[entry, entry_w1],
    )  # fmt: skip
    assert not verdict.passed
    assert [f.id for f in verdict.kept] == ["W2", "S1"]
    assert verdict.through == {}


def test_failing_names_the_severities_that_fail_the_gate() -> None:
    warning = finding("response-property-enum-value-added", Severity.WARNING, id_="W2")
    assert _gate([finding(), warning], head="2.1.0").failing == {Severity.BREAKING}
    both = _gate([finding(), warning], head="2.1.0", fail_on=Severity.WARNING)
    assert both.failing == {Severity.BREAKING, Severity.WARNING}
    assert _gate([finding(), warning], head="3.0.0").failing == frozenset()
