"""The suite's pytest options, and the :class:`SuiteOptions` read from them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from larkpay_conformance.run.profiles import PROFILES, get_profile
from larkpay_conformance.run.suite import SuiteOptions, WebhookOptions, new_seed
from larkpay_conformance.run.webhook_flags import check_pair, parse_listen, parse_public_url


def add_options(parser: pytest.Parser) -> None:
    """Register --base-url, --profile, --seed, ... (see ``larkpay conformance --help``)."""
    group = parser.getgroup("larkpay", "Larkpay conformance")
    group.addoption(
        "--base-url", default=None, help="deployment to test (default: embedded sandbox)"
    )
    group.addoption("--profile", default="quick", choices=sorted(PROFILES), help="case budget")
    group.addoption("--seed", type=int, default=None, help="seed (printed on every run)")
    group.addoption(
        "--allow-production", action="store_true", help="allow a production URL or a live key"
    )
    group.addoption("--report-dir", default=None, help="write the reports here")
    group.addoption(
        "--webhook-listen",
        default=None,
        metavar="HOST:PORT",
        help="where the webhook receiver listens (default 127.0.0.1 on a free port)",
    )
    group.addoption(
        "--webhook-public-url",
        default=None,
        metavar="URL",
        help="the receiver's URL as the target reaches it (a tunnel or proxy to --webhook-listen)",
    )
    group.addoption(
        "--second-api-key",
        default=None,
        help="a second tenant's API key for the isolation checks (or LARKPAY_API_KEY_2)",
    )
    group.addoption(
        "--second-api-secret",
        default=None,
        help="the second tenant's API secret (or LARKPAY_API_SECRET_2)",
    )
    group.addoption(
        "--fail-under-coverage",
        type=float,
        default=None,
        metavar="P",
        help="fail when the run's coverage of what the spec documents is below P percent",
    )
    # Set by `larkpay conformance`: rerun commands then name it instead of pytest.
    group.addoption("--larkpay-cli", action="store_true", help=argparse.SUPPRESS)


def webhook_options(config: pytest.Config) -> WebhookOptions:
    """The receiver's address and public URL from --webhook-listen / --webhook-public-url."""
    listen = config.getoption("--webhook-listen")
    public_url = config.getoption("--webhook-public-url")
    try:
        check_pair(listen, public_url)
        if listen is None:
            return WebhookOptions()
        return WebhookOptions(
            listen=parse_listen(listen),
            public_url=None if public_url is None else parse_public_url(public_url),
        )
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None


def suite_options(config: pytest.Config) -> SuiteOptions:
    """What this run was asked to do."""
    for option, variable in (
        ("--second-api-key", "LARKPAY_API_KEY_2"),
        ("--second-api-secret", "LARKPAY_API_SECRET_2"),
    ):
        value = config.getoption(option)
        if value:
            os.environ[variable] = value  # read by the target, in this process and workers
    report_dir = config.getoption("--report-dir")
    return SuiteOptions(
        profile=get_profile(config.getoption("--profile")),
        seed=config.getoption("--seed") or new_seed(),
        base_url=config.getoption("--base-url") or os.environ.get("LARKPAY_BASE_URL"),
        allow_production=bool(config.getoption("--allow-production")),
        report_dir=Path(report_dir) if report_dir else None,
        webhooks=webhook_options(config),
        pytest_path=None if config.getoption("--larkpay-cli") else _suite_path(config),
        fail_under_coverage=config.getoption("--fail-under-coverage"),
    )


def _suite_path(config: pytest.Config) -> str:
    """The layers folder as the user could type it from where pytest was started."""
    folder = Path(__file__).resolve().parents[1] / "layers"
    try:
        return str(folder.relative_to(config.invocation_params.dir))
    except ValueError:
        return str(folder)
