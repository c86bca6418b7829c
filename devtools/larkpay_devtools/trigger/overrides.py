"""``--override [step:]field=value``: change a fixture's parameters before it runs.

``field`` may be dotted to reach into a mapping (``metadata.order_id=1042``). ``value``
replacing a text, or set under ``metadata`` (whose values are text), is text; otherwise it is
read as a YAML scalar (``5000`` is a number, ``null`` is None, ``'5000'`` is text). Without
``step:`` the override applies to the one step whose params have the field's first part, or to
the first step if none has it; when several have it, it is refused: say which step.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from larkpay_devtools.trigger.fixtures import Fixture, FixtureError

METADATA = "metadata"
"""The field whose values are all text (the spec's Metadata: a map of strings)."""
_OVERRIDE = re.compile(
    r"^(?:(?P<step>[a-z][a-z0-9_]*):)?(?P<path>[A-Za-z_][\w.]*)=(?P<value>.*)$", re.S
)


@dataclass(frozen=True)
class Override:
    """Set ``path`` to ``text`` in the params of ``step`` (None: see the module docstring);
    ``value`` is ``text`` read as YAML."""

    step: str | None
    path: tuple[str, ...]
    text: str
    value: Any


def parse_override(text: str) -> Override:
    """Read one ``--override`` argument."""
    found = _OVERRIDE.match(text)
    if found is None:
        raise FixtureError(
            f"--override {text!r} is not [step:]field=value, e.g. amount=5000 or "
            "settled:outcome=failed"
        )
    try:
        value = yaml.safe_load(found["value"]) if found["value"] else ""
    except yaml.YAMLError:
        value = found["value"]
    return Override(found["step"], tuple(found["path"].split(".")), found["value"], value)


def apply_overrides(fixture: Fixture, overrides: list[Override]) -> Fixture:
    """The fixture with every override applied to its steps' params."""
    steps = [replace(step, params=copy.deepcopy(step.params)) for step in fixture.steps]
    names = [step.name for step in steps]
    for override in overrides:
        if override.step is not None and override.step not in names:
            raise FixtureError(
                f"--override names step {override.step!r}, but {fixture.source} has the steps "
                f"{', '.join(names)}"
            )
        targets = [
            step
            for step in steps
            if override.step == step.name
            or (override.step is None and override.path[0] in step.params)
        ]
        if len(targets) > 1:
            field = ".".join(override.path)
            raise FixtureError(
                f"--override {field}={override.text} is ambiguous: {override.path[0]} is in the "
                f"steps {', '.join(step.name for step in targets)} of {fixture.source}; say "
                f"which, e.g. {targets[0].name}:{field}={override.text}"
            )
        for step in targets or steps[:1]:
            _set(step.params, override)
    return replace(fixture, steps=tuple(steps))


def _set(params: dict[str, Any], override: Override) -> None:
    node = params
    for key in override.path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    last = override.path[-1]
    as_text = isinstance(node.get(last), str) or override.path[0] == METADATA
    node[last] = override.text if as_text else override.value
