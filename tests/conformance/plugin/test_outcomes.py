"""Failure records travel with the test reports (as xdist sends them) and are read back once;
a failing report without any (a crashed worker) still becomes a record."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from larkpay_conformance.plugin.outcomes import PROPERTY, layer_of, on_logreport
from larkpay_conformance.record.stats import Recorder
from larkpay_conformance.run import suite as suite_module
from larkpay_conformance.run.profiles import get_profile
from larkpay_conformance.run.suite import Suite, SuiteOptions

NODE = "test_schema.py::test_schema[createPayment]"


@pytest.fixture
def suite() -> Iterator[Suite]:
    options = SuiteOptions(get_profile("quick"), 11, None, False, None)
    current = Suite(options, recorder=Recorder())
    previous, suite_module.CURRENT = suite_module.CURRENT, current
    yield current
    suite_module.CURRENT = previous


def report(
    outcome: str, *, properties: list[tuple[str, object]], longrepr: object = None
) -> pytest.TestReport:
    return pytest.TestReport(
        NODE, ("test_schema.py", 1, NODE), {}, outcome, longrepr, "call",
        user_properties=properties, duration=1.5,
    )  # fmt: skip


def test_layer_of_reads_the_module_and_counts_limits_as_scenarios() -> None:
    assert layer_of(NODE) == "schema"
    assert layer_of("layers/test_limits.py::test_x[a]") == "scenarios"


def test_attached_records_become_failures_with_the_time_of_the_layer(suite: Suite) -> None:
    record = {
        "layer": "schema", "operation": "createPayment", "checks": ["a", "b"], "reason": "r",
        "message": "m", "curl": "curl x", "rerun": "larkpay conformance", "test": NODE,
    }  # fmt: skip
    on_logreport(report("failed", properties=[(PROPERTY, json.dumps([record]))], longrepr="x"))
    assert [f.checks for f in suite.recorder.failures] == [["a", "b"]]
    assert suite.recorder.layer_seconds["schema"] == 1.5


def test_a_failure_without_records_is_still_reported_with_a_rerun(suite: Suite) -> None:
    on_logreport(report("failed", properties=[], longrepr="worker 'gw1' crashed while running"))
    [failure] = suite.recorder.failures
    assert failure.checks == ["larkpay_test_error"]
    assert failure.reason == "worker 'gw1' crashed while running"
    assert failure.rerun.endswith("-k 'test_schema[createPayment]'")


def test_a_worker_process_does_not_report(suite: Suite) -> None:
    suite.reporting = False
    on_logreport(report("failed", properties=[], longrepr="x"))
    assert suite.recorder.failures == []
