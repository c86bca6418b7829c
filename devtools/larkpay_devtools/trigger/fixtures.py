"""Fixtures: YAML files naming the API calls that make an event happen.

    event: payment.updated
    description: A pending payment settles to succeeded.
    steps:
      - name: payment
        call: payments.create          # an SDK method (resource.method) or an operationId
        params: {amount: 2500, currency: USD, source: test_pending}
      - name: settled
        call: sandbox.settle_payment
        params: {payment_id: "${payment.id}", outcome: succeeded}

A string ``${name.field.field}`` in params is replaced by that field of the object an earlier
step answered (the whole value keeps its type; inside a longer string it is text). The package
holds one fixture per event type the sandbox can fire; users pass their own with ``--fixture``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class FixtureError(Exception):
    """A fixture that cannot be read or run; the message names the file and what to fix."""


@dataclass(frozen=True)
class Step:
    """One API call: its result is known to later steps as ``name``."""

    name: str
    call: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Fixture:
    """The calls that make ``event`` happen, read from ``source``."""

    event: str
    description: str
    steps: tuple[Step, ...]
    source: str


def packaged_events() -> list[str]:
    """The event types the package has a fixture for, sorted."""
    folder = resources.files("larkpay_devtools.trigger") / "fixtures"
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


NEVER_SENT_BY_THE_SANDBOX = {
    "refund.updated": "the sandbox's refunds succeed when they are created, so their status "
    "never changes; a deployment whose refunds settle later sends it then",
}
"""The event types of the spec that no call to the sandbox makes happen, and why."""


def packaged_fixture(event: str) -> Fixture:
    """The package's fixture for ``event``."""
    if event in NEVER_SENT_BY_THE_SANDBOX:
        raise FixtureError(
            f"the sandbox never sends {event} ({NEVER_SENT_BY_THE_SANDBOX[event]}), so no "
            "fixture can make it happen there"
        )
    if event not in packaged_events():
        known = ", ".join(packaged_events())
        raise FixtureError(
            f"no fixture for {event!r}; the package has: {known}. "
            "Write your own and pass it with --fixture FILE."
        )
    path = resources.files("larkpay_devtools.trigger") / "fixtures" / f"{event}.yaml"
    return parse_fixture(path.read_text(encoding="utf-8"), f"the {event} fixture")


def fixture_file(path: str) -> Fixture:
    """A user's fixture file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot read the fixture {path}: {exc.strerror or exc}") from exc
    return parse_fixture(text, path)


def parse_fixture(text: str, source: str) -> Fixture:
    """Read and check a fixture; ``source`` names it in errors."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FixtureError(f"{source} is not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise FixtureError(f"{source} must be a mapping with event, description and steps")
    unknown = set(document) - {"event", "description", "steps"}
    if unknown:
        raise FixtureError(f"{source} has unknown keys {sorted(unknown)}; use event, steps")
    event = document.get("event")
    if not isinstance(event, str) or not event:
        raise FixtureError(f"{source} needs `event:` (the event type it makes happen)")
    raw_steps = document.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise FixtureError(f"{source} needs `steps:`, a list of API calls")
    steps = tuple(_step(raw, number, source) for number, raw in enumerate(raw_steps, start=1))
    names = [step.name for step in steps]
    if len(set(names)) != len(names):
        raise FixtureError(f"{source}: two steps have the same name; names must be unique")
    return Fixture(event, str(document.get("description") or ""), steps, source)


def _step(raw: object, number: int, source: str) -> Step:
    where = f"{source}, step {number}"
    if not isinstance(raw, dict):
        raise FixtureError(f"{where} must be a mapping with name, call and params")
    unknown = set(raw) - {"name", "call", "params"}
    if unknown:
        raise FixtureError(f"{where} has unknown keys {sorted(unknown)}; use name, call, params")
    name, call, params = raw.get("name", f"step{number}"), raw.get("call"), raw.get("params", {})
    if not isinstance(name, str) or not NAME.match(name):
        raise FixtureError(f"{where}: name must be lowercase letters, digits and _, got {name!r}")
    if not isinstance(call, str) or not call:
        raise FixtureError(f"{where} needs `call:`, e.g. payments.create or createPayment")
    if not isinstance(params, dict) or not all(isinstance(key, str) for key in params):
        raise FixtureError(f"{where}: params must be a mapping of parameter names to values")
    return Step(name, call, dict(params))
