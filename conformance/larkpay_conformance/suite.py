"""State shared by the layers of one run: options, seed, target and the case recorder."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from larkpay_conformance.profiles import Profile
from larkpay_conformance.stats import RECORDER, Recorder
from larkpay_conformance.target import Target


@dataclass
class SuiteOptions:
    """What the user asked for on the command line."""

    profile: Profile
    seed: int
    base_url: str | None
    allow_production: bool
    report_dir: Path | None


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
    #: closes the embedded sandbox at the end of the run
    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @property
    def target_label(self) -> str:
        """How the summary names the target."""
        if self.target is None:
            return "not started"
        kind = "embedded sandbox" if self.target.embedded else "remote"
        return f"{self.target.base_url} ({kind})"


def new_seed() -> int:
    """A fresh seed, small enough to type back in."""
    return random.SystemRandom().randrange(1, 2**31)


#: The current run, set by the conftest at configure time.
CURRENT: Suite | None = None

#: A target started by ``larkpay conformance`` before pytest (shared with the schema process);
#: the conftest uses it instead of starting one.
PRESTARTED_TARGET: Target | None = None

#: The schema layer's process when ``larkpay conformance`` split the run (a SchemaCompanion).
COMPANION: Any = None


def current_schema() -> Any:
    """The schemathesis schema of the current run (for module-level ``parametrize``)."""
    if CURRENT is None or CURRENT.schema is None:
        raise RuntimeError(
            "run the conformance suite through pytest conformance/ or larkpay conformance"
        )
    return CURRENT.schema
