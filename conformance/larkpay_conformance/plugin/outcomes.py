"""From test outcomes to the run's failure records, skip reasons and time per layer.

The process that runs a test turns what it raised into :class:`FailureRecord` s (one per failing
case) and attaches them to the test report as a user property; the process that reports (the
xdist controller, or the only process) reads them back from every report it receives. So the
records cross from workers with the reports, in the order tests finished, and appear in the
JUnit file as properties of their test case.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import PurePath
from typing import Any

import pytest

from larkpay_conformance.checks import deferred
from larkpay_conformance.record import last_request
from larkpay_conformance.record.clock import seconds_since_process_start
from larkpay_conformance.record.repro import BODY_FILES, rerun_command, selection_for
from larkpay_conformance.record.stats import FailureRecord
from larkpay_conformance.report.failures import case_failures
from larkpay_conformance.run import suite as suite_module

PROPERTY = "larkpay_failures"

#: test module -> layer it counts in (test_limits checks what the SDK never sends: scenarios;
#: every test_rules_*.py module is the rules layer; endpoint health is driven by the test clock)
_LAYER_OF_MODULE = {"limits": "scenarios", "endpoint_health": "clock"}


def layer_of(nodeid: str) -> str:
    """The layer of a test, from its module (``test_schema.py::...`` -> ``schema``)."""
    module = PurePath(nodeid.split("::", 1)[0]).stem.removeprefix("test_")
    if module.startswith("rules_"):
        return "rules"
    return _LAYER_OF_MODULE.get(module, module)


def failure_records(item: pytest.Item, exc: BaseException) -> list[FailureRecord]:
    """The records of what ``item`` raised, with the command that reruns just ``item``."""
    suite = suite_module.current()
    function = getattr(item, "originalname", None) or item.name.split("[", 1)[0]
    rerun = rerun_command(
        seed=suite.options.seed,
        profile=suite.options.profile.name,
        base_url=suite.rerun_base_url,
        selection=selection_for(item.name, function),
        pytest_path=suite.options.pytest_path,
    )
    records = [
        FailureRecord(
            layer=layer_of(item.nodeid),
            operation=case.operation,
            checks=case.checks,
            reason=case.reason,
            message=case.message,
            curl=case.curl,
            rerun=rerun,
            test=item.nodeid,
            check_requests=case.check_requests,
        )
        for case in case_failures(exc, last_request.last())
    ]
    for record in records:
        commands = [record.curl, *(r["curl"] for r in record.check_requests)]
        BODY_FILES.write_referenced("\n".join(commands))
    return records


def start_test() -> None:
    """Before each test: the last request or rule violation of an earlier test must not be
    blamed."""
    last_request.forget()
    deferred.take()


def on_makereport(
    item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport
) -> None:
    """Attach the failure records of a failing call (or set-up) to its report, with the rule
    violations its exchanges showed (a passing test with one fails)."""
    kept = deferred.take() if call.when == "call" else []
    if call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception):
        return
    failed = call.excinfo is not None and (report.outcome in ("failed", "error") or report.failed)
    if not failed and not kept:
        return
    records = failure_records(item, call.excinfo.value) if call.excinfo and failed else []
    if kept:
        records += failure_records(item, BaseExceptionGroup("rules broken in answers", kept))
        if not failed:
            report.outcome = "failed"
            report.longrepr = "\n".join(str(violation) for violation in kept)
    report.user_properties.append((PROPERTY, json.dumps([asdict(r) for r in records])))


def on_logstart() -> None:
    """In the reporting process: the first test started (the end of the start-up)."""
    suite = suite_module.CURRENT
    if suite is not None and suite.reporting:
        suite.recorder.mark("first_test_started", seconds_since_process_start(), first=True)


def on_logfinish() -> None:
    """In the reporting process: a test finished (the last one ends the tests' time)."""
    suite = suite_module.CURRENT
    if suite is not None and suite.reporting:
        suite.recorder.mark("last_test_finished", seconds_since_process_start())


def on_logreport(report: pytest.TestReport) -> None:
    """In the reporting process: record the failures, the skip reasons and the time."""
    suite = suite_module.CURRENT
    if suite is None or not suite.reporting:
        return
    layer = layer_of(report.nodeid)
    if report.when == "call":
        suite.recorder.add_time(layer, report.duration)
    if report.skipped and isinstance(report.longrepr, tuple):
        suite.recorder.skip(layer, str(report.longrepr[2]).removeprefix("Skipped: "))
    records = records_of(report)
    for record in records:
        suite.recorder.failure(FailureRecord(**record))
    if report.failed and not records:
        # Nothing attached: the test's process could not say (a worker that crashed).
        suite.recorder.failure(_unexplained(report, layer))


def _unexplained(report: pytest.TestReport, layer: str) -> FailureRecord:
    suite = suite_module.current()
    name = report.nodeid.split("::")[-1]
    lines = [line.strip() for line in report.longreprtext.splitlines() if line.strip()]
    return FailureRecord(
        layer=layer,
        operation="(unknown)",
        checks=["larkpay_test_error"],
        reason=(lines[-1] if lines else f"{report.when} failed")[:240],
        message=report.longreprtext[-4000:],
        curl="(no request known)",
        rerun=rerun_command(
            seed=suite.options.seed,
            profile=suite.options.profile.name,
            base_url=suite.rerun_base_url,
            selection=selection_for(name, name.split("[", 1)[0]),
            pytest_path=suite.options.pytest_path,
        ),
        test=report.nodeid,
    )


def records_of(report: Any) -> list[dict[str, Any]]:
    """The failure records attached to a report (for tests and reporters)."""
    out: list[dict[str, Any]] = []
    for name, value in getattr(report, "user_properties", []):
        if name == PROPERTY:
            out += json.loads(str(value))
    return out
