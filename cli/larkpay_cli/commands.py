"""The subcommands of ``larkpay``: which module runs each, and which extra it needs."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One subcommand: ``module.main(argv, prog)`` runs it; ``requires`` are the top-level
    modules of its extra, checked before anything of the subcommand is imported."""

    name: str
    summary: str
    module: str
    extra: str
    requires: tuple[str, ...]

    def missing(self) -> list[str]:
        """The required modules that are not installed."""
        return [name for name in self.requires if importlib.util.find_spec(name) is None]

    def install_hint(self) -> str:
        """The one line printed when the extra is not installed."""
        return (
            f"larkpay {self.name} needs the '{self.extra}' extra: "
            f"pip install 'larkpay[{self.extra}]'"
        )


_SANDBOX_MODULES = ("starlette", "uvicorn", "jsonschema", "yaml", "standardwebhooks", "aiohttp")

COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command(
            "conformance",
            "run the conformance suite against the embedded sandbox or a deployment",
            "larkpay_conformance.run.cli",
            "conformance",
            ("schemathesis", "hypothesis", "pytest", "xdist", *_SANDBOX_MODULES),
        ),
        Command(
            "spec",
            "diff two specs for breaking changes (wire and SDK), check against the last release",
            "larkpay_specdiff.cli",
            "spec",
            ("yaml",),  # the SDK diff checks for its generator and griffe itself
        ),
        Command(
            "trigger",
            "make an event happen through the API, from a fixture of API calls",
            "larkpay_devtools.trigger.cli",
            "devtools",
            ("yaml",),
        ),
        Command(
            "clock",
            "read or advance the sandbox's test clock, printing what ran",
            "larkpay_devtools.clock.cli",
            "devtools",
            (),
        ),
        Command(
            "listen",
            "forward the sandbox's webhooks to a local handler through a temporary endpoint",
            "larkpay_devtools.listen.cli",
            "devtools",
            (),
        ),
    )
}
"""Every subcommand, by name."""

SANDBOX = Command(
    "sandbox",
    "run the reference sandbox on 127.0.0.1",
    "larkpay_sandbox.serve",
    "sandbox",
    _SANDBOX_MODULES,
)
"""What ``larkpay-sandbox`` runs."""
