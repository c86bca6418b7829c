"""``larkpay conformance``: run the conformance suite and write its reports.

    larkpay conformance [--base-url URL] [--profile quick|full] [--seed N] [--allow-production]
                        [--report-dir DIR] [-k EXPR] [-x]

Without --base-url (or LARKPAY_BASE_URL) the embedded sandbox is started on a free loopback port
with a fresh database, and the schema layer runs in a second process against it (see
``split``). Writes DIR/conformance-junit.xml, DIR/conformance-report.md and
DIR/conformance-summary.json; exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from larkpay_conformance import suite as suite_module
from larkpay_conformance.profiles import PROFILES
from larkpay_conformance.split import SCHEMA_FILE, SchemaCompanion, merge_junit
from larkpay_conformance.suite import new_seed
from larkpay_conformance.target import TargetError, embedded_target

SUITE_DIR = Path(__file__).resolve().parent / "layers"


def build_parser(prog: str) -> argparse.ArgumentParser:
    """The parser shared by ``larkpay conformance`` and ``python -m larkpay_conformance``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check that a Larkpay API deployment, openapi.yaml and the SDK agree.",
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
        help="quick (about a minute) or full (at least 5,000 cases); default full",
    )
    parser.add_argument("--seed", type=int, help="seed to reproduce a run (printed on every run)")
    parser.add_argument(
        "--allow-production",
        action="store_true",
        help="allow a production URL or a live key (the suite creates payments)",
    )
    parser.add_argument(
        "--report-dir", default="reports", help="where reports go (default: reports)"
    )
    parser.add_argument("-k", dest="keyword", help="only tests matching this pytest -k expression")
    parser.add_argument("-x", "--exitfirst", action="store_true", help="stop at the first failure")
    return parser


def pytest_args(options: argparse.Namespace, seed: int) -> list[str]:
    """The pytest command line for these options."""
    report_dir = Path(options.report_dir)
    args = [
        str(SUITE_DIR),
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
        # Rewriting asserts of every schemathesis module costs ~10 s when bytecode is not cached;
        # the suite's checks carry their own messages.
        "--assert=plain",
        "-v",
    ]
    if options.base_url:
        args += ["--base-url", options.base_url]
    if options.allow_production:
        args.append("--allow-production")
    if options.keyword:
        args += ["-k", options.keyword]
    if options.exitfirst:
        args.append("-x")
    return args


def run_main(argv: Sequence[str] | None = None, prog: str = "python -m larkpay_conformance") -> int:
    """Parse ``argv``, run the suite in this process and return pytest's exit code."""
    import pytest

    options = build_parser(prog).parse_args(argv)
    if not (SUITE_DIR / "conftest.py").is_file():
        print(f"larkpay conformance: the suite is missing from {SUITE_DIR}", file=sys.stderr)
        return 4
    seed = options.seed if options.seed is not None else new_seed()
    print(
        f"larkpay conformance: profile={options.profile} seed={seed} (rerun with --seed {seed})",
        flush=True,
    )
    if not splits(options):
        return int(pytest.main(pytest_args(options, seed)))
    return _run_split(options, seed)


def splits(options: argparse.Namespace) -> bool:
    """Whether the schema layer runs in its own process: only against the embedded sandbox (the
    client, not the sandbox, is the bottleneck there) and for a whole run (no -k / -x)."""
    remote = options.base_url or os.environ.get("LARKPAY_BASE_URL")
    return not remote and not options.keyword and not options.exitfirst


def _run_split(options: argparse.Namespace, seed: int) -> int:
    """The schema layer in a second process, the other layers here, one sandbox, merged output."""
    import pytest

    args = [*pytest_args(options, seed), f"--ignore={SUITE_DIR / SCHEMA_FILE}"]
    with contextlib.ExitStack() as stack:
        try:
            target = stack.enter_context(embedded_target())
        except TargetError as exc:  # pragma: no cover - the embedded sandbox always qualifies
            print(f"larkpay conformance: {exc}", file=sys.stderr)
            return 4
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="larkpay-cf-")))
        companion = SchemaCompanion(
            SUITE_DIR, target, profile=options.profile, seed=seed, workdir=workdir
        )
        stack.callback(companion.stop)
        suite_module.PRESTARTED_TARGET = target
        suite_module.COMPANION = companion
        try:
            code = int(pytest.main(args))
        finally:
            suite_module.PRESTARTED_TARGET = None
            suite_module.COMPANION = None
        schema_code = companion.finish(suite_module.CURRENT.recorder) if suite_module.CURRENT else 1
        merge_junit(Path(options.report_dir) / "conformance-junit.xml", workdir / "junit.xml")
        output = (workdir / "output.txt").read_text(encoding="utf-8", errors="replace")
        lines = output.rstrip().splitlines()
        shown = lines[-60:] if schema_code != 0 else lines[-1:]
        print("larkpay conformance: schema layer (second process):", *shown, sep="\n", flush=True)
        if code == 0 and schema_code != 0:
            code = 1 if schema_code == 1 else schema_code
        return code


def main(argv: Sequence[str] | None = None, prog: str = "larkpay conformance") -> int:
    """``larkpay conformance ...`` (called by the ``larkpay`` dispatcher)."""
    return run_main(argv, prog=prog)


if __name__ == "__main__":
    raise SystemExit(main())
