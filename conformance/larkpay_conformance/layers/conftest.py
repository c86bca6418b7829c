"""pytest wiring of the conformance suite (the hooks live in :mod:`larkpay_conformance.plugin`).

Options: --base-url (or LARKPAY_BASE_URL) selects a deployment, else the embedded sandbox is
started; --profile quick|full; --seed N; --allow-production; --report-dir DIR;
--webhook-listen HOST:PORT and --webhook-public-url URL for the webhook receiver. Runs in one
process, or on pytest-xdist workers (``-n N``) that share the target the controller started.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest
from larkpay_sandbox.testing import WebhookReceiver

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.plugin import (
    naming,
    ordering,
    outcomes,
    scheduling,
    session,
    terminal,
    workers,
)
from larkpay_conformance.plugin.options import add_options
from larkpay_conformance.plugin.workers import pytest_configure_node, pytest_testnodedown
from larkpay_conformance.run import suite as suite_module
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.schema.schema_runner import SchemaRunner

__all__ = ["pytest_configure_node", "pytest_testnodedown"]


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    session.configure(config)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    workers.quiet_status_lines(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    session.unconfigure()


def pytest_sessionfinish(session: pytest.Session) -> None:
    workers.send_part(session.config)
    suite = suite_module.CURRENT
    if suite is None or not suite.reporting or suite.target is None:
        return
    wanted = suite.options.fail_under_coverage
    if wanted is not None and session.exitstatus == 0:
        verdict = terminal.coverage_verdict(suite, terminal.run_summary(suite))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED if verdict else session.exitstatus


def pytest_report_header(config: pytest.Config) -> str:
    suite = suite_module.current()
    options = suite.options
    lines = [
        f"larkpay conformance: seed={options.seed} profile={options.profile.name} "
        f"target={suite.target_label}"
    ]
    return "\n".join([*lines, suite.preflight] if suite.preflight else lines)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    return scheduling.make_scheduler(config, log)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_pycollect_makeitem(collector: Any, name: str, obj: Any) -> Generator[None, Any, Any]:
    result = yield
    return naming.by_operation_id(collector, name, result)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    ordering.longest_first(items)


def pytest_runtest_setup(item: pytest.Item) -> None:
    outcomes.start_test()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    outcomes.on_makereport(item, call, report)
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    outcomes.on_logreport(report)


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    outcomes.on_logstart()


def pytest_runtest_logfinish(nodeid: str, location: Any) -> None:
    outcomes.on_logfinish()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(
    terminalreporter: Any, exitstatus: int, config: pytest.Config
) -> Generator[None, None, None]:
    if not config.option.collectonly:
        terminal.show_summary(terminalreporter, config.get_verbosity() > 0, int(exitstatus))
    return (yield)


@pytest.fixture(scope="session")
def suite() -> Suite:
    """The current run (options, recorder, target)."""
    return suite_module.current()


@pytest.fixture(scope="session")
def target(suite: Suite) -> Target:
    """The deployment under test (the embedded sandbox unless a URL was given)."""
    assert suite.target is not None
    return suite.target


@pytest.fixture(scope="session")
def api_schema(suite: Suite) -> Any:
    """openapi.yaml loaded into schemathesis for this target."""
    return suite.schema


@pytest.fixture(scope="module")
def receiver(suite: Suite) -> Iterator[WebhookReceiver]:
    """The webhook receiver of a module (on --webhook-listen; one module at a time uses it)."""
    host, port = suite.options.webhooks.listen
    with WebhookReceiver(host, port) as running:
        yield running


@pytest.fixture(scope="session")
def schema_runner(suite: Suite, target: Target) -> SchemaRunner:
    """Sends schema-layer cases over one keep-alive session."""
    return SchemaRunner(suite.recorder, target, layer="schema")
