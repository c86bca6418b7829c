"""``larkpay conformance``: check the target, run every layer on workers, write the reports.

    larkpay conformance [--base-url URL] [--profile quick|full] [--seed N] [--workers N]
                        [--allow-production] [--report-dir DIR] [--webhook-listen HOST:PORT]
                        [--webhook-public-url URL] [--second-api-key KEY --second-api-secret S]
                        [--fail-under-coverage P] [-k EXPR] [-x] [-v]

Without --base-url (or LARKPAY_BASE_URL) the embedded sandbox is started on a free loopback port
with a fresh database. Before any layer, a preflight checks the target (see ``preflight``).
The layers run as pytest on ``--workers`` processes (pytest-xdist; default: one per core), whose
results, traffic and reports are merged into one summary. Writes DIR/conformance-junit.xml,
DIR/conformance-report.md, DIR/conformance-report.html and DIR/conformance-summary.json.

Exit codes: 0 every check passed; 1 a check failed; 2 bad options (or a missing extra, or the
run was interrupted); 3 the target cannot be tested as given (preflight: nothing answers, not a
Larkpay API, /v2 prefix missing or doubled, credentials refused; or production refused);
5 no test matched -k; 70 the suite itself crashed (pytest's internal error).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from larkpay_conformance.deployment.preflight import EXIT_PREFLIGHT, PreflightError, run_preflight
from larkpay_conformance.deployment.target import TargetError, open_target
from larkpay_conformance.deployment.tenants import with_second_tenant
from larkpay_conformance.record.clock import seconds_since_process_start
from larkpay_conformance.record.stats import RECORDER
from larkpay_conformance.run import suite as suite_module
from larkpay_conformance.run.profiles import PROFILES
from larkpay_conformance.run.suite import new_seed
from larkpay_conformance.run.webhook_flags import check_pair, parse_listen, parse_public_url

SUITE_DIR = Path(__file__).resolve().parents[1] / "layers"
EXIT_CRASH = 70
_PYTEST_INTERNAL_ERROR = 3
_PYTEST_USAGE_ERROR = 4


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def _workers(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError("--workers takes a whole number, 1 or more")
    return number


def _percent(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError("--fail-under-coverage takes a percentage, 0 to 100")
    return number


def _checked(parse: Callable[[str], object]) -> Callable[[str], str]:
    """An argparse ``type`` that checks a value with ``parse`` and keeps it as given."""

    def check(value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return value

    return check


def build_parser(prog: str) -> argparse.ArgumentParser:
    """The parser shared by ``larkpay conformance`` and ``python -m larkpay_conformance``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check that a Larkpay API deployment, openapi.yaml and the SDK agree.",
        epilog="Exit codes: 0 passed, 1 a check failed, 2 bad options, 3 the target cannot be "
        "tested as given (preflight), 5 nothing matched -k, 70 the suite crashed.",
    )
    parser.add_argument(
        "--base-url",
        help="deployment to test, e.g. https://sandbox.larkpay.example/v2 "
        "(credentials from LARKPAY_API_KEY / LARKPAY_API_SECRET); "
        "default: LARKPAY_BASE_URL, else the embedded sandbox",
    )
    parser.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="full",
        help="quick (under a minute) or full (thousands of requests); default full",
    )
    parser.add_argument("--seed", type=int, help="seed to reproduce a run (printed on every run)")
    parser.add_argument(
        "--workers",
        type=_workers,
        default=default_workers(),
        help=f"worker processes that share the layers and their cases (default: one per core, "
        f"{default_workers()} here; the two state-machine layers run in up to 8 shards each)",
    )
    parser.add_argument(
        "--allow-production",
        action="store_true",
        help="allow a production URL or a live key (the suite creates payments)",
    )
    parser.add_argument(
        "--report-dir", default="reports", help="where reports go (default: reports)"
    )
    parser.add_argument(
        "--webhook-listen",
        metavar="HOST:PORT",
        type=_checked(parse_listen),
        help="where the webhook receiver listens (default: 127.0.0.1 on a free port; with "
        "0.0.0.0 or :: and no --webhook-public-url, the target is given the loopback address)",
    )
    parser.add_argument(
        "--webhook-public-url",
        metavar="URL",
        type=_checked(parse_public_url),
        help="the URL by which the target reaches --webhook-listen (needed for a remote target)",
    )
    parser.add_argument(
        "--second-api-key",
        metavar="KEY",
        help="a second tenant's API key for the isolation checks (or LARKPAY_API_KEY_2); on a "
        "sandbox without it one is created through POST /sandbox/api_keys",
    )
    parser.add_argument(
        "--second-api-secret",
        metavar="SECRET",
        help="the second tenant's API secret (or LARKPAY_API_SECRET_2)",
    )
    parser.add_argument(
        "--fail-under-coverage",
        metavar="P",
        type=_percent,
        help="fail the run (exit 1) when its coverage of what the spec documents is below P%%",
    )
    parser.add_argument("-k", dest="keyword", help="only tests matching this pytest -k expression")
    parser.add_argument("-x", "--exitfirst", action="store_true", help="stop at the first failure")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every test and show tracebacks"
    )
    return parser


