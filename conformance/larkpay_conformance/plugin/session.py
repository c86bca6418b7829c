"""Setting up one run in a process: the suite, hypothesis, the target (started and checked by
the preflight unless a worker or ``larkpay conformance`` did it already) and the schema."""

from __future__ import annotations

import dataclasses
import gc
from urllib.parse import urlsplit

import hypothesis
import pytest

from larkpay_conformance.deployment.preflight import EXIT_PREFLIGHT, PreflightError, run_preflight
from larkpay_conformance.deployment.target import Target, TargetError, open_target
from larkpay_conformance.deployment.tenants import with_second_tenant
from larkpay_conformance.plugin.options import suite_options
from larkpay_conformance.plugin.workers import (
    is_controller,
    is_worker,
    worker_seed,
    worker_target,
)
from larkpay_conformance.record import repro
from larkpay_conformance.record.clock import seconds_since_process_start
from larkpay_conformance.run import suite as suite_module
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.schema.schema_loader import load_schema
from larkpay_conformance.schema.st_checks import register
from larkpay_conformance.spec.routes import Routes


def _hypothesis_profile(config: pytest.Config, seed: int) -> None:
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


def _open_checked_target(suite: Suite) -> Target:
    """Start or reach the target and run the preflight; stop the run with one sentence."""
    options = suite.options
    try:
        opened = suite.stack.enter_context(
            open_target(options.base_url, allow_production=options.allow_production)
        )
        preflight = run_preflight(opened)
        suite.preflight = preflight.describe()
        preflight = dataclasses.replace(preflight, target=with_second_tenant(preflight.target))
        suite.recorder.mark("target_ready", seconds_since_process_start())
    except (TargetError, PreflightError) as exc:
        pytest.exit(f"larkpay conformance: {exc}", returncode=EXIT_PREFLIGHT)
    return preflight.target


def configure(config: pytest.Config) -> None:
    """Create the run's :class:`Suite` and give it a target and a schema."""
    options = suite_options(config)
    repro.BODY_FILES.folder = options.report_dir / "bodies" if options.report_dir else None
    if is_worker(config):
        options.seed = worker_seed(config) or options.seed
    suite = Suite(options)
    suite_module.CURRENT = suite
    _hypothesis_profile(config, options.seed)
    register()
    if is_worker(config):
        suite.reporting = False
        suite.target = worker_target(config)
    elif suite_module.PRESTARTED is not None:
        suite.target = suite_module.PRESTARTED.target
        suite.preflight = suite_module.PRESTARTED.describe()
    else:
        suite.target = _open_checked_target(suite)
    suite.rerun_base_url = None if suite.target.embedded else suite.target.base_url
    if is_controller(config):
        suite.workers = int(getattr(config.option, "numprocesses", 0) or 0)
        return  # the workers collect and run the tests; the controller needs no schema
    # The target is known before collection: the schema layer parametrizes one test per
    # operation from a schema bound to it.
    suite.schema = load_schema(suite.target, options.profile, options.seed)
    base_path = urlsplit(suite.target.base_url).path
    suite.recorder.traffic.routes = Routes.from_spec(suite.schema.raw_schema, base_path)
    _fewer_collections()


def _fewer_collections() -> None:
    """Hypothesis allocates heavily, and the objects loaded so far live for the whole run:
    freeze them and collect the young generation less often (the collector's time is the
    suite's time)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def unconfigure() -> None:
    """Stop what the run started (the embedded sandbox)."""
    if suite_module.CURRENT is not None:
        suite_module.CURRENT.stack.close()
