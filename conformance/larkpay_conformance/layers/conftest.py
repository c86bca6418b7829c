"""pytest wiring of the conformance suite: options, target, seed, counting and the summary.

Options: --base-url (or LARKPAY_BASE_URL) selects a deployment, else the embedded sandbox is
started; --profile quick|full; --seed N; --allow-production; --report-dir DIR.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import hypothesis
import pytest

from larkpay_conformance import suite as suite_module
from larkpay_conformance.profiles import PROFILES, get_profile
from larkpay_conformance.report import write_report
from larkpay_conformance.repro import check_names, rerun_command
from larkpay_conformance.schema_loader import load_schema
from larkpay_conformance.schema_runner import SchemaRunner
from larkpay_conformance.st_checks import register
from larkpay_conformance.stats import FailureRecord, summary_lines, write_summary
from larkpay_conformance.suite import Suite, SuiteOptions, new_seed
from larkpay_conformance.target import Target, TargetError, open_target

_START = time.monotonic()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("larkpay", "Larkpay conformance")
    group.addoption(
        "--base-url", default=None, help="deployment to test (default: embedded sandbox)"
    )
    group.addoption("--profile", default="quick", choices=sorted(PROFILES), help="case budget")
    group.addoption("--seed", type=int, default=None, help="seed (printed on every run)")
    group.addoption(
        "--allow-production", action="store_true", help="allow a production URL or a live key"
    )
    group.addoption("--report-dir", default=None, help="write summary JSON + Markdown report here")
    # Set by `larkpay conformance` on its schema-layer process, which reaches the embedded
    # sandbox by URL: rerun commands must not name that short-lived URL.
    group.addoption("--rerun-embedded", action="store_true", help=argparse.SUPPRESS)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    seed = config.getoption("--seed") or new_seed()
    report_dir = config.getoption("--report-dir")
    suite_module.CURRENT = Suite(
        SuiteOptions(
            profile=get_profile(config.getoption("--profile")),
            seed=seed,
            base_url=config.getoption("--base-url") or os.environ.get("LARKPAY_BASE_URL"),
            allow_production=bool(config.getoption("--allow-production")),
            report_dir=Path(report_dir) if report_dir else None,
        )
    )
    # Hypothesis' `ci` profile derandomizes; this suite varies by seed and prints it instead.
    hypothesis.settings.register_profile(
        "larkpay-conformance",
        derandomize=False,
        database=None,
        deadline=None,
        print_blob=False,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    hypothesis.settings.load_profile("larkpay-conformance")
    config.option.hypothesis_seed = str(seed)
    register()
    # The target starts before collection: the schema layer parametrizes one test per operation
    # from a schema bound to it (schemathesis' lazy fixture loader does not work on pytest 9).
    suite = suite_module.CURRENT
    if suite_module.PRESTARTED_TARGET is not None:
        suite.target = suite_module.PRESTARTED_TARGET
    else:
        try:
            suite.target = suite.stack.enter_context(
                open_target(suite.options.base_url, allow_production=suite.options.allow_production)
            )
        except TargetError as exc:
            raise pytest.UsageError(f"larkpay conformance: {exc}") from None
    if config.getoption("--rerun-embedded"):
        suite.rerun_base_url = None
    else:
        suite.rerun_base_url = suite.options.base_url
    suite.schema = load_schema(suite.target, suite.options.profile, seed)


def pytest_unconfigure(config: pytest.Config) -> None:
    if suite_module.CURRENT is not None:
        suite_module.CURRENT.stack.close()


def _suite() -> Suite:
    assert suite_module.CURRENT is not None, "conformance conftest was not configured"
    return suite_module.CURRENT


def pytest_report_header(config: pytest.Config) -> str:
    options = _suite().options
    return (
        f"larkpay conformance: seed={options.seed} profile={options.profile.name} "
        f"target={options.base_url or 'embedded sandbox'}"
    )


@pytest.fixture(scope="session")
def suite() -> Suite:
    """The current run (options, recorder, target once started)."""
    return _suite()


@pytest.fixture(scope="session")
def target(suite: Suite) -> Target:
    """The deployment under test (the embedded sandbox unless a URL was given)."""
    assert suite.target is not None
    return suite.target


@pytest.fixture(scope="session")
def api_schema(suite: Suite) -> Any:
    """openapi.yaml loaded into schemathesis for this target."""
    return suite.schema


@pytest.fixture(scope="session")
def schema_runner(suite: Suite, target: Target) -> SchemaRunner:
    """Sends schema-layer cases over one keep-alive session."""
    return SchemaRunner(suite.recorder, target, layer="schema")


def _layer_of(item: pytest.Item) -> str:
    name = Path(str(item.fspath)).stem.removeprefix("test_")
    return "scenarios" if name == "limits" else name


def _operation_of(item: pytest.Item) -> str:
    name = item.name
    return name[name.index("[") + 1 : -1] if "[" in name else name


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    started = time.monotonic()
    yield
    _suite().recorder.add_time(_layer_of(item), time.monotonic() - started)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[Any, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if (
        call.when != "call"
        or call.excinfo is None
        or call.excinfo.errisinstance(pytest.skip.Exception)
    ):
        return
    suite = _suite()
    rerun = rerun_command(
        seed=suite.options.seed,
        profile=suite.options.profile.name,
        base_url=suite.rerun_base_url,
        nodeid=item.nodeid,
    )
    message = str(call.excinfo.value)
    for check in check_names(call.excinfo.value):
        suite.recorder.failure(
            FailureRecord(
                layer=_layer_of(item),
                operation=_operation_of(item),
                check=check,
                message=message[:4000],
                reproduce=f"Rerun: {rerun}",
            )
        )
    report.sections.append(("Larkpay conformance: rerun this seed", rerun))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    suite = _suite()
    if suite_module.COMPANION is not None:
        suite_module.COMPANION.finish(suite.recorder)
    if suite.recorder.total_cases() == 0 and not suite.recorder.failures:
        return
    summary = suite.recorder.to_json(
        seed=suite.options.seed,
        profile=suite.options.profile.name,
        target=suite.target_label,
        elapsed=time.monotonic() - _START,
    )
    terminalreporter.section("Larkpay conformance summary")
    for line in summary_lines(summary):
        terminalreporter.write_line(line)
    rerun = rerun_command(
        seed=suite.options.seed,
        profile=suite.options.profile.name,
        base_url=suite.rerun_base_url,
        nodeid=None,
    )
    terminalreporter.write_line(f"rerun this seed: {rerun}")
    if suite.options.report_dir is not None:
        write_summary(suite.options.report_dir / "conformance-summary.json", summary)
        write_report(suite.options.report_dir / "conformance-report.md", summary, rerun)
        terminalreporter.write_line(f"report: {suite.options.report_dir / 'conformance-report.md'}")
