"""Running the layers on pytest-xdist workers: the controller starts the target and checks it
once; each worker gets it (and the seed) through ``workerinput`` and sends its traffic back
through ``workeroutput``, merged into the controller's recorder. Failures travel with the test
reports (see :mod:`larkpay_conformance.plugin.outcomes`), so they are not sent twice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.run import suite as suite_module

_TARGET = "larkpay_target"
_SEED = "larkpay_seed"
_PART = "larkpay_part"


def is_worker(config: pytest.Config) -> bool:
    """Whether this process is an xdist worker."""
    return hasattr(config, "workerinput")


def is_controller(config: pytest.Config) -> bool:
    """Whether this process hands the tests to xdist workers (and runs none itself)."""
    if is_worker(config):
        return False
    dist = getattr(config.option, "dist", "no")
    return bool(getattr(config.option, "numprocesses", None)) and dist != "no"


def worker_target(config: pytest.Config) -> Target:
    """The target the controller started, in a worker."""
    return Target(**config.workerinput[_TARGET])  # type: ignore[attr-defined]


def worker_seed(config: pytest.Config) -> int | None:
    """The controller's seed, in a worker."""
    seed = config.workerinput.get(_SEED)  # type: ignore[attr-defined]
    return int(seed) if seed is not None else None


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand the target and seed to a worker about to start."""
    suite = suite_module.current()
    assert suite.target is not None
    node.workerinput[_TARGET] = asdict(suite.target)
    node.workerinput[_SEED] = suite.options.seed


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """Merge what a worker recorded (its traffic and hypothesis examples)."""
    part = getattr(node, "workeroutput", {}).get(_PART)
    if part is not None:
        suite_module.current().recorder.merge(part, with_failures=False)


def send_part(config: pytest.Config) -> None:
    """In a worker, at the end: hand the recorder's share to the controller."""
    if is_worker(config) and suite_module.CURRENT is not None:
        part = suite_module.CURRENT.recorder.part()
        part["failures"] = []  # already sent with the test reports
        part["layer_seconds"] = {}  # the controller times the reports it receives
        config.workeroutput[_PART] = part  # type: ignore[attr-defined]


def quiet_status_lines(config: pytest.Config) -> None:
    """At -q, drop xdist's "bringing up nodes..." lines (written twice when the output is not
    a terminal): the run's own first lines and its summary say what matters."""
    reporter = config.pluginmanager.get_plugin("terminaldistreporter")
    if reporter is not None and config.get_verbosity() < 0:
        reporter.ensure_show_status = lambda: None
