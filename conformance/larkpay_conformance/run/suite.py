"""State shared by the layers of one run: options, seed, target and the recorder."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from larkpay_conformance.deployment.preflight import Preflight
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import RECORDER, Recorder
from larkpay_conformance.run.profiles import Profile


@dataclass(frozen=True)
class WebhookOptions:
    """Where the webhook receiver listens and the URL the target is told to deliver to."""

    #: (host, port) to listen on; port 0 picks a free one
    listen: tuple[str, int] = ("127.0.0.1", 0)
    #: the receiver's URL as the target reaches it (None: http://HOST:PORT as it listens)
    public_url: str | None = None

    @property
    def configured(self) -> bool:
        """Whether the user said how a remote target reaches the receiver."""
        return self.public_url is not None


@dataclass
class SuiteOptions:
    """What the user asked for on the command line."""

    profile: Profile
    seed: int
    base_url: str | None
    allow_production: bool
    report_dir: Path | None
    webhooks: WebhookOptions = field(default_factory=WebhookOptions)
    #: how rerun commands start: None for ``larkpay conformance``, else ``pytest <this path>``
    pytest_path: str | None = None
    #: fail the run when its coverage percentage is below this
    fail_under_coverage: float | None = None


@dataclass
class Suite:
    """One run: its options, its target (once started) and its recorder."""

    options: SuiteOptions
    recorder: Recorder = field(default_factory=lambda: RECORDER)
    target: Target | None = None
    #: the schemathesis schema bound to the target
    schema: Any = None
    #: the --base-url that rerun commands name (None: the embedded sandbox)
    rerun_base_url: str | None = None
    #: what the preflight found, as one line (empty in a worker process)
    preflight: str = ""
    #: worker processes of this run (0: the tests run in this process)
    workers: int = 0
    #: whether this process reports the run (False in an xdist worker)
    reporting: bool = True
    #: closes the embedded sandbox at the end of the run
    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @property
    def target_label(self) -> str:
        """How the summary names the target."""
        if self.target is None:
            return "not started"
        kind = "embedded" if self.target.embedded else "remote"
        sandbox = "sandbox" if self.target.is_sandbox else "not a sandbox"
        return f"{self.target.base_url} ({kind}, {sandbox})"


def new_seed() -> int:
    """A fresh seed, small enough to type back in."""
    return random.SystemRandom().randrange(1, 2**31)


#: The current run, set by the conftest at configure time.
CURRENT: Suite | None = None

#: The target ``larkpay conformance`` started and checked before pytest (the preflight, with the
#: checked target): the conftest uses it instead of starting one.
PRESTARTED: Preflight | None = None


def current_schema() -> Any:
    """The schemathesis schema of the current run (for module-level ``parametrize``)."""
    if CURRENT is None or CURRENT.schema is None:
        raise RuntimeError(
            "run the conformance suite through larkpay conformance or pytest on its layers folder"
        )
    return CURRENT.schema


def current() -> Suite:
    """The current run (set by the conftest)."""
    if CURRENT is None:
        raise RuntimeError("the conformance conftest was not configured")
    return CURRENT
