"""The second tenant: kept when given, a note saying why it is missing otherwise, and one
created through POST /sandbox/api_keys on a sandbox."""

from __future__ import annotations

import html
from types import SimpleNamespace

import pytest
from larkpay_conformance.deployment.preflight import run_preflight
from larkpay_conformance.deployment.target import (
    Target,
    TargetError,
    embedded_target,
    remote_target,
)
from larkpay_conformance.deployment.tenants import NO_SECOND_KEY, private_tenant, with_second_tenant
from larkpay_conformance.plugin.terminal import skipped_check_notes
from larkpay_conformance.record.stats import Recorder
from larkpay_conformance.report.html_report import render_html
from larkpay_conformance.report.report import render_report

KEYS = {"LARKPAY_API_KEY": "lk_test_" + "A" * 24, "LARKPAY_API_SECRET": "lsk_" + "a" * 32}
SECOND = {"LARKPAY_API_KEY_2": "lk_test_" + "B" * 24, "LARKPAY_API_SECRET_2": "lsk_" + "b" * 32}


def test_a_given_second_pair_is_kept() -> None:
    target = remote_target(
        "http://127.0.0.1:1/v2", allow_production=False, environ={**KEYS, **SECOND}
    )
    second = with_second_tenant(target).second_tenant
    assert second is not None
    assert second.api_key == SECOND["LARKPAY_API_KEY_2"]


def test_half_a_second_pair_is_refused() -> None:
    with pytest.raises(TargetError, match="both"):
        remote_target(
            "http://127.0.0.1:1/v2",
            allow_production=False,
            environ={**KEYS, "LARKPAY_API_KEY_2": SECOND["LARKPAY_API_KEY_2"]},
        )


def test_without_a_pair_a_non_sandbox_target_says_why_isolation_is_skipped() -> None:
    target = Target("http://127.0.0.1:1/v2", "lk_live_" + "x" * 24, "lsk_" + "x" * 32, False, False)
    noted = with_second_tenant(target)
    assert noted.second_tenant is None
    assert noted.second_key_note == NO_SECOND_KEY
    assert private_tenant(target) is None


def test_a_sandbox_gets_a_second_key_created_through_the_api() -> None:
    with embedded_target() as started:
        target = run_preflight(started).target
        assert with_second_tenant(started).second_tenant is None  # not known as a sandbox yet
        second = with_second_tenant(target).second_tenant
        assert second is not None
        assert second.api_key.startswith("lk_test_")
        assert second.api_key != target.api_key
        assert private_tenant(target) is not None


def test_without_a_pair_the_summary_and_reports_say_isolation_was_skipped_and_why() -> None:
    target = Target("http://127.0.0.1:1/v2", "lk_test_" + "x" * 24, "lsk_" + "x" * 32, False, False)
    notes = skipped_check_notes(SimpleNamespace(target=with_second_tenant(target)))  # type: ignore[arg-type]
    assert notes == [f"tenant isolation checks skipped: {NO_SECOND_KEY}"]
    recorder = Recorder()
    summary = recorder.to_json(seed=7, profile="quick", target="t", elapsed=1.0, workers=1)
    summary["skipped_checks"] = notes
    assert f"Note: {notes[0]}" in render_report(summary, "larkpay conformance --seed 7")
    assert html.escape(notes[0]) in render_html(summary, "larkpay conformance --seed 7")


def test_with_a_pair_nothing_is_said_to_be_skipped() -> None:
    target = remote_target(
        "http://127.0.0.1:1/v2", allow_production=False, environ={**KEYS, **SECOND}
    )
    assert skipped_check_notes(SimpleNamespace(target=target)) == []  # type: ignore[arg-type]