def pytest_args(options: argparse.Namespace, seed: int) -> list[str]:
    """The pytest command line for these options."""
    report_dir = Path(options.report_dir)
    args = [
        str(SUITE_DIR),
        # The suite's own configuration only, wherever it is installed (not a project's ini).
        "-c",
        os.devnull,
        f"--rootdir={SUITE_DIR}",
        "--profile",
        options.profile,
        "--seed",
        str(seed),
        "--report-dir",
        str(report_dir),
        f"--junitxml={report_dir / 'conformance-junit.xml'}",
        "-o",
        "junit_suite_name=larkpay-conformance",
        "-p",
        "no:cacheprovider",
        # Rewriting asserts of every schemathesis module costs seconds when bytecode is not
        # cached; the suite's checks carry their own messages.
        "--assert=plain",
        "--larkpay-cli",
        # Our summary lists every failing case with its reason; pytest's tracebacks only on -v.
        "--tb=short" if options.verbose else "--tb=no",
        "-v" if options.verbose else "-q",
        "-rN",
    ]
    if options.workers > 1:
        # One test at a time to each worker, longest first (plugin.ordering, plugin.scheduling).
        args += ["-n", str(options.workers), "--dist", "load", "--maxschedchunk", "1"]
    if options.base_url:
        args += ["--base-url", options.base_url]
    if options.allow_production:
        args.append("--allow-production")
    if options.webhook_listen:
        args += ["--webhook-listen", options.webhook_listen]
    if options.webhook_public_url:
        args += ["--webhook-public-url", options.webhook_public_url]
    if options.fail_under_coverage is not None:
        args += ["--fail-under-coverage", str(options.fail_under_coverage)]
    if options.keyword:
        args += ["-k", options.keyword]
    if options.exitfirst:
        args.append("-x")
    return args


def _exit_code(pytest_code: int) -> int:
    if pytest_code == _PYTEST_INTERNAL_ERROR:
        return EXIT_CRASH
    if pytest_code == _PYTEST_USAGE_ERROR:
        return 2
    return pytest_code


def main(argv: Sequence[str] | None = None, prog: str = "larkpay conformance") -> int:
    """Parse ``argv``, check the target, run the suite and return the exit code (called by the
    ``larkpay`` dispatcher, for ``larkpay conformance`` and ``python -m larkpay_conformance``)."""
    import pytest

    parser = build_parser(prog)
    options = parser.parse_args(argv)
    try:
        check_pair(options.webhook_listen, options.webhook_public_url)
    except ValueError as exc:
        parser.error(str(exc))
    # The second tenant reaches every process (workers too) through the environment.
    if options.second_api_key:
        os.environ["LARKPAY_API_KEY_2"] = options.second_api_key
    if options.second_api_secret:
        os.environ["LARKPAY_API_SECRET_2"] = options.second_api_secret
    if not (SUITE_DIR / "conftest.py").is_file():
        print(f"{prog}: the suite is missing from {SUITE_DIR}; reinstall larkpay", file=sys.stderr)
        return EXIT_CRASH
    seed = options.seed if options.seed is not None else new_seed()
    print(
        f"{prog}: profile={options.profile} seed={seed} workers={options.workers} "
        f"(rerun with --seed {seed})",
        flush=True,
    )
    with contextlib.ExitStack() as stack, ThreadPoolExecutor(1) as pool:
        # The embedded sandbox starts (a second of its own imports) while this process loads
        # pytest, schemathesis and the suite's plugin.
        opening = pool.submit(
            stack.enter_context,
            open_target(options.base_url, allow_production=options.allow_production),
        )
        importlib.import_module("larkpay_conformance.layers.conftest")
        try:
            preflight = run_preflight(opening.result())
            print(preflight.describe(), flush=True)
            preflight = dataclasses.replace(preflight, target=with_second_tenant(preflight.target))
            RECORDER.mark("target_ready", seconds_since_process_start())
        except (TargetError, PreflightError) as exc:
            print(f"{prog}: {exc}", file=sys.stderr)
            return EXIT_PREFLIGHT
        suite_module.PRESTARTED = preflight
        try:
            code = _exit_code(int(pytest.main(pytest_args(options, seed))))
        finally:
            suite_module.PRESTARTED = None
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        # pytest writes the JUnit file of an empty run; a stale one would mislead too.
        (Path(options.report_dir) / "conformance-junit.xml").unlink(missing_ok=True)
    elapsed = seconds_since_process_start()
    requests = RECORDER.total_requests()
    print(
        f"{prog}: exit {code}; {requests:,} HTTP requests in {elapsed:.1f} s from the command's "
        f"start to its exit = {requests / elapsed:.1f} HTTP requests/s",
        flush=True,
    )
    return code


if __name__ == "__main__":
    raise SystemExit(main())
